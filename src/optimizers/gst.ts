// gst: the Gapped Straight-Through estimator (Fan, Chi, Rudnicky, Ramadge, "Training discrete deep
// generative models via gapped straight-through estimator", ICML 2022); then Adam.
//
// Rule implemented, per Param: a one-hot sample D ~ softmax(theta) is sent forward; backward, the
// gradient g = d loss / d D passes through softmax(theta~ / tau) with the deterministic, detached
// perturbation theta~ = theta + m1 - m2, where m1 raises the sampled value's logit to max(theta)
// and m2 = max(0, theta_j + kappa - max(theta)) lowers every other logit to at least the gap kappa
// below it: d theta = J(softmax(theta~ / tau)) g / tau. GST-1.0 is kappa = 1; GST-p takes
// kappa = -log(1 - p_D) / p_D with p_D the sample's probability.

import type { ParamSlot } from '../relax/objective.ts';
import type { OptimizerDefinition } from './optimizer.ts';
import { logitOptions } from './logits.ts';
import { bool, num } from './options.ts';
import { SampledLogits } from './sampled-logits.ts';
import { softmaxBackward, softmaxSlots } from './simplex.ts';

/** The gap settings: a fixed kappa, or kappa from the sample's probability (GST-p). */
export interface GapSettings {
  readonly tau: number;
  readonly gap: number;
  readonly probabilityGap: boolean;
}

/**
 * Writes the GST estimate into `out` from the logits, `soft` = softmax(logits), the sampled values
 * and `grad` = d loss / d D; `moved` and `movedSoft` are scratch (theta~ and its softmax).
 */
export function gstGradient(
  slots: readonly ParamSlot[],
  logits: Float64Array,
  soft: Float64Array,
  sample: Int32Array,
  grad: Float64Array,
  settings: GapSettings,
  moved: Float64Array,
  movedSoft: Float64Array,
  out: Float64Array,
): void {
  for (let p = 0; p < slots.length; p++) {
    const { offset, domain } = slots[p]!;
    const d = offset + sample[p]!;
    let max = -Infinity;
    for (let k = 0; k < domain; k++) max = Math.max(max, logits[offset + k]!);
    const pi = Math.min(soft[d]!, 1 - 1e-5); // GST-p's gap is infinite at p = 1
    const gap = settings.probabilityGap ? -Math.log1p(-pi) / pi : settings.gap;
    for (let k = 0; k < domain; k++) {
      const i = offset + k;
      moved[i] = i === d ? max : logits[i]! - Math.max(0, logits[i]! + gap - max);
    }
  }
  softmaxSlots(slots, moved, settings.tau, movedSoft);
  softmaxBackward(slots, movedSoft, grad, settings.tau, out);
}

/** `gst`: one-hot sample forward, softmax of the gapped logits backward, Adam. */
export const gst: OptimizerDefinition = {
  name: 'gst',
  summary: 'gapped straight-through: a one-hot sample forward, backward through softmax of logits moved to make the sample the argmax by a gap; Adam',
  family: 'discrete',
  options: [
    ...logitOptions({ init: 'maxent' }),
    { name: 'tau', type: 'number', min: 0, minExclusive: true, default: 1, doc: 'temperature of the backward softmax(theta~ / tau)' },
    { name: 'gap', type: 'number', min: 0, default: 1, doc: 'gap kappa between the sampled logit and every other (GST-1.0)' },
    { name: 'probabilityGap', type: 'boolean', default: false, doc: 'GST-p: the gap -log(1 - p) / p from the sample probability p instead of gap' },
  ],
  create(problem, rng, options) {
    const s = new SampledLogits(problem, rng, options);
    const settings: GapSettings = { tau: num(options, 'tau'), gap: num(options, 'gap'), probabilityGap: bool(options, 'probabilityGap') };
    const moved = new Float64Array(problem.size);
    const movedSoft = new Float64Array(problem.size);
    return {
      probs: () => s.draw(),
      update(grad) {
        s.observe(problem.termLosses);
        gstGradient(s.slots, s.logits, s.soft, s.sample, grad, settings, moved, movedSoft, s.logitGrad);
        s.step();
      },
      decode: (into) => s.decode(into),
    };
  },
};
