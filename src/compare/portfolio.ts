// A portfolio of runs (`tpt synth --jobs N`): the same method with seeds S, S+1, ..., S+N-1 in N
// worker threads; the first run that solves wins and the others are stopped. Search times of one
// method are heavy-tailed, so on N free cores the portfolio's time is the fastest of N draws. Every
// run stays reproducible on its own: the winner's seed is in its result. The losers are ended at
// once (a solver like Z3 cannot stop between steps).
import type { Sketch } from '../sketch/sketch.ts';
import type { Progress } from '../synth/progress.ts';
import type { MethodSynthesis } from '../synth/method.ts';
import type { MethodRequest } from './methods.ts';
import { startMethodInWorker, type BackgroundRun } from './run-in-worker.ts';

/** The winning (or, if none solved, the best) run, and what the portfolio did. */
export type PortfolioSynthesis = MethodSynthesis & {
  readonly portfolio: { readonly runs: number; readonly seeds: readonly number[] };
};

/** Starts `jobs` runs of `request` with consecutive seeds; `request.onProgress` sees their sum. */
export function startPortfolio(sketch: Sketch, request: MethodRequest, jobs: number, start = startMethodInWorker): BackgroundRun & { result: Promise<PortfolioSynthesis> } {
  const seeds = Array.from({ length: jobs }, (_, k) => request.seed + k);
  const latest: (Progress | null)[] = seeds.map(() => null);
  const combined = (): Progress => {
    const known = latest.filter((p): p is Progress => p !== null);
    return {
      step: known.reduce((a, p) => a + p.step, 0),
      loss: Math.min(...known.map((p) => p.loss)),
      bestLoss: Math.min(...known.map((p) => p.bestLoss)),
      stepsPerSecond: known.reduce((a, p) => a + p.stepsPerSecond, 0),
      elapsedSeconds: Math.max(...known.map((p) => p.elapsedSeconds)),
      done: known.length === jobs && known.every((p) => p.done),
    };
  };
  const runs = seeds.map((seed, k) =>
    start(sketch, {
      ...request,
      seed,
      ...(request.onProgress
        ? {
            onProgress: (p: Progress) => {
              latest[k] = p;
              request.onProgress!(combined());
            },
          }
        : {}),
    }),
  );
  const stopAll = (): void => runs.forEach((r) => r.stop());
  const result = new Promise<PortfolioSynthesis>((resolve, reject) => {
    const finished: (MethodSynthesis | null)[] = runs.map(() => null);
    let pending = runs.length;
    let failed: unknown = null;
    let won = false;
    const settle = (): void => {
      if (--pending > 0) return;
      const done = finished.filter((s): s is MethodSynthesis => s !== null);
      if (done.length === 0) return reject(failed);
      // The first solved run by wall time, else the one satisfying most examples.
      const solved = done.filter((s) => s.result.success).sort((a, b) => a.result.wallSeconds - b.result.wallSeconds);
      const best = solved[0] ?? [...done].sort((a, b) => b.examplesSolved - a.examplesSolved)[0]!;
      resolve({ ...best, portfolio: { runs: jobs, seeds } });
    };
    runs.forEach((run, k) =>
      run.result.then(
        (s) => {
          finished[k] = s;
          if (s.result.success && !won) {
            won = true;
            runs.forEach((other, j) => j !== k && void other.kill());
          }
          settle();
        },
        (e: unknown) => {
          if (!won) failed ??= e; // a loser ended by the winner rejects: not a failure
          settle();
        },
      ),
    );
  });
  return {
    result,
    stop: stopAll,
    kill: async () => void (await Promise.all(runs.map((r) => r.kill()))),
  };
}
