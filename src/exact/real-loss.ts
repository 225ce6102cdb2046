// The exact data loss of a program with real values, one example at a time, then reduced over
// examples: the same conventions the relaxed evaluator trains with, evaluated on exact values.
import type { Program } from '../ir/ir.ts';
import type { RealSettings } from '../ir/real.ts';
import { DONT_CARE, type Dataset, type Example } from '../data/dataset.ts';
import type { RealRun } from './real.ts';

/** One example's loss terms, before the reduction over examples. */
export interface ExampleLoss {
  /** `(1/2 or 1) * sum (o - t)^2` over the observed real Output elements. */
  readonly squared: number;
  /** Negative log-likelihood of the observed Bernoulli / Categorical draws. */
  readonly crossEntropy: number;
  /** `-log(match + epsilon)` of the other observed discrete variables (0 or about 16). */
  readonly discrete: number;
}

export function exampleLoss(
  program: Program, dataset: Dataset, example: Example, values: Int32Array, run: RealRun, outputs: Float64Array, epsilon: number,
): ExampleLoss {
  const real = program.real!;
  const half = real.settings.squaredError.half ? 0.5 : 1;
  let squared = 0;
  outputs.forEach((o, i) => {
    const t = example.realExpected![i]!;
    if (!Number.isNaN(t)) squared += (o - t) * (o - t);
  });
  // Where each bridged variable's probability vector is: bridge b, element i.
  const drawn = new Map<number, { b: number; i: number }>();
  real.bridges.forEach((br, b) => br.targets.forEach((v, i) => drawn.set(v, { b, i })));
  let crossEntropy = 0;
  let discrete = 0;
  dataset.observedVars.forEach((v, k) => {
    const want = example.expected[k]!;
    if (want === DONT_CARE) return;
    const at = drawn.get(v);
    if (!at) {
      discrete -= Math.log((values[v] === want ? 1 : 0) + epsilon);
      return;
    }
    const bridge = real.bridges[at.b]!;
    const p = run.bridgeProbs[at.b];
    let q = Number.NaN;
    if (p && bridge.dist === 'bernoulli') q = want === 1 ? p[at.i]! : 1 - p[at.i]!;
    else if (p) q = p[at.i * bridge.expr.shape[bridge.expr.shape.length - 1]! + want]!;
    crossEntropy -= Math.log(q + epsilon);
  });
  return { squared: half * squared, crossEntropy, discrete };
}

/** Sums or averages each kind of term over examples as the settings say (other observations: mean). */
export function reduceLosses(settings: RealSettings, losses: readonly ExampleLoss[]): number {
  const n = Math.max(1, losses.length);
  const total = (pick: (l: ExampleLoss) => number): number => losses.reduce((s, l) => s + pick(l), 0);
  const se = total((l) => l.squared) / (settings.squaredError.reduction === 'mean' ? n : 1);
  const ce = total((l) => l.crossEntropy) / (settings.crossEntropy.reduction === 'mean' ? n : 1);
  return se + ce + total((l) => l.discrete) / n;
}
