// One progress bar for a whole comparison: finished runs plus the used budget of runs in flight,
// the runs solved so far, what is running now and an estimate of the time left. Off a terminal (a
// batch job's log) the same status is a plain line every few seconds.
import type { CompareProgress } from '../index.ts';
import { ProgressBar } from './progress-bar.ts';

/** How progress is shown: a redrawn bar, a plain line every `seconds`, or nothing. */
export type ProgressMode = { readonly kind: 'bar' } | { readonly kind: 'lines'; readonly seconds: number } | { readonly kind: 'none' };

/** Draws {@link CompareProgress} on stderr: a bar at most every 100 ms, or plain lines. */
export class CompareProgressBar {
  private readonly bar: ProgressBar;
  private lastMs: number;
  private readonly intervalMs: number;

  constructor(private readonly mode: ProgressMode) {
    this.bar = new ProgressBar(mode.kind === 'bar');
    this.intervalMs = mode.kind === 'lines' ? mode.seconds * 1000 : 100;
    // Plain lines start one interval in: a short comparison prints none.
    this.lastMs = mode.kind === 'lines' ? performance.now() : -Infinity;
  }

  update(p: CompareProgress): void {
    if (this.mode.kind === 'none') return;
    const now = performance.now();
    const last = p.done === p.total && this.mode.kind === 'bar';
    if (now - this.lastMs < this.intervalMs && !last) return;
    this.lastMs = now;
    const inFlight = p.running.reduce((a, r) => a + r.fraction, 0);
    const fraction = p.total ? Math.min(1, (p.done + inFlight) / p.total) : 1;
    const eta = fraction > 0.01 ? ` ETA ${clock((p.elapsedSeconds * (1 - fraction)) / fraction)}` : '';
    const running = p.running
      .map((r) => `${r.spec.optimizer}${r.spec.sweepValue === null ? '' : ` ${r.spec.sweepValue}`}#${r.spec.run}`)
      .join(', ');
    const status = `${p.done}/${p.total} runs, ${p.solved} solved, ${clock(p.elapsedSeconds)}${eta}${running ? `  [${running}]` : ''}`;
    if (this.mode.kind === 'lines') process.stderr.write(`tpt compare: ${status}\n`);
    else this.bar.update(fraction, status);
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
