// solveSat: encodes a lowered program and its examples as CNF and asks an in-process SAT solver for a
// Param assignment.
import type { Program } from '../ir/ir.ts';
import type { Dataset } from '../data/dataset.ts';
import { solveCadical, warmUpCadical } from './cadical.ts';
import { DEFAULT_CNF_ENCODING, decodeParams, encodeCnf, type CnfEncodingName } from './encode.ts';
import { solveMiniSat, warmUpMiniSat } from './minisat.ts';
import type { CnfClauses, SolveRequest, SolverAnswer, SolverName, SolverStatus } from './solver.ts';

export interface SatOptions {
  /** Wall-clock limit for encoding plus solving, in seconds (loading the solver, once per thread, is not counted). */
  readonly timeLimitSeconds: number;
  readonly encoding?: CnfEncodingName;
  readonly solver?: SolverName;
  /** The solver's random seed (CaDiCaL; MiniSat's build is deterministic). */
  readonly seed?: number;
  readonly onLog?: (message: string) => void;
}

export interface SatResult {
  readonly status: SolverStatus;
  /** Indexed by variable id, Params only (other entries 0), like runExact's params; null unless sat. */
  readonly assignment: Int32Array | null;
  /** Encoding plus solving, in seconds. */
  readonly seconds: number;
  readonly encodeSeconds: number;
  /** Loading the clauses into the solver and solving, in seconds. */
  readonly solveSeconds: number;
  /** Conflicts reported by the solver (null for MiniSat, whose build reports none). */
  readonly conflicts: number | null;
  readonly variables: number;
  readonly clauses: number;
}

export const DEFAULT_SOLVER: SolverName = 'cadical';

/** Runs the named solver on `cnf`. */
export function runSolver(name: SolverName, cnf: CnfClauses, request: SolveRequest): Promise<SolverAnswer> {
  return name === 'minisat' ? solveMiniSat(cnf, request) : solveCadical(cnf, request);
}

/** Finds Param values that make every example produce its observed outputs without runtime faults. */
export async function solveSat(program: Program, dataset: Dataset, options: SatOptions): Promise<SatResult> {
  const log = options.onLog ?? (() => {});
  const encoding = options.encoding ?? DEFAULT_CNF_ENCODING;
  const solver = options.solver ?? DEFAULT_SOLVER;
  await (solver === 'minisat' ? warmUpMiniSat() : warmUpCadical());
  const start = performance.now();
  const instance = encodeCnf(program, dataset, encoding);
  const { cnf } = instance;
  log(`sat: ${encoding} encoding, ${cnf.variables} variables, ${cnf.clauses} clauses in ${instance.encodeSeconds.toFixed(3)} s`);
  const remaining = options.timeLimitSeconds - (performance.now() - start) / 1000;
  const base = { encodeSeconds: instance.encodeSeconds, variables: cnf.variables, clauses: cnf.clauses };
  if (remaining <= 0) return { ...base, status: 'timeout', assignment: null, seconds: (performance.now() - start) / 1000, solveSeconds: 0, conflicts: null };
  const answer = await runSolver(
    solver,
    { variables: cnf.variables, literals: cnf.clauseLiterals() },
    { seconds: remaining, ...(options.seed === undefined ? {} : { seed: options.seed }) },
  );
  const seconds = (performance.now() - start) / 1000;
  log(`sat: ${solver} says ${answer.status} after ${answer.seconds.toFixed(3)} s${answer.conflicts === null ? '' : `, ${answer.conflicts} conflicts`}`);
  const assignment = answer.model ? decodeParams(program, instance.params, answer.model) : null;
  return { ...base, status: answer.status, assignment, seconds, solveSeconds: answer.seconds, conflicts: answer.conflicts };
}
