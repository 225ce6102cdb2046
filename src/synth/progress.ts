// Progress reporting for long runs: a snapshot type and a throttle that calls the hook at most
// once per interval (the CLI draws a progress bar from it).

/** A snapshot of a running synthesis, passed to `onProgress`. */
export interface Progress {
  /** Steps taken so far (over all attempts). */
  readonly step: number;
  /** Loss of the latest step. */
  readonly loss: number;
  readonly bestLoss: number;
  /** Steps per second of stepping time so far. */
  readonly stepsPerSecond: number;
  readonly elapsedSeconds: number;
  /** True for the one call made when the run ends. */
  readonly done: boolean;
  /** The best assignment so far, one value per ParamSlot (the loop's own array: copy to keep), from `synthesize`. */
  readonly bestAssignment?: Int32Array;
  /** The same by variable id, as `runExact` takes it (copy to keep), from `synthesizeSketch` and `runMethod`. */
  readonly assignment?: Int32Array;
  /** Examples the best assignment satisfies (the run's score), when known. */
  readonly examplesSolved?: number;
}

/** Calls `hook` at most once per `intervalSeconds`; checking costs one comparison per step. */
export class ProgressThrottle {
  private nextMs = -Infinity;
  private readonly intervalMs: number;
  private best: Int32Array | undefined;
  private bestScore: (() => number) | undefined;

  constructor(
    private readonly hook: ((progress: Progress) => void) | undefined,
    intervalSeconds: number,
  ) {
    this.intervalMs = intervalSeconds * 1000;
  }

  /** Reports include `best` (read at each report) and, when given, its score. */
  track(best: Int32Array, score?: () => number): void {
    this.best = best;
    this.bestScore = score;
  }

  /** Reports if the interval has passed. `overheadMs` is time not spent stepping (setup, verify). */
  maybe(nowMs: number, startMs: number, step: number, loss: number, bestLoss: number, overheadMs: number): void {
    if (!this.hook || nowMs < this.nextMs) return;
    this.nextMs = nowMs + this.intervalMs;
    this.report(nowMs, startMs, step, loss, bestLoss, overheadMs, false);
  }

  /** The final report, always made when a hook is set. */
  final(nowMs: number, startMs: number, step: number, loss: number, bestLoss: number, overheadMs: number): void {
    if (this.hook) this.report(nowMs, startMs, step, loss, bestLoss, overheadMs, true);
  }

  private report(
    nowMs: number,
    startMs: number,
    step: number,
    loss: number,
    bestLoss: number,
    overheadMs: number,
    done: boolean,
  ): void {
    const elapsedMs = nowMs - startMs;
    const steppingMs = Math.max(1e-6, elapsedMs - overheadMs);
    const score = this.bestScore?.();
    this.hook!({
      step, loss, bestLoss, stepsPerSecond: (step * 1000) / steppingMs, elapsedSeconds: elapsedMs / 1000, done,
      ...(this.best ? { bestAssignment: this.best } : {}),
      ...(score !== undefined && Number.isFinite(score) ? { examplesSolved: score } : {}),
    });
  }
}
