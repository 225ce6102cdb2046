// solveSat: encodes a lowered program and its examples as CNF and asks an in-process SAT solver for a
// Param assignment.
import type { Program } from '../ir/ir.ts';
import type { Dataset } from '../data/dataset.ts';
import { solveCadical, warmUpCadical } from './cadical.ts';
import { DEFAULT_CNF_ENCODING, decodeParams, encodeCnf, type CnfEncodingName } from './encode.ts';
import type { CnfClauses, SolveRequest, SolverAnswer, SolverName, SolverStatus } from './solver.ts';

/** How {@link solveSat} encodes and solves. */
export interface SatOptions {
  /** Wall-clock limit for encoding plus solving, in seconds (loading the solver, once per thread, is not counted). */
  readonly timeLimitSeconds: number;
  readonly encoding?: CnfEncodingName;
  readonly solver?: SolverName;
  /** The solver's random seed (CaDiCaL; MiniSat's build is deterministic). */
  readonly seed?: number;
  readonly onLog?: (message: string) => void;
}

/** What {@link solveSat} found, with its cost. */
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

/** The solver `sat` uses unless told otherwise: CaDiCaL, which stops at the time limit by itself. */
export const DEFAULT_SOLVER: SolverName = 'cadical';

/** Runs the named solver on `cnf`. */
export function runSolver(name: SolverName, cnf: CnfClauses, request: SolveRequest): Promise<SolverAnswer> {
  return name === 'cadical' ? solveCadical(cnf, request) : hostSolver(name).solve(cnf, request);
}

/** A solver the host supplies: MiniSat needs a Node worker thread, so it is not part of `tpt/core`. */
export interface HostSolver {
  readonly solve: (cnf: CnfClauses, request: SolveRequest) => Promise<SolverAnswer>;
  readonly warmUp: () => Promise<void>;
}

const hostSolvers = new Map<SolverName, HostSolver>();

/** Makes solver `name` available; Node's entry points register MiniSat (src/sat/node-solvers.ts). */
export function registerSatSolver(name: SolverName, solver: HostSolver): void {
  hostSolvers.set(name, solver);
}

function hostSolver(name: SolverName): HostSolver {
  const solver = hostSolvers.get(name);
  if (!solver) throw new Error(`the SAT solver '${name}' runs only under Node (import 'tpt', not 'tpt/core'); solver=cadical runs anywhere`);
  return solver;
}

/** Finds Param values that make every example produce its observed outputs without runtime faults. */
export async function solveSat(program: Program, dataset: Dataset, options: SatOptions): Promise<SatResult> {
  const log = options.onLog ?? (() => {});
  const encoding = options.encoding ?? DEFAULT_CNF_ENCODING;
  const solver = options.solver ?? DEFAULT_SOLVER;
  await (solver === 'cadical' ? warmUpCadical() : hostSolver(solver).warmUp());
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
