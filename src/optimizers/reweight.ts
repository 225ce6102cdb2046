// Loss reweighting for GradSearch+ in the style of dynamic local search for SAT: when the search
// stalls, raise the weights of the failing (example, output) terms — SAPS (multiplicative, then
// smoothed towards the mean) or PAWS (additive, periodically decreased).

import type { OptimizerProblem } from './optimizer.ts';

/** Which reweighting rule to apply at a stall. */
export type ReweightRule = 'none' | 'saps' | 'paws';

/** Settings of a {@link Reweighter}. */
export interface ReweightSettings {
  readonly rule: ReweightRule;
  /** Steps without a new best unweighted loss that count as a stall. */
  readonly stallSteps: number;
  /** SAPS: failing weights are multiplied by alpha. */
  readonly alpha: number;
  /** SAPS: then every weight becomes rho * w + (1 - rho) * mean(w). */
  readonly rho: number;
  /** PAWS: every `pawsPeriod`-th stall, weights above 1 are decreased by 1 instead of increased. */
  readonly pawsPeriod: number;
}

/** A term fails when its observed output has probability below 1/2, i.e. loss above log 2. */
const FAIL_LOSS = Math.log(2);

/** Watches the unweighted per-term losses and rewrites `termWeights` at stalls. */
export class Reweighter {
  private best = Infinity;
  private stall = 0;
  private stalls = 0;
  /** How many times the weights were changed. */
  events = 0;

  constructor(
    private readonly problem: OptimizerProblem,
    private readonly settings: ReweightSettings,
  ) {}

  /** Call once per step after the loss was evaluated (reads `problem.termLosses`). */
  observe(): void {
    if (this.settings.rule === 'none') return;
    const losses = this.problem.termLosses;
    let total = 0;
    for (let t = 0; t < losses.length; t++) total += losses[t];
    // A relative margin so that float noise in an unchanged loss does not count as progress.
    if (this.best === Infinity || total < this.best - 1e-9 * Math.max(1, this.best)) {
      this.best = total;
      this.stall = 0;
      return;
    }
    if (++this.stall < this.settings.stallSteps) return;
    this.stall = 0;
    this.reweight();
  }

  private reweight(): void {
    const w = this.problem.termWeights;
    const losses = this.problem.termLosses;
    const { rule, alpha, rho, pawsPeriod } = this.settings;
    this.stalls++;
    this.events++;
    if (rule === 'saps') {
      let sum = 0;
      for (let t = 0; t < w.length; t++) {
        if (losses[t] > FAIL_LOSS) w[t] *= alpha;
        sum += w[t];
      }
      const mean = sum / w.length;
      for (let t = 0; t < w.length; t++) w[t] = rho * w[t] + (1 - rho) * mean;
    } else if (rule === 'paws') {
      if (this.stalls % pawsPeriod === 0) {
        for (let t = 0; t < w.length; t++) if (w[t] > 1) w[t] -= 1;
      } else {
        for (let t = 0; t < w.length; t++) if (losses[t] > FAIL_LOSS) w[t] += 1;
      }
    }
  }
}
