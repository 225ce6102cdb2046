// Search methods side by side: every registered optimizer (gradient loop), exact local search, the
// Z3 backend and the SAT backend behind one `runMethod`, so `tpt synth` and `tpt compare` treat them alike.
import type { Sketch } from '../sketch/sketch.ts';
import { createChecker } from '../exact/interpret.ts';
import { paramsToJson } from '../data/params.ts';
import { listOptimizers, resolveOptimizerOptions } from '../optimizers/registry.ts';
import { OptionError, resolveOptions, type OptionSpec, type ResolvedOptions } from '../optimizers/options.ts';
import { synthesizeSketch, type SketchSynthesisOptions } from '../synth/run-sketch.ts';
import { synthesizeLocalSearch } from '../synth/local-search-sketch.ts';
import type { MethodSynthesis } from '../synth/method.ts';
import { smtBackend } from '../smt/index.ts';
import { satBackend, type SatResult } from '../sat/index.ts';
import { warmUpSmt } from './smt-warmup.ts';

/** A search method as `tpt compare` and `tpt synth` see it. */
export interface MethodInfo {
  readonly name: string;
  readonly summary: string;
  /** `relaxed`/`discrete`: gradient methods; `exact`: scored by exact evaluation (local-search, smt). */
  readonly family: 'relaxed' | 'discrete' | 'exact';
  readonly options: readonly OptionSpec[];
}

/** The methods that are not gradient optimizers, scored by exact evaluation. */
const EXACT = new Set(['local-search', 'smt', 'sat']);

/** The exact solvers: each encodes the program for an external engine and runs it once. */
const SOLVER_BACKENDS = [smtBackend, satBackend] as const;

/** Every method: the optimizer registry in its order, then `smt` and `sat`. */
export function listMethods(): readonly MethodInfo[] {
  const optimizers = listOptimizers().map((d) => ({
    name: d.name,
    summary: d.summary,
    family: EXACT.has(d.name) ? ('exact' as const) : d.family,
    options: d.options,
  }));
  const solvers = SOLVER_BACKENDS.map((b) => ({ name: b.name, summary: b.summary, family: 'exact' as const, options: b.options as readonly OptionSpec[] }));
  return [...optimizers, ...solvers];
}

/** The method called `name`; throws {@link OptionError} listing the known names. */
export function getMethod(name: string): MethodInfo {
  const methods = listMethods();
  const found = methods.find((m) => m.name === name);
  if (!found) throw new OptionError(`unknown optimizer '${name}'; known: ${methods.map((m) => m.name).join(', ')}`);
  return found;
}

/** Validates raw options (numbers, booleans or command-line strings) and fills in defaults. */
export function resolveMethodOptions(name: string, raw: Readonly<Record<string, unknown>> = {}): ResolvedOptions {
  if (solverBackend(name)) return resolveOptions(name, getMethod(name).options, raw);
  return resolveOptimizerOptions(name, raw);
}

function solverBackend(name: string): (typeof SOLVER_BACKENDS)[number] | undefined {
  return SOLVER_BACKENDS.find((b) => b.name === name);
}

/** One run of any method: the gradient loop's request (smt and sat runs ignore steps and restarts). */
export type MethodRequest = SketchSynthesisOptions;

/**
 * Runs method `request.optimizer` on `sketch`. Gradient optimizers go through `synthesizeSketch`,
 * `local-search` through exact scoring, `smt` through Z3 and `sat` through a SAT solver (their
 * `timeLimit` option is overridden by `request.timeLimitSeconds` when given). Every success has
 * passed the exact interpreter.
 */
export async function runMethod(sketch: Sketch, request: MethodRequest): Promise<MethodSynthesis> {
  const name = request.optimizer;
  const backend = solverBackend(name);
  if (backend) return runSolverBackend(backend, sketch, request);
  if (name === 'local-search') return synthesizeLocalSearch(sketch, request);
  return synthesizeSketch(sketch, request);
}

async function runSolverBackend(backend: (typeof SOLVER_BACKENDS)[number], sketch: Sketch, request: MethodRequest): Promise<MethodSynthesis> {
  const { program, dataset } = sketch;
  if (program.real) throw new OptionError(`${backend.name} encodes discrete programs only; this program has real values`);
  const raw = { ...(request.options ?? {}) };
  if (request.timeLimitSeconds !== undefined && Number.isFinite(request.timeLimitSeconds)) raw['timeLimit'] = request.timeLimitSeconds;
  const options = resolveMethodOptions(backend.name, raw);
  if (backend === smtBackend) await warmUpSmt();
  const t0 = performance.now();
  const answer = await backend.run(program, dataset, options, request.seed);
  const wallSeconds = (performance.now() - t0) / 1000;
  const checker = createChecker(program, dataset);
  const assignment = answer.assignment ?? new Int32Array(program.vars.length);
  // The exact interpreter judges the solver's answer like any other method's.
  const success = answer.status === 'sat' && checker.solves(assignment);
  const stopReason = success ? 'solved' : answer.status === 'timeout' ? 'time-limit' : answer.status === 'sat' ? 'unverified' : answer.status;
  const examplesSolved = checker.examplesSolved(assignment);
  const paramIds = program.vars.filter((v) => v.role === 'param').map((v) => v.id);
  request.onProgress?.({ step: 0, loss: NaN, bestLoss: NaN, stepsPerSecond: 0, elapsedSeconds: wallSeconds, done: true });
  return {
    result: {
      success,
      stopReason,
      steps: 0,
      attempts: 1,
      wallSeconds: answer.seconds,
      stepsPerSecond: 0,
      verifySeconds: 0,
      verifications: answer.assignment ? 1 : 0,
      loss: NaN,
      bestLoss: NaN,
      bestAssignment: Int32Array.from(paramIds, (id) => assignment[id]!),
      bestScore: examplesSolved,
      lossCurve: { steps: [], losses: [] },
      optimizer: backend.name,
      options,
      seed: request.seed,
    },
    assignment,
    params: paramsToJson(program, assignment),
    examplesSolved,
    compileSeconds: answer.encodeSeconds,
    ...(backend === satBackend
      ? satFields(answer as SatResult)
      : { smtStatus: answer.status, solverWork: { solveSeconds: Math.max(0, answer.seconds - answer.encodeSeconds), conflicts: answer.conflicts } }),
  };
}

function satFields(answer: SatResult): Pick<MethodSynthesis, 'satStatus' | 'solverWork'> {
  return { satStatus: answer.status, solverWork: { solveSeconds: answer.solveSeconds, conflicts: answer.conflicts } };
}
