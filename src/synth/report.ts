// A finished search shown to a user: the text `tpt synth` prints (verdict, Params, annotated sketch, the
// exact check ending in `N/N examples solved`) and the JSON of `tpt synth --json`, which `tpt run --params` reads.
import { runExact } from '../exact/interpret.ts';
import type { Sketch } from '../sketch/sketch.ts';
import { optimizerModuleSource } from '../optimizers/registry.ts';
import { observesNothing } from '../sketch/observed.ts';
import type { MethodSynthesis as OneRun } from './method.ts';
import { formatNet, netJson } from './net-report.ts';
import { annotatedSource, compact, fixedParamsLine, paramTables } from './present.ts';
import { formatRun } from './run-text.ts';

/** One run, or the winner of a portfolio of runs with consecutive seeds (`tpt synth --jobs N`). */
export type MethodSynthesis = OneRun & { readonly portfolio?: { readonly runs: number; readonly seeds: readonly number[] } };

/** Where a result came from, for its JSON. */
export interface SynthesisJsonContext {
  /** The program as the user named it (a path, or a name in the playground). */
  readonly program: string;
  readonly version: string;
  /** Wall time of the whole command (compile included). */
  readonly wallSeconds: number;
}

/** The result as `tpt synth --json` prints it; its `assignment` makes it a params file for `tpt run --params`. */
export function synthesisJson(sketch: Sketch, s: MethodSynthesis, context: SynthesisJsonContext): Record<string, unknown> {
  const r = s.result;
  return {
    success: r.success,
    stopReason: r.stopReason,
    steps: r.steps,
    attempts: r.attempts,
    wallSeconds: context.wallSeconds,
    compileSeconds: s.compileSeconds,
    stepsPerSecond: r.stepsPerSecond,
    loss: r.loss,
    bestLoss: r.bestLoss,
    examplesSolved: s.examplesSolved,
    examples: sketch.dataset.examples.length,
    nothingObserved: observesNothing(sketch.program, sketch.dataset),
    assignment: s.params,
    optimizer: r.optimizer,
    ...(optimizerModuleSource(r.optimizer) ? { module: optimizerModuleSource(r.optimizer) } : {}),
    options: r.options,
    seed: r.seed,
    ...(s.portfolio ? { portfolio: s.portfolio } : {}),
    hypers: sketch.hypers,
    program: context.program,
    batch: sketch.batchName,
    version: context.version,
    lossCurve: r.lossCurve,
    ...(s.solverWork ? { [r.optimizer]: s.solverWork } : {}),
    ...netJson(s),
  };
}

/** The first line of a synthesis report: what happened, at what cost. */
function headline(sketch: Sketch, s: MethodSynthesis, speed: string, stoppedBy: string): string {
  const r = s.result;
  const n = sketch.dataset.examples.length;
  const source = optimizerModuleSource(r.optimizer);
  const method = source ? `${r.optimizer} (from ${source.path}, SHA-256 ${source.sha256.slice(0, 12)})` : r.optimizer;
  if (observesNothing(sketch.program, sketch.dataset)) {
    return `nothing is observed: every assignment solves it, so the Params below are arbitrary (${r.optimizer}, seed ${r.seed})`;
  }
  const parallel = s.portfolio ? `, first of ${s.portfolio.runs} parallel runs` : '';
  if (r.success) return `solved by ${method} (seed ${r.seed}${parallel}) in ${speed}`;
  const why = r.stopReason === 'interrupted' ? `stopped by ${stoppedBy}` : r.stopReason;
  return `not solved by ${method} (seed ${r.seed}; ${why}) after ${speed}; the best assignment satisfies ${s.examplesSolved}/${n} examples`;
}

/** The engine behind an exact method's run, as a user knows it. */
function solverLabel(r: MethodSynthesis['result']): string {
  if (r.optimizer === 'smt') return 'Z3';
  return r.options['solver'] === 'minisat' ? 'MiniSat' : 'CaDiCaL';
}

/** The text `tpt synth` prints for a finished run; `stoppedBy` says what stopped an interrupted one. */
export function formatSynthesis(sketch: Sketch, s: MethodSynthesis, stoppedBy = 'Ctrl-C'): string {
  const r = s.result;
  const lines: string[] = [];
  const compile = `${(s.compileSeconds * 1000).toFixed(0)} ms`;
  // An exact solver takes no steps: say what it did instead.
  const work = s.solverWork;
  const speed = work
    ? `${r.wallSeconds.toFixed(2)} s (${solverLabel(r)} solving ${work.solveSeconds.toFixed(2)} s${work.conflicts === null ? '' : `, ${work.conflicts.toLocaleString('en-US')} conflicts`}), encoding ${compile}`
    : `${r.steps} steps, ${r.wallSeconds.toFixed(2)} s (${compact(r.stepsPerSecond)} steps/s), compile ${compile}`;
  lines.push(headline(sketch, s, speed, stoppedBy), '');
  if (s.net) lines.push(formatNet(sketch, s), '');
  lines.push(formatAssignment(sketch, s.params), '');
  lines.push(formatRun(sketch, runExact(sketch.program, sketch.dataset, s.assignment, s.net?.realParams)));
  return lines.join('\n');
}

/** Params that share an index as tables, the Params the program fixes, then the sketch with each Param's value beside its lines. */
export function formatAssignment(sketch: Sketch, params: Record<string, unknown>): string {
  const tables = paramTables(sketch.program, params);
  const fixed = fixedParamsLine(sketch.program);
  return [tables, fixed, annotatedSource(sketch.program, sketch.source, params)].filter((x) => x !== null).join('\n\n');
}
