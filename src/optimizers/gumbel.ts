// gumbel: the evaluator sees a Gumbel-softmax sample softmax((logits + g) / tau), tau annealed;
// `hard` sends the sample's one-hot argmax forward and its soft gradient back (straight-through).

import type { OptimizerDefinition } from './optimizer.ts';
import { LogitState, logitOptions } from './logits.ts';
import { bool, num } from './options.ts';
import { argmaxSlot, softmaxBackward, softmaxSlots, writeSlotVertex } from './simplex.ts';

/** `gumbel`: Gumbel-softmax relaxation; tau = max(minTau, tau * anneal^t) (defaults 2.5, 0.9999, 0.5; docs/SEMANTICS.md). */
export const gumbel: OptimizerDefinition = {
  name: 'gumbel',
  summary: 'Gumbel-softmax samples with an annealed temperature (optionally straight-through hard)',
  family: 'relaxed',
  options: [
    ...logitOptions(),
    { name: 'tau', type: 'number', min: 0, minExclusive: true, default: 2.5, doc: 'initial temperature' },
    { name: 'anneal', type: 'number', min: 0, max: 1, minExclusive: true, default: 0.9999, doc: 'tau is multiplied by this every step' },
    { name: 'minTau', type: 'number', min: 0, minExclusive: true, default: 0.5, doc: 'floor for the annealed tau' },
    { name: 'hard', type: 'boolean', default: false, doc: 'forward the one-hot argmax of the sample, backward through the soft sample' },
  ],
  create(problem, rng, options) {
    const s = new LogitState(problem, rng, options);
    const noiseRng = rng.fork(0x9b1);
    const tau0 = num(options, 'tau');
    const anneal = num(options, 'anneal');
    const floor = Math.min(num(options, 'minTau'), tau0);
    const hard = bool(options, 'hard');
    const perturbed = new Float64Array(problem.size);
    const sample = new Float64Array(problem.size);
    let tau = tau0;
    return {
      probs(step) {
        tau = Math.max(floor, tau0 * Math.pow(anneal, step));
        for (let i = 0; i < perturbed.length; i++) perturbed[i] = s.logits[i] + noiseRng.gumbel();
        softmaxSlots(s.slots, perturbed, tau, sample);
        if (!hard) return sample;
        for (const slot of s.slots) {
          writeSlotVertex(slot, argmaxSlot(sample, slot.offset, slot.domain, s.tieRng), 0, s.probs);
        }
        return s.probs;
      },
      update(grad) {
        softmaxBackward(s.slots, sample, grad, tau, s.logitGrad);
        s.step();
      },
      decode: (into) => s.decode(into),
    };
  },
};
