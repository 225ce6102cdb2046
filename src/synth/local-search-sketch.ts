// `local-search` as an exact method on a loaded sketch: every Hamming-1 move is scored by the exact
// interpreter (satisfied (example, output) terms), one step = one scan of the whole neighbourhood.
import type { Sketch } from '../sketch/sketch.ts';
import { createChecker } from '../exact/interpret.ts';
import { createTermScorer } from '../exact/term-score.ts';
import { paramsToJson } from '../data/params.ts';
import { DEFAULT_EPSILON } from '../relax/index.ts';
import { LocalSearch, localSearchSettings } from '../optimizers/local-search.ts';
import { resolveOptimizerOptions } from '../optimizers/registry.ts';
import { OptionError } from '../optimizers/options.ts';
import { Rng } from '../util/rng.ts';
import { CurveRecorder } from './curve.ts';
import { ProgressThrottle } from './progress.ts';
import type { SketchSynthesisOptions } from './run-sketch.ts';
import { stopRequested, type StopReason } from './synthesize.ts';
import type { MethodSynthesis } from './method.ts';

/**
 * Runs exact local search on `sketch`. `result.steps` counts neighbourhood scans (each ends in a
 * move or a random restart), `result.attempts` restarts + 1, and the loss is the relaxed loss at the
 * current vertex computed exactly: unsatisfied terms x -log(epsilon) / examples. Deterministic for
 * a seed apart from where a time limit falls; a success has passed `createChecker`.
 */
export function synthesizeLocalSearch(sketch: Sketch, options: SketchSynthesisOptions): MethodSynthesis {
  const { program, dataset } = sketch;
  if (program.real) throw new OptionError('local-search searches discrete Params only; this program has real-valued parts');
  const resolved = resolveOptimizerOptions('local-search', options.options ?? {});
  const t0 = performance.now();
  const scorer = createTermScorer(program, dataset);
  const checker = createChecker(program, dataset);
  const paramIds = program.vars.filter((v) => v.role === 'param').map((v) => v.id);
  const domains = paramIds.map((id) => program.vars[id]!.domain);
  const search = new LocalSearch(domains, new Rng(options.seed).fork(0), localSearchSettings(resolved), scorer.termCount);
  const byVar = new Int32Array(program.vars.length);
  const toVars = (a: Int32Array): Int32Array => {
    for (let i = 0; i < paramIds.length; i++) byVar[paramIds[i]!] = a[i]!;
    return byVar;
  };
  const perTerm = -Math.log(options.epsilon ?? DEFAULT_EPSILON) / Math.max(1, dataset.examples.length);
  const lossOf = (score: number): number => (scorer.termCount - score) * perTerm;
  const curve = new CurveRecorder(options.curvePoints ?? 1024);
  const progress = new ProgressThrottle(options.onProgress, options.progressIntervalSeconds ?? 0.1);
  const timeLimitMs = (options.timeLimitSeconds ?? Infinity) * 1000;
  const compileSeconds = (performance.now() - t0) / 1000;

  const best = new Int32Array(paramIds.length);
  let bestScore = -Infinity;
  let verifications = 0;
  let verifyMs = 0;
  let stopReason: StopReason = 'max-steps';
  let loss = NaN;
  const verifyCurrent = (): boolean => {
    const v0 = performance.now();
    verifications++;
    const ok = checker.solves(toVars(search.current));
    verifyMs += performance.now() - v0;
    return ok;
  };

  // Score the initial assignment, then scan until a scan ends at a verified solution.
  search.report(scorer.satisfiedTerms(toVars(search.probe)));
  while (stopReason === 'max-steps') {
    if (search.currentScore > bestScore) {
      bestScore = search.currentScore;
      best.set(search.current);
    }
    if (search.currentScore === scorer.termCount && verifyCurrent()) {
      stopReason = 'solved';
      break;
    }
    if (search.scans >= options.maxSteps) break;
    if (paramIds.length === 0) {
      stopReason = 'unsat';
      break;
    }
    const scans = search.scans;
    while (search.scans === scans) {
      search.report(scorer.satisfiedTerms(toVars(search.probe)));
      if (performance.now() - t0 > timeLimitMs) {
        stopReason = 'time-limit';
        break;
      }
      if (stopRequested(options.stop)) {
        stopReason = 'interrupted';
        break;
      }
    }
    // After a restart the new assignment still needs its score before it can be judged.
    if (search.currentScore === -Infinity) search.report(scorer.satisfiedTerms(toVars(search.probe)));
    loss = lossOf(search.currentScore);
    curve.record(search.scans - 1, loss);
    const now = performance.now();
    progress.maybe(now, t0, search.scans, loss, lossOf(bestScore), verifyMs);
  }

  const wallMs = performance.now() - t0;
  const success = stopReason === 'solved';
  if (success) best.set(search.current);
  const assignment = Int32Array.from(toVars(best));
  const steps = search.scans;
  progress.final(performance.now(), t0, steps, loss, lossOf(bestScore), verifyMs);
  return {
    result: {
      success,
      stopReason,
      steps,
      attempts: search.restarts + 1,
      wallSeconds: wallMs / 1000,
      stepsPerSecond: steps / Math.max(1e-9, (wallMs - verifyMs) / 1000),
      verifySeconds: verifyMs / 1000,
      verifications,
      loss,
      bestLoss: lossOf(bestScore),
      bestAssignment: best,
      bestScore: checker.examplesSolved(assignment),
      lossCurve: curve.curve(Number.isNaN(loss) ? undefined : { step: steps - 1, loss }),
      optimizer: 'local-search',
      options: resolved,
      seed: options.seed,
    },
    assignment,
    params: paramsToJson(program, assignment),
    examplesSolved: checker.examplesSolved(assignment),
    compileSeconds,
    evaluations: search.evaluations,
  };
}
