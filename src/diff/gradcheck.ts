// Central finite differences: the independent oracle every analytic gradient is checked against.
import type { Objective } from '../relax/objective.ts';

/** Options of `checkObjectiveGradient`. */
export interface GradCheckOptions {
  /** Finite-difference step h in (f(x + h) - f(x - h)) / 2h. Default 1e-6. */
  readonly step?: number;
  /** Relative tolerance. Default 1e-4. */
  readonly relative?: number;
  /** Absolute tolerance, for entries whose gradient is near 0. Default 1e-6. */
  readonly absolute?: number;
}

/** The worst disagreement found; `ok` when every entry is within `absolute + relative * max(|a|, |n|)`. */
export interface GradCheckReport {
  readonly ok: boolean;
  readonly checked: number;
  readonly index: number;
  readonly analytic: number;
  readonly numeric: number;
  /** Disagreement divided by its tolerance (<= 1 means within tolerance). */
  readonly ratio: number;
}

/** (f(x + h e_i) - f(x - h e_i)) / 2h; `x` is restored before returning. */
export function centralDifference(f: (x: Float64Array) => number, x: Float64Array, i: number, step = 1e-6): number {
  const saved = x[i]!;
  x[i] = saved + step;
  const up = f(x);
  x[i] = saved - step;
  const down = f(x);
  x[i] = saved;
  return (up - down) / (2 * step);
}

/** Compares `analytic` with central differences of `f` at `x` on `indices` (default: every entry). */
export function compareGradient(
  f: (x: Float64Array) => number,
  x: Float64Array,
  analytic: ArrayLike<number>,
  options: GradCheckOptions = {},
  indices?: ArrayLike<number>,
): GradCheckReport {
  const { step = 1e-6, relative = 1e-4, absolute = 1e-6 } = options;
  const n = indices ? indices.length : x.length;
  let worst = { index: -1, analytic: 0, numeric: 0, ratio: 0 };
  for (let k = 0; k < n; k++) {
    const i = indices ? indices[k]! : k;
    const numeric = centralDifference(f, x, i, step);
    const a = analytic[i]!;
    const ratio = Math.abs(a - numeric) / (absolute + relative * Math.max(Math.abs(a), Math.abs(numeric)));
    // `!(ratio <= worst)` also catches NaN.
    if (!(ratio <= worst.ratio)) worst = { index: i, analytic: a, numeric, ratio };
  }
  return { ok: worst.ratio <= 1, checked: n, ...worst };
}

/** Checks `objective.lossAndGradient` at `probs` against central differences of its loss. */
export function checkObjectiveGradient(objective: Objective, probs: Float64Array, options: GradCheckOptions = {}): GradCheckReport {
  const grad = new Float64Array(objective.size);
  const scratch = new Float64Array(objective.size);
  objective.lossAndGradient(probs, grad);
  const x = Float64Array.from(probs);
  return compareGradient((p) => objective.lossAndGradient(p, scratch), x, grad, options);
}
