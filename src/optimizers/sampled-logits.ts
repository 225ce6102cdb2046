// State shared by the score-function and straight-through estimators that evaluate a one-hot sample
// of softmax(logits) (reinmax, gst, rloo): the logits with Adam, the softmax of the last draw, the
// sample, and whether a sample satisfied every term (then it is the decoded assignment).

import type { Rng } from '../util/rng.ts';
import { FAIL_LOSS } from './clause-weights.ts';
import { LogitState } from './logits.ts';
import type { OptimizerProblem } from './optimizer.ts';
import type { ResolvedOptions } from './options.ts';
import { softmaxSlots, writeSlotVertex } from './simplex.ts';

/** Logits, their softmax and one-hot samples from it; every array allocated once. */
export class SampledLogits extends LogitState {
  /** softmax(logits) when the last sample was drawn. */
  readonly soft: Float64Array;
  /** The last sample, one value per slot. */
  readonly sample: Int32Array;
  private readonly noise: Rng;
  private readonly solution: Int32Array;
  private solved = false;

  constructor(problem: OptimizerProblem, rng: Rng, options: ResolvedOptions) {
    super(problem, rng, options);
    this.soft = new Float64Array(problem.size);
    this.sample = new Int32Array(problem.params.length);
    this.solution = new Int32Array(problem.params.length);
    this.noise = rng.fork(0x5a3);
  }

  /** Draws one value per slot from softmax(logits) into `sample` and its one-hot vectors into `into`. */
  draw(into: Float64Array = this.probs): Float64Array {
    softmaxSlots(this.slots, this.logits, 1, this.soft);
    for (let s = 0; s < this.slots.length; s++) {
      const slot = this.slots[s]!;
      let u = this.noise.next();
      let value = slot.domain - 1;
      for (let j = 0; j < slot.domain - 1; j++) {
        u -= this.soft[slot.offset + j]!;
        if (u < 0) {
          value = j;
          break;
        }
      }
      this.sample[s] = value;
      writeSlotVertex(slot, value, 0, into);
    }
    return into;
  }

  /** Notes the per-term losses of `sample`; one that satisfies every term is shown by the next decode. */
  observe(terms: Float64Array): void {
    for (let t = 0; t < terms.length; t++) if (terms[t]! > FAIL_LOSS) return;
    this.solved = true;
    this.solution.set(this.sample);
  }

  /** A sample observed to satisfy every term since the last decode, else the argmax of the logits. */
  override decode(into: Int32Array): void {
    if (this.solved) into.set(this.solution);
    else super.decode(into);
    this.solved = false;
  }
}
