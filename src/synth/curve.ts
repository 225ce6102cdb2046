// A fixed-capacity loss-curve recorder: keeps every step until full, then halves its resolution
// (keeps every other point, doubles the stride). Preallocated; recording allocates nothing.

/** A downsampled loss curve: `losses[i]` was the loss at step `steps[i]`. */
export interface LossCurve {
  readonly steps: number[];
  readonly losses: number[];
}

/** Records (step, loss) pairs at a stride that doubles whenever the buffer fills. */
export class CurveRecorder {
  private readonly steps: Float64Array;
  private readonly losses: Float64Array;
  private count = 0;
  private stride = 1;

  /** `capacity` >= 2 points. */
  constructor(capacity = 1024) {
    const n = Math.max(2, Math.floor(capacity));
    this.steps = new Float64Array(n);
    this.losses = new Float64Array(n);
  }

  /** Offers the loss of `step` (steps are offered in increasing order). */
  record(step: number, loss: number): void {
    if (step % this.stride !== 0) return;
    if (this.count === this.steps.length) {
      // Keep points 0, 2, 4, ... (their steps are multiples of the doubled stride).
      const half = Math.ceil(this.count / 2);
      for (let i = 0; i < half; i++) {
        this.steps[i] = this.steps[2 * i];
        this.losses[i] = this.losses[2 * i];
      }
      this.count = half;
      this.stride *= 2;
      if (step % this.stride !== 0) return;
    }
    this.steps[this.count] = step;
    this.losses[this.count] = loss;
    this.count++;
  }

  /** The recorded curve, plus `last` if given and not already the final point. */
  curve(last?: { step: number; loss: number }): LossCurve {
    const steps = Array.from(this.steps.subarray(0, this.count));
    const losses = Array.from(this.losses.subarray(0, this.count));
    if (last && steps[steps.length - 1] !== last.step) {
      steps.push(last.step);
      losses.push(last.loss);
    }
    return { steps, losses };
  }
}
