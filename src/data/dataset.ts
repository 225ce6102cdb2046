// A validated batch of examples in the form every evaluator consumes: flat per-example arrays.

/** Marks a masked (don't-care, `null` in data) expected output. */
export const DONT_CARE = -1;

/** One example: its Inputs' values and its expected outputs (`DONT_CARE` where not compared). */
export interface Example {
  readonly name: string;
  /** Values of `Dataset.inputVars`, aligned by position. */
  readonly inputs: Int32Array;
  /** Expected values of `Dataset.observedVars`, aligned by position; DONT_CARE when masked. */
  readonly expected: Int32Array;
  /** Values of `Dataset.realInputs`, concatenated in order (absent when the program has none). */
  readonly realInputs?: Float64Array;
  /** Expected values of `Dataset.realOutputs`, concatenated in order; NaN where masked (`null`). */
  readonly realExpected?: Float64Array;
}

/** A batch's examples checked against a program: which variables are clamped and observed, and each example's values. */
export interface Dataset {
  /** Variable ids clamped per example: every Input not assigned by the program itself. */
  readonly inputVars: readonly number[];
  /** Variable ids compared per example: every Output, then every `observe_value` target. */
  readonly observedVars: readonly number[];
  readonly examples: readonly Example[];
  /** Real Input tensors (ids into `Program.real.tensors`) fed per example. */
  readonly realInputs?: readonly number[];
  /** Real Output tensors observed per example (with squared error). */
  readonly realOutputs?: readonly number[];
}
