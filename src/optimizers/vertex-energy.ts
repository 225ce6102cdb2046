// The energy a gradient-informed sampler targets at a vertex, with its gradient: either the
// objective's loss or the number of failing (example, output) terms. Shared by gwg, dmala and pas.

import type { Objective } from '../relax/objective.ts';
import { FAIL_LOSS } from './clause-weights.ts';
import type { OptimizerProblem } from './optimizer.ts';

/**
 * `loss`: the objective's loss and its gradient. `failing`: the number of failing terms, whose
 * multilinear extension `sum_t (1 - p_t)` has the gradient `-sum_t dp_t` (each term weighted by its
 * own `p_t + epsilon`, so that every -log term contributes its probability's gradient).
 */
export type EnergyRule = 'loss' | 'failing';

/** The calls made besides the layout (any Objective has them; the vertex ones are optional). */
export type Evaluable = OptimizerProblem &
  Pick<Objective, 'lossAndGradient'> &
  Partial<Pick<Objective, 'lossAndGradientAfterPass' | 'termLossesAtVertex' | 'lossAndGradientAtVertex' | 'lossScale'>>;

/** Casts `problem` to the Objective every optimizer is created from, or says what is missing. */
export function evaluable(problem: OptimizerProblem, who: string): Evaluable {
  const ev = problem as Evaluable;
  if (typeof ev.lossAndGradient !== 'function') throw new Error(`${who} needs an Objective: it evaluates the points it proposes`);
  return ev;
}

/** Energies and gradients at one-hot vertices; buffers are the caller's, nothing is allocated per call. */
export class VertexEnergy {
  /** The loss per unit of summed term losses (1 / examples). */
  readonly lossScale: number;
  /** Evaluations made (each a vertex-evaluator call or a pass; `failing` costs two without a vertex evaluator). */
  evaluations = 0;
  private readonly ev: Evaluable;
  private scratchGradient: Float64Array | null = null;

  constructor(
    problem: OptimizerProblem,
    readonly rule: EnergyRule,
    who: string,
  ) {
    this.ev = evaluable(problem, who);
    this.lossScale = this.ev.lossScale ?? deriveLossScale(this.ev);
  }

  /**
   * At the vertex `probs`: writes the per-term losses into `terms` and the energy's gradient into
   * `grad`, returns the energy. Leaves every term weight at 1.
   */
  evaluate(probs: Float64Array, terms: Float64Array, grad: Float64Array): number {
    const ev = this.ev;
    const weights = ev.termWeights;
    const atVertex = ev.termLossesAtVertex && ev.lossAndGradientAtVertex;
    this.evaluations++;
    if (atVertex) ev.termLossesAtVertex!(probs, terms);
    else {
      // A pass with unit weights: per-term losses, and the loss gradient `loss` needs.
      ev.lossAndGradient(probs, grad);
      terms.set(ev.termLosses);
    }
    if (this.rule === 'loss') {
      if (atVertex) ev.lossAndGradientAtVertex!(probs, grad);
      return this.plainLoss(terms);
    }
    // Weight w_t = (p_t + eps) / lossScale turns d(w_t * -log(p_t + eps)) into -dp_t.
    const inverse = 1 / this.lossScale;
    for (let t = 0; t < weights.length; t++) weights[t] = Math.exp(-terms[t]!) * inverse;
    this.evaluations++;
    if (atVertex) ev.lossAndGradientAtVertex!(probs, grad);
    else if (ev.lossAndGradientAfterPass) ev.lossAndGradientAfterPass(probs, grad);
    else ev.lossAndGradient(probs, grad);
    weights.fill(1);
    return failingTerms(terms);
  }

  /** The objective's loss (every weight 1) at the vertex `probs`, its per-term losses in `terms`; no gradient. */
  loss(probs: Float64Array, terms: Float64Array): number {
    const ev = this.ev;
    this.evaluations++;
    if (ev.termLossesAtVertex) ev.termLossesAtVertex(probs, terms);
    else {
      ev.lossAndGradient(probs, this.scratch);
      terms.set(ev.termLosses);
    }
    return this.plainLoss(terms);
  }

  private get scratch(): Float64Array {
    return (this.scratchGradient ??= new Float64Array(this.ev.size));
  }

  /** The objective's loss (every weight 1) from per-term losses. */
  plainLoss(terms: Float64Array): number {
    let sum = 0;
    for (let t = 0; t < terms.length; t++) sum += terms[t]!;
    return sum * this.lossScale;
  }
}

/** Terms whose observed output has probability below 1/2. */
export function failingTerms(terms: Float64Array): number {
  let failing = 0;
  for (let t = 0; t < terms.length; t++) if (terms[t]! > FAIL_LOSS) failing++;
  return failing;
}

/** The loss per summed term loss, from one pass at the uniform point (for objectives that do not say). */
function deriveLossScale(ev: Evaluable): number {
  const probs = new Float64Array(ev.size);
  for (const { offset, domain } of ev.params) probs.fill(1 / domain, offset, offset + domain);
  const loss = ev.lossAndGradient(probs, new Float64Array(ev.size));
  let sum = 0;
  for (let t = 0; t < ev.termCount; t++) sum += ev.termWeights[t]! * ev.termLosses[t]!;
  return sum > 0 && Number.isFinite(loss / sum) ? loss / sum : 1;
}
