// rloo: REINFORCE with the leave-one-out baseline (Kool, van Hoof, Welling, "Buy 4 REINFORCE
// samples, get a baseline for free!", ICLR 2019 workshop) on the logits; then Adam.
//
// Rule implemented: k one-hot samples x_1 .. x_k ~ softmax(theta) with losses f_i; each sample's
// baseline is the mean of the other k - 1 losses, so
//   d theta = 1/k sum_i (f_i - mean_{j != i} f_j) d log p(x_i) / d theta
//           = 1/(k - 1) sum_i (f_i - mean f) (e_(x_i) - softmax(theta))   per Param,
// where the softmax term cancels because the centred losses sum to 0. The loop's pass evaluates
// x_1; the other k - 1 are evaluated by the objective's vertex evaluator (a forward pass without
// one). One step therefore costs k evaluations.

import type { ParamSlot } from '../relax/objective.ts';
import type { OptimizerDefinition } from './optimizer.ts';
import { logitOptions } from './logits.ts';
import { num } from './options.ts';
import { SampledLogits } from './sampled-logits.ts';
import { VertexEnergy } from './vertex-energy.ts';

/**
 * Writes the leave-one-out estimate into `out` from `k` samples (row-major, one value per slot each)
 * and their losses.
 */
export function rlooGradient(slots: readonly ParamSlot[], samples: Int32Array, losses: Float64Array, k: number, out: Float64Array): void {
  const n = slots.length;
  let mean = 0;
  for (let i = 0; i < k; i++) mean += losses[i]!;
  mean /= k;
  out.fill(0);
  for (let i = 0; i < k; i++) {
    const c = (losses[i]! - mean) / (k - 1);
    for (let p = 0; p < n; p++) out[slots[p]!.offset + samples[i * n + p]!] += c;
  }
}

/** `rloo`: k samples per step, the score-function estimate with leave-one-out baselines, Adam. */
export const rloo: OptimizerDefinition = {
  name: 'rloo',
  summary: 'REINFORCE leave-one-out: k one-hot samples per step, each baselined by the mean loss of the others; Adam on the logits',
  family: 'discrete',
  options: [...logitOptions({ init: 'maxent', lr: 0.01 }), { name: 'samples', type: 'integer', min: 2, default: 4, doc: 'samples k per step (each step costs k evaluations)' }],
  create(problem, rng, options) {
    const s = new SampledLogits(problem, rng, options);
    const k = num(options, 'samples');
    const n = s.slots.length;
    const energy = new VertexEnergy(problem, 'loss', 'rloo');
    const samples = new Int32Array(k * n);
    const losses = new Float64Array(k);
    const vertex = new Float64Array(problem.size);
    const terms = new Float64Array(problem.termCount);
    return {
      probs: () => s.draw(),
      update() {
        // Sample 1 is the one the loop just evaluated.
        s.observe(problem.termLosses);
        losses[0] = energy.plainLoss(problem.termLosses);
        samples.set(s.sample, 0);
        for (let i = 1; i < k; i++) {
          s.draw(vertex);
          losses[i] = energy.loss(vertex, terms);
          s.observe(terms);
          samples.set(s.sample, i * n);
        }
        rlooGradient(s.slots, samples, losses, k, s.logitGrad);
        s.step();
      },
      decode: (into) => s.decode(into),
    };
  },
};
