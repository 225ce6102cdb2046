// reinmax: ReinMax (Liu, Dong, Liu, Yu, Gao, "Bridging discrete and backpropagation:
// straight-through and beyond", NeurIPS 2023), the second-order (Heun) estimator of the gradient of
// E[loss(D)] with respect to the logits theta, D ~ softmax(theta) one-hot; then Adam.
//
// Rule implemented, per Param with pi0 = softmax(theta), a one-hot sample D ~ pi0 sent forward and
// g = d loss / d D at that vertex: pi1 = (D + softmax(theta / tau)) / 2 and
//   d theta = 2 J(pi1) g - J(pi0) g / 2,   J(p) g = p * (g - <p, g>)  (softmax's Jacobian),
// centred to mean 0 over the Param's values, as in the authors' implementation. tau >= 1.

import type { ParamSlot } from '../relax/objective.ts';
import type { OptimizerDefinition } from './optimizer.ts';
import { logitOptions } from './logits.ts';
import { num } from './options.ts';
import { SampledLogits } from './sampled-logits.ts';
import { softmaxSlots } from './simplex.ts';

/**
 * Writes the ReinMax estimate into `out`: `soft` = softmax(theta), `sample` the one-hot D, `tempered`
 * = softmax(theta / tau) (overwritten with pi1), `grad` = d loss / d D.
 */
export function reinmaxGradient(
  slots: readonly ParamSlot[],
  soft: Float64Array,
  sample: Float64Array,
  tempered: Float64Array,
  grad: Float64Array,
  out: Float64Array,
): void {
  for (const { offset, domain } of slots) {
    let dot1 = 0;
    let dot0 = 0;
    for (let k = 0; k < domain; k++) {
      const i = offset + k;
      tempered[i] = 0.5 * (sample[i]! + tempered[i]!);
      dot1 += tempered[i]! * grad[i]!;
      dot0 += soft[i]! * grad[i]!;
    }
    let mean = 0;
    for (let k = 0; k < domain; k++) {
      const i = offset + k;
      out[i] = 2 * tempered[i]! * (grad[i]! - dot1) - 0.5 * soft[i]! * (grad[i]! - dot0);
      mean += out[i]!;
    }
    mean /= domain;
    for (let k = 0; k < domain; k++) out[offset + k] -= mean;
  }
}

/** `reinmax`: one-hot sample forward, Heun's second-order gradient estimate backward, Adam. */
export const reinmax: OptimizerDefinition = {
  name: 'reinmax',
  summary: 'ReinMax: a one-hot sample of softmax(logits) forward, the second-order (Heun) estimate of the logit gradient, Adam',
  family: 'discrete',
  options: [
    ...logitOptions({ init: 'maxent' }),
    { name: 'tau', type: 'number', min: 1, default: 8, doc: 'temperature tau of softmax(theta / tau) in the midpoint pi1 (the method asks tau >= 1)' },
  ],
  create(problem, rng, options) {
    const s = new SampledLogits(problem, rng, options);
    const tau = num(options, 'tau');
    const tempered = new Float64Array(problem.size);
    return {
      probs: () => s.draw(),
      update(grad) {
        s.observe(problem.termLosses);
        softmaxSlots(s.slots, s.logits, tau, tempered);
        reinmaxGradient(s.slots, s.soft, s.probs, tempered, grad, s.logitGrad);
        s.step();
      },
      decode: (into) => s.decode(into),
    };
  },
};
