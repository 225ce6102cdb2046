// What a SAT solver takes and answers, whichever package runs it.

/** A CNF as DIMACS literals: every clause followed by 0. */
export interface CnfClauses {
  readonly variables: number;
  readonly literals: Int32Array;
}

export interface SolveRequest {
  /** Wall-clock limit for the solver call, in seconds. */
  readonly seconds: number;
  /** The solver's random seed (where it has one). */
  readonly seed?: number;
}

export type SolverStatus = 'sat' | 'unsat' | 'timeout' | 'unknown';

export interface SolverAnswer {
  readonly status: SolverStatus;
  /** `model[v]` is 1 when variable v is true (v = 1..variables); null unless sat. */
  readonly model: Uint8Array | null;
  /** Conflicts the solver reports, null when it reports none. */
  readonly conflicts: number | null;
  /** Time spent loading the instance into the solver and solving it, in seconds. */
  readonly seconds: number;
}

/** The in-process SAT solvers. */
export type SolverName = 'cadical' | 'minisat';
/** Every in-process SAT solver. */
export const SOLVERS: readonly SolverName[] = ['cadical', 'minisat'];
