// fmgd: TerpreT's forward marginals gradient descent — the evaluator sees softmax(logits); Adam on the logits.

import type { OptimizerDefinition } from './optimizer.ts';
import { LogitState, logitOptions } from './logits.ts';
import { softmaxBackward, softmaxSlots } from './simplex.ts';

/** `fmgd`: softmax(logits), logits from a Dirichlet(1) sample (or maxent), Adam lr 0.1 (TerpreT). */
export const fmgd: OptimizerDefinition = {
  name: 'fmgd',
  summary: 'softmax relaxation with Adam on the logits (TerpreT FMGD)',
  family: 'relaxed',
  options: logitOptions(),
  create(problem, rng, options) {
    const s = new LogitState(problem, rng, options);
    return {
      probs() {
        softmaxSlots(s.slots, s.logits, 1, s.probs);
        return s.probs;
      },
      update(grad) {
        softmaxBackward(s.slots, s.probs, grad, 1, s.logitGrad);
        s.step();
      },
      decode: (into) => s.decode(into),
    };
  },
};
