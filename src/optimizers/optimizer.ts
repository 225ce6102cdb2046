// The one interface every optimizer implements, and the record that registers an optimizer by name.

import type { Objective } from '../relax/objective.ts';
import type { Rng } from '../util/rng.ts';
import type { OptionSpec, ResolvedOptions } from './options.ts';

/**
 * What an optimizer is initialised from: the Param layout of an {@link Objective}, plus its per-term
 * weights and losses (read and written only by optimizers that reweight the loss). Any `Objective`
 * is one.
 */
export type OptimizerProblem = Pick<Objective, 'params' | 'size' | 'termCount' | 'termWeights' | 'termLosses'>;

/**
 * A search over the Param probability vectors. One step of a run is
 * `probs(t)` -> `objective.lossAndGradient` -> `update(grad, loss, t)` -> `decode` (the pass is
 * skipped where `gradientWithoutPass` supplies the gradient).
 */
export interface Optimizer {
  /**
   * The flat probability vectors the evaluator sees at step `t` (0-based): softmax of logits, a
   * Gumbel sample, a one-hot vertex, a smoothed vertex. The array is owned by the optimizer and
   * reused; callers must not write to it.
   */
  probs(step: number): Float64Array;
  /** Takes one step from `grad` = d loss / d probs at the vectors returned by `probs(step)`. */
  update(grad: Float64Array, loss: number, step: number): void;
  /**
   * Writes the current discrete assignment, one value per ParamSlot: the vertex of a discrete
   * method, the argmax of a relaxed one (exact ties broken at random, so that a symmetric start
   * does not hand value 0 to every Param).
   */
  decode(into: Int32Array): void;
  /**
   * Optional: the per-term losses of the decoded assignment when the optimizer evaluated it exactly
   * (a vertex of a discrete program), else null. Lets the loop skip the exact interpreter on
   * assignments already known to fail; a possible solution is still verified.
   */
  decodedTermLosses?(): Float64Array | null;
  /**
   * Optional: true when the objective's last forward pass was at the vectors `probs` returns next
   * (the optimizer evaluated its new point itself), so the loop may skip that forward pass.
   */
  probsJustEvaluated?(): boolean;
  /**
   * Optional: when the optimizer already knows the gradient at the vectors `probs` returns next
   * (a discrete search that only reweighted the loss since its last pass), writes it into `grad`
   * and returns the loss with every term weight 1; null when the loop must make the pass.
   */
  gradientWithoutPass?(grad: Float64Array): number | null;
}

/** An optimizer's entry in the registry: its name, one-line summary, option schema and factory. */
export interface OptimizerDefinition {
  readonly name: string;
  readonly summary: string;
  /** `relaxed`: searches in the interior of the simplex; `discrete`: moves between vertices. */
  readonly family: 'relaxed' | 'discrete';
  readonly options: readonly OptionSpec[];
  /** Builds a fresh optimizer; all randomness comes from `rng`; `options` are already resolved. */
  create(problem: OptimizerProblem, rng: Rng, options: ResolvedOptions): Optimizer;
}
