// ste: straight-through estimator — the evaluator sees the one-hot argmax of the logits; the gradient
// at that vertex is passed back through softmax(logits) to the logits, then Adam.

import type { OptimizerDefinition } from './optimizer.ts';
import { LogitState, logitOptions } from './logits.ts';
import { argmaxSlot, softmaxBackward, softmaxSlots, writeSlotVertex } from './simplex.ts';

/** `ste`: forward one-hot(argmax logits), backward as if the forward were softmax(logits). */
export const ste: OptimizerDefinition = {
  name: 'ste',
  summary: 'straight-through: one-hot argmax forward, softmax gradient to the logits, Adam',
  family: 'discrete',
  options: logitOptions(),
  create(problem, rng, options) {
    const s = new LogitState(problem, rng, options);
    const soft = new Float64Array(problem.size);
    return {
      probs() {
        for (const slot of s.slots) {
          writeSlotVertex(slot, argmaxSlot(s.logits, slot.offset, slot.domain, s.tieRng), 0, s.probs);
        }
        return s.probs;
      },
      update(grad) {
        softmaxSlots(s.slots, s.logits, 1, soft);
        softmaxBackward(s.slots, soft, grad, 1, s.logitGrad);
        s.step();
      },
      decode: (into) => s.decode(into),
    };
  },
};
