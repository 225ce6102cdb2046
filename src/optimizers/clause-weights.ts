// Clause weights of dynamic local search over the loss terms (one per observed (example, output)):
// the weighted cost of an assignment is the sum of the weights of its failing terms, and at a local
// minimum the failing terms' weights grow — PAWS (additive, periodically decayed) or SAPS
// (multiplicative, smoothed towards the mean).

/** A term fails when its observed output has probability below 1/2 (loss above log 2). */
export const FAIL_LOSS = Math.LN2;

export type WeightRule = 'none' | 'paws' | 'saps';

export interface ClauseWeightSettings {
  readonly rule: WeightRule;
  /** SAPS: failing weights are multiplied by alpha. */
  readonly alpha: number;
  /** SAPS: then every weight becomes rho * w + (1 - rho) * mean(w). */
  readonly rho: number;
  /** PAWS: every `decayPeriod`-th update lowers the weights above 1 by 1 instead (0 = never). */
  readonly decayPeriod: number;
}

/** Per-term weights, all 1 after {@link reset}. */
export class ClauseWeights {
  readonly weights: Float64Array;
  /** 1 for the terms the search works on, 0 for terms it ignores for now (example scheduling). */
  readonly active: Float64Array;
  /** The smallest weight (1 under PAWS; SAPS smoothing can go below). */
  min = 1;
  private updates = 0;

  constructor(
    terms: number,
    private readonly settings: ClauseWeightSettings,
  ) {
    this.weights = new Float64Array(terms).fill(1);
    this.active = new Float64Array(terms).fill(1);
  }

  reset(): void {
    this.weights.fill(1);
    this.min = 1;
    this.updates = 0;
  }

  /**
   * The weighted cost of per-term losses (at `losses[from ..]`): the sum of the weights of the
   * failing active terms.
   */
  cost(losses: Float64Array, from = 0): number {
    const w = this.weights;
    let c = 0;
    const a = this.active;
    for (let t = 0; t < w.length; t++) if (losses[from + t]! > FAIL_LOSS) c += a[t]! * w[t]!;
    return c;
  }

  /** PAWS: how many increments the next updates may add before the next decay is due (0: it is next). */
  incrementsBeforeDecay(): number {
    const { rule, decayPeriod } = this.settings;
    if (rule !== 'paws' || decayPeriod === 0) return Infinity;
    return decayPeriod - 1 - (this.updates % decayPeriod);
  }

  /** Whether the next {@link update} is a PAWS decay (it lowers weights rather than raising failing ones). */
  nextUpdateDecays(): boolean {
    const { rule, decayPeriod } = this.settings;
    return rule === 'paws' && decayPeriod > 0 && (this.updates + 1) % decayPeriod === 0;
  }

  /**
   * One update at a local minimum whose per-term losses are `losses`: PAWS adds `increments` (default
   * 1, counted as that many updates) to every failing term's weight, or decays when due; SAPS
   * multiplies the failing weights by alpha and smooths.
   */
  update(losses: Float64Array, increments = 1): void {
    const w = this.weights;
    const { rule, alpha, rho, decayPeriod } = this.settings;
    if (rule === 'paws') {
      if (decayPeriod > 0 && (this.updates + 1) % decayPeriod === 0) {
        this.updates++;
        for (let t = 0; t < w.length; t++) if (w[t]! > 1) w[t]! -= 1;
        return;
      }
      this.updates += increments;
      for (let t = 0; t < w.length; t++) if (losses[t]! > FAIL_LOSS && this.active[t] === 1) w[t]! += increments;
    } else if (rule === 'saps') {
      let sum = 0;
      for (let t = 0; t < w.length; t++) {
        if (losses[t]! > FAIL_LOSS && this.active[t] === 1) w[t]! *= alpha;
        sum += w[t]!;
      }
      const mean = sum / w.length;
      this.min = Infinity;
      for (let t = 0; t < w.length; t++) this.min = Math.min(this.min, (w[t] = rho * w[t]! + (1 - rho) * mean));
    }
  }

  /**
   * Writes the loss-term weights of the next pass at a point whose per-term losses are `losses` (from `from`).
   * Linearised: `weight * (p + eps) = weight * exp(-loss)`, so the gradient of
   * `sum_t w_t -log(p_t + eps)` equals that of `-sum_t weight_t p_t`, the expected weighted number of
   * satisfied terms; otherwise the clause weights themselves.
   */
  writeTermWeights(losses: Float64Array, linearize: boolean, out: Float64Array, from = 0): void {
    const w = this.weights;
    const a = this.active;
    for (let t = 0; t < w.length; t++) out[t] = a[t]! * (linearize ? w[t]! * Math.exp(-losses[from + t]!) : w[t]!);
  }
}
