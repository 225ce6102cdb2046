// Synthesis of a loaded sketch: compiles the relaxed evaluator, verifies with the exact interpreter,
// and reports the result in the form `tpt synth --json` prints and `tpt run --params` reads back.
import type { Sketch } from '../sketch/sketch.ts';
import { createChecker } from '../exact/interpret.ts';
import { paramsToJson } from '../data/params.ts';
import { compileRelaxed, DEFAULT_EPSILON, type RelaxedStats } from '../relax/index.ts';
import { FAIL_LOSS } from '../optimizers/clause-weights.ts';
import { synthesize, type SynthesizeRequest, type SynthesisResult } from './synthesize.ts';
import type { NetOptions } from './net-options.ts';
import type { Progress } from './progress.ts';
import type { NetReport } from './net-report.ts';
import { trainSketch } from './train.ts';

/** Options of `synthesizeSketch`: the optimizer by name with its options, seed, budgets and callbacks. */
export interface SketchSynthesisOptions extends Omit<SynthesizeRequest, 'objective' | 'verify' | 'score'> {
  /** Added inside -log(p + epsilon) (default 1e-7). */
  readonly epsilon?: number;
  /** Programs with real values: batching, epochs, real-parameter update, loss settings and target. */
  readonly net?: NetOptions;
}

/** One synthesis run of a sketch, verified by the exact interpreter. */
export interface SketchSynthesis {
  readonly result: SynthesisResult;
  /** Best (or solving) assignment indexed by variable id, as `runExact` takes it. */
  readonly assignment: Int32Array;
  /** The same as a params object (`tpt run --params` format). */
  readonly params: Record<string, unknown>;
  /** Examples the assignment satisfies under the exact interpreter. */
  readonly examplesSolved: number;
  readonly compileSeconds: number;
  readonly evaluatorStats: RelaxedStats;
  /** Programs with real values: accuracy, data loss, target and training settings of the run. */
  readonly net?: NetReport;
}

/** Compiles `sketch` and runs one synthesis; every success has passed the exact interpreter. */
export function synthesizeSketch(sketch: Sketch, options: SketchSynthesisOptions): SketchSynthesis {
  if (sketch.program.real) return trainSketch(sketch, options);
  const { program, dataset } = sketch;
  const t0 = performance.now();
  const evaluator = compileRelaxed(program, dataset, { epsilon: options.epsilon ?? DEFAULT_EPSILON });
  const compileSeconds = (performance.now() - t0) / 1000;
  const checker = createChecker(program, dataset);
  // The run's wall time and its time limit cover building the evaluator and the checker, as
  // local-search's cover its scorer and the solvers' their encoding, so comparisons time alike.
  const setupSeconds = (performance.now() - t0) / 1000;
  const byVar = new Int32Array(program.vars.length).fill(-1);
  const slots = evaluator.params;
  // Params the loss never reaches are not in the evaluator; they keep value 0.
  for (const v of program.vars) if (v.role === 'param') byVar[v.id] = 0;
  const toVars = (assignment: Int32Array): Int32Array => {
    for (let i = 0; i < slots.length; i++) byVar[slots[i]!.variable] = assignment[i]!;
    return byVar;
  };
  // The loop scores every assignment it verifies: one exact run gives both answers.
  let lastScore = 0;
  const total = dataset.examples.length;
  const onProgress = options.onProgress;
  const searched = synthesize({
    ...options,
    ...(options.timeLimitSeconds !== undefined ? { timeLimitSeconds: Math.max(0, options.timeLimitSeconds - setupSeconds) } : {}),
    ...(onProgress ? { onProgress: (p: Progress) => onProgress(p.bestAssignment ? { ...p, assignment: toVars(p.bestAssignment) } : p) } : {}),
    objective: evaluator,
    verify: (a) => (lastScore = checker.examplesSolved(toVars(a))) === total,
    score: () => lastScore,
    ...(evaluator.realParams.length > 0 ? {} : { screen: examplesSolvedScreen(evaluator.termCount, total) }),
  });
  const result: SynthesisResult = { ...searched, wallSeconds: searched.wallSeconds + setupSeconds };
  const assignment = Int32Array.from(toVars(result.bestAssignment));
  return {
    result,
    assignment,
    params: paramsToJson(program, assignment),
    examplesSolved: checker.examplesSolved(assignment),
    compileSeconds,
    evaluatorStats: evaluator.stats,
  };
}

/**
 * Examples solved from exact per-term losses (rows of `termCount / examples` terms; a term fails
 * above log 2, i.e. its observed value has probability below 1/2), or null when all are solved and
 * the exact interpreter must confirm it.
 */
export function examplesSolvedScreen(termCount: number, examples: number): (termLosses: Float64Array) => number | null {
  const perExample = examples > 0 ? termCount / examples : 0;
  return (losses) => {
    let solved = 0;
    for (let e = 0, t = 0; e < examples; e++) {
      let ok = true;
      for (let k = 0; k < perExample; k++, t++) if (losses[t]! > FAIL_LOSS) ok = false;
      if (ok) solved++;
    }
    return solved === examples ? null : solved;
  };
}
