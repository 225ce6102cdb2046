// One progress bar for a whole comparison: finished runs plus the used budget of runs in flight,
// the runs solved so far, what is running now and an estimate of the time left.
import type { CompareProgress } from '../index.ts';
import { ProgressBar } from './progress-bar.ts';

/** Draws {@link CompareProgress} on stderr (TTY only), at most every 100 ms. */
export class CompareProgressBar {
  private readonly bar: ProgressBar;
  private lastMs = -Infinity;

  constructor(enabled: boolean) {
    this.bar = new ProgressBar(enabled);
  }

  update(p: CompareProgress): void {
    const now = performance.now();
    if (now - this.lastMs < 100 && p.done < p.total) return;
    this.lastMs = now;
    const inFlight = p.running.reduce((a, r) => a + r.fraction, 0);
    const fraction = p.total ? Math.min(1, (p.done + inFlight) / p.total) : 1;
    const eta = fraction > 0.01 ? ` ETA ${clock((p.elapsedSeconds * (1 - fraction)) / fraction)}` : '';
    const running = p.running
      .map((r) => `${r.spec.optimizer}${r.spec.sweepValue === null ? '' : ` ${r.spec.sweepValue}`}#${r.spec.run}`)
      .join(', ');
    this.bar.update(fraction, `${p.done}/${p.total} runs, ${p.solved} solved, ${clock(p.elapsedSeconds)}${eta}${running ? `  [${running}]` : ''}`);
  }

  done(): void {
    this.bar.done();
  }
}

/** `42s`, `3m05s`, `1h02m`. */
function clock(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
