// gwg: Gibbs-With-Gradients (Grathwohl, Swersky, Hashemi, Duvenaud, Maddison, "Oops I took a
// gradient", ICML 2021), categorical form, as a Metropolis-Hastings chain on exp(-E / T).
//
// Rule implemented: at vertex x with energy gradient g (d E / d probs), every single-Param move
// (s, j), j != x_s, gets the first-order estimate d~_sj = -(g[s, j] - g[s, x_s]) / T of its change
// in log-density; one move is drawn from q(s, j | x) = softmax over all moves of d~ / 2 (the
// locally balanced sqrt weighting, "proposal temperature" 2), giving y; then y is accepted with
// probability min(1, exp(-(E(y) - E(x)) / T) q(s, x_s | y) / q(s, j | x)), the reverse move's
// probability computed from the gradient at y.

import type { Rng } from '../util/rng.ts';
import { ChainState, chainOptions, chainSettings, createChain, type Proposal } from './mh-chain.ts';
import type { OptimizerDefinition, OptimizerProblem } from './optimizer.ts';
import { num } from './options.ts';

/** The single-move proposal of Gibbs-With-Gradients; `scale` = 1 / (T * proposal temperature). */
export function gwgProposal(problem: OptimizerProblem, rng: Rng, scale: number): Proposal {
  const slots = problem.params;
  let slot = -1;
  let old = -1;

  /** log of the normaliser sum over all moves at `at` of exp(-(g[j] - g[cur]) * scale), and its max. */
  const logNormaliser = (at: ChainState): number => {
    const { grad, assignment } = at;
    let max = -Infinity;
    for (let s = 0; s < slots.length; s++) {
      const { offset, domain } = slots[s]!;
      const base = grad[offset + assignment[s]!]!;
      for (let j = 0; j < domain; j++) if (j !== assignment[s]) max = Math.max(max, (base - grad[offset + j]!) * scale);
    }
    if (max === -Infinity) return max;
    let sum = 0;
    for (let s = 0; s < slots.length; s++) {
      const { offset, domain } = slots[s]!;
      const base = grad[offset + assignment[s]!]!;
      for (let j = 0; j < domain; j++) if (j !== assignment[s]) sum += Math.exp((base - grad[offset + j]!) * scale - max);
    }
    return max + Math.log(sum);
  };

  return {
    propose(from, to) {
      const { grad, assignment } = from;
      const logZ = logNormaliser(from);
      slot = -1;
      if (logZ === -Infinity) return 0; // every domain has one value: nothing to move
      // Inverse-CDF walk over the moves in layout order.
      let u = rng.next();
      for (let s = 0; s < slots.length && slot < 0; s++) {
        const { offset, domain } = slots[s]!;
        const base = grad[offset + assignment[s]!]!;
        for (let j = 0; j < domain; j++) {
          if (j === assignment[s]) continue;
          u -= Math.exp((base - grad[offset + j]!) * scale - logZ);
          if (u < 0) {
            slot = s;
            old = assignment[s]!;
            to.move(s, j);
            break;
          }
        }
      }
      if (slot < 0) {
        // Rounding left u just above 0: take the last move.
        for (let s = slots.length - 1; s >= 0 && slot < 0; s--) {
          const { domain } = slots[s]!;
          if (domain < 2) continue;
          slot = s;
          old = assignment[s]!;
          to.move(s, old === domain - 1 ? domain - 2 : domain - 1);
        }
      }
      const { offset } = slots[slot]!;
      return (grad[offset + old]! - grad[offset + to.assignment[slot]!]!) * scale - logZ;
    },
    reverse(_from, to) {
      if (slot < 0) return 0;
      const { offset } = slots[slot]!;
      return (to.grad[offset + to.assignment[slot]!]! - to.grad[offset + old]!) * scale - logNormaliser(to);
    },
  };
}

/** `gwg`: Gibbs-With-Gradients. */
export const gwg: OptimizerDefinition = {
  name: 'gwg',
  summary: 'Gibbs-With-Gradients: one move drawn from softmax of the gradient estimates / 2, Metropolis-Hastings on exp(-E / T)',
  family: 'discrete',
  options: [
    ...chainOptions,
    {
      name: 'proposalTemperature',
      type: 'number',
      min: 0,
      minExclusive: true,
      default: 2,
      doc: 'moves are drawn from softmax(estimated log-density change / this); 2 is the locally balanced sqrt weighting of the paper',
    },
  ],
  create(problem, rng, o) {
    const settings = chainSettings(o);
    const proposal = gwgProposal(problem, rng.fork(0x6a9), 1 / (settings.temperature * num(o, 'proposalTemperature')));
    return createChain(problem, rng, settings, proposal, 'gwg');
  },
};
