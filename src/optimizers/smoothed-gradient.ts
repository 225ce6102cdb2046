// The gradient of gradsearch-ls's estimate at a smoothed vertex: every Param's one-hot vector mixed
// with the uniform one by a small weight, so that every branch of the program is taken with some
// probability and the Params of states, blocks or instructions the vertex never reaches get a
// gradient (at the vertex they get none). Linearised at the smoothed point itself: each term is
// weighted by its clause weight times its own p + eps there, so the gradient is that of the
// expected clause-weighted number of satisfied terms. One forward pass per vertex; reweights at the
// vertex cost one reverse pass each, or none once the failing terms' own gradient is known.
import type { ClauseWeights } from './clause-weights.ts';
import { FAIL_LOSS } from './clause-weights.ts';
import type { OptimizerProblem } from './optimizer.ts';
import type { Objective } from '../relax/objective.ts';

type Passes = OptimizerProblem & Pick<Objective, 'lossAndGradient'> & Partial<Pick<Objective, 'lossAndGradientAfterPass'>>;

export class SmoothedGradient {
  private readonly point: Float64Array;
  /** Per-term losses at the smoothed point of the vertex visit `at`. */
  private readonly losses: Float64Array;
  private at = -1;
  /** Whether the objective's last forward pass was this one's, at `point`. */
  private ownsPass = false;
  /** The failing terms' gradient at the smoothed point of visit `failingAt`. */
  private readonly failGradient: Float64Array;
  private failingAt = -1;
  /** Relaxed passes made (forward and reverse), for studies. */
  passes = 0;

  constructor(
    private readonly objective: Passes,
    /** A forward pass of the objective (its per-term losses land in `termLosses`). */
    private readonly forwardPass: (probs: Float64Array) => number,
    private readonly weight: number,
  ) {
    this.point = new Float64Array(objective.size);
    this.losses = new Float64Array(objective.termCount);
    this.failGradient = new Float64Array(objective.size);
  }

  /** Another pass of the objective was made: the next reverse pass needs a forward one first. */
  invalidate(): void {
    this.ownsPass = false;
  }

  /**
   * Writes into `into` the gradient at the smoothed point of `vertex` (`visit` names the vertex:
   * the forward pass is redone only for a new one) under the clause weights.
   */
  full(vertex: Float64Array, visit: number, clause: ClauseWeights, linearize: boolean, into: Float64Array): void {
    this.forward(vertex, visit);
    clause.writeTermWeights(this.losses, linearize, this.objective.termWeights);
    this.reverse(into);
  }

  /**
   * The gradient with weight `p + eps` (at the smoothed point) on the active terms that fail at the
   * vertex, whose losses are `current`, and 0 elsewhere: how the gradient changes per PAWS increment.
   */
  failing(vertex: Float64Array, visit: number, current: Float64Array, clause: ClauseWeights): Float64Array {
    if (this.failingAt === visit) return this.failGradient;
    this.forward(vertex, visit);
    const w = this.objective.termWeights;
    for (let t = 0; t < w.length; t++) w[t] = current[t]! > FAIL_LOSS ? clause.active[t]! * Math.exp(-this.losses[t]!) : 0;
    this.reverse(this.failGradient);
    this.failingAt = visit;
    return this.failGradient;
  }

  private forward(vertex: Float64Array, visit: number): void {
    if (this.at === visit && this.ownsPass) return;
    const { point, weight, objective } = this;
    for (const { offset, domain } of objective.params) {
      for (let j = 0; j < domain; j++) point[offset + j] = (1 - weight) * vertex[offset + j]! + weight / domain;
    }
    this.forwardPass(point);
    if (this.at !== visit) this.failingAt = -1;
    this.passes++;
    this.losses.set(objective.termLosses);
    this.at = visit;
    this.ownsPass = true;
  }

  private reverse(into: Float64Array): void {
    this.passes++;
    const o = this.objective;
    if (o.lossAndGradientAfterPass) o.lossAndGradientAfterPass(this.point, into);
    else o.lossAndGradient(this.point, into);
  }
}
