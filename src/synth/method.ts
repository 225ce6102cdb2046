// The result of one run of any search method (gradient loop, exact local search, Z3): a
// SketchSynthesis whose stop reason may also be a solver verdict and whose evaluator stats are optional.
import type { SketchSynthesis } from './run-sketch.ts';
import type { StopReason, SynthesisResult } from './synthesize.ts';

/** Why a run of any method stopped: the loop's reasons, or an SMT/SAT verdict that found no solution. */
export type MethodStopReason = StopReason | 'unsat' | 'unknown' | 'unverified';

/** {@link SynthesisResult} with the wider {@link MethodStopReason}. */
export type MethodResult = Omit<SynthesisResult, 'stopReason'> & { readonly stopReason: MethodStopReason };

/** One run of any method; see `runMethod`. */
export type MethodSynthesis = Omit<SketchSynthesis, 'evaluatorStats' | 'result'> & {
  readonly result: MethodResult;
  /** Only for gradient methods (the compiled evaluator's sizes). */
  readonly evaluatorStats?: SketchSynthesis['evaluatorStats'];
  /** Exact evaluations of whole assignments (local-search). */
  readonly evaluations?: number;
  /** Z3's verdict (smt). */
  readonly smtStatus?: string;
  /** The SAT solver's verdict (sat). */
  readonly satStatus?: string;
  /** What the exact solver did (smt, sat): seconds in the solver after encoding, and its conflicts (null if it counts none). */
  readonly solverWork?: { readonly solveSeconds: number; readonly conflicts: number | null };
};
