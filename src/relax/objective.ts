// The contract between evaluators and optimizers: a loss over flat Param probability vectors and its gradient.

/** Where one scalar Param variable's probability vector lives in the flat parameter array. */
export interface ParamSlot {
  /** IR variable id. */
  readonly variable: number;
  /** Printable name such as `gate[3]`. */
  readonly name: string;
  readonly domain: number;
  /** Start of its `domain` entries in the flat array. */
  readonly offset: number;
}

/**
 * A differentiable loss over the concatenated probability vectors of every Param.
 * Loss = mean over examples of the sum over observed (example, output) terms of
 * `termWeights[t] * -log(p_t + epsilon)`; masked terms contribute nothing.
 */
export interface Objective {
  readonly params: readonly ParamSlot[];
  /** Length of the flat probability (and gradient) array. */
  readonly size: number;
  /** Number of (example, observed output) terms: examples x observed variables, row-major by example. */
  readonly termCount: number;
  /** Per-term weights, default 1; optimizers that reweight the loss write into this array. */
  readonly termWeights: Float64Array;
  /** Per-term unweighted losses `-log(p + epsilon)` of the last call (0 for masked terms). */
  readonly termLosses: Float64Array;
  /**
   * Optional: the loss per unit of summed weighted term losses (1 / examples for a mean over
   * examples), so that `loss = lossScale * sum_t termWeights[t] * termLosses[t]`.
   */
  readonly lossScale?: number;
  /**
   * Evaluates the loss at `probs` (entries used exactly as supplied, no renormalisation) and writes
   * d loss / d probs into `grad` (overwritten). Allocates nothing.
   */
  lossAndGradient(probs: Float64Array, grad: Float64Array): number;
  /**
   * Optional: `lossAndGradient(probs, grad)` when the caller knows the last forward pass was at
   * `probs` (only the term weights may have changed since); skips the forward pass where it can.
   */
  lossAndGradientAfterPass?(probs: Float64Array, grad: Float64Array): number;
  /**
   * Optional (discrete programs): the per-term losses at a vertex `probs` (every Param one-hot),
   * written into `into[at ..]`; equal to the `termLosses` a forward pass there would leave, but
   * computed without a pass, so `termLosses` and the state of the last pass are untouched.
   */
  readonly termLossesAtVertex?: (probs: Float64Array, into: Float64Array, at?: number) => void;
  /**
   * Optional (discrete programs): `lossAndGradient` at a vertex `probs`, computed without a pass
   * (`termLosses` and the state of the last pass are untouched).
   */
  readonly lossAndGradientAtVertex?: (probs: Float64Array, grad: Float64Array) => number;
  /**
   * Programs with real values: the flat vector of real Params every pass reads (owned by the
   * objective; a continuous optimizer updates it in place). Absent for discrete programs.
   */
  readonly realValues?: Float64Array;
  /** d loss / d `realValues` of the last `lossAndGradient` call (same length). */
  readonly realGradient?: Float64Array;
}
