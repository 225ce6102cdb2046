// dmala: the discrete Langevin proposal (Zhang, Liu, Liu, "A Langevin-like sampler for discrete
// distributions", ICML 2022) with the Metropolis-Hastings correction (DMALA); `dula` drops the
// correction (DULA). Categorical form, Params one-hot.
//
// Rule implemented: at vertex x with energy gradient g, every Param s moves independently (all in
// parallel) to value j with probability
//   q_s(j | x) = softmax_j( -(g[s, j] - g[s, x_s]) / (2 T) - ||e_j - e_(x_s)||^2 / (2 alpha) ),
// where ||e_j - e_(x_s)||^2 = 2 for j != x_s and 0 for j = x_s (one-hot vectors), alpha the step
// size. DMALA accepts y = (y_1 .. y_n) with probability
// min(1, exp(-(E(y) - E(x)) / T) prod_s q_s(x_s | y) / prod_s q_s(y_s | x)), with q(. | y) from the
// gradient at y; DULA always takes y.

import type { Rng } from '../util/rng.ts';
import { ChainState, chainOptions, chainSettings, createChain, type Proposal } from './mh-chain.ts';
import type { OptimizerDefinition, OptimizerProblem } from './optimizer.ts';
import { bool, num } from './options.ts';

/** The factorised Langevin proposal; `half` = 1 / (2 T), `alpha` the step size. */
export function langevinProposal(problem: OptimizerProblem, rng: Rng, half: number, alpha: number): Proposal {
  const slots = problem.params;
  const stay = 1 / alpha; // ||e_j - e_c||^2 / (2 alpha) with the squared distance 2
  /** Log-weight of value j of slot s at `at` (the value it holds there weighs 0). */
  const weight = (at: ChainState, s: number, j: number): number => {
    const { offset } = slots[s]!;
    const c = at.assignment[s]!;
    return j === c ? 0 : (at.grad[offset + c]! - at.grad[offset + j]!) * half - stay;
  };
  /** log q_s(value | at). */
  const logProbability = (at: ChainState, s: number, value: number): number => {
    const { domain } = slots[s]!;
    let max = -Infinity;
    for (let j = 0; j < domain; j++) max = Math.max(max, weight(at, s, j));
    let sum = 0;
    for (let j = 0; j < domain; j++) sum += Math.exp(weight(at, s, j) - max);
    return weight(at, s, value) - max - Math.log(sum);
  };

  return {
    propose(from, to) {
      let logQ = 0;
      for (let s = 0; s < slots.length; s++) {
        const { domain } = slots[s]!;
        if (domain < 2) continue;
        let max = -Infinity;
        for (let j = 0; j < domain; j++) max = Math.max(max, weight(from, s, j));
        let sum = 0;
        for (let j = 0; j < domain; j++) sum += Math.exp(weight(from, s, j) - max);
        let u = rng.next() * sum;
        let value = domain - 1;
        for (let j = 0; j < domain; j++) {
          u -= Math.exp(weight(from, s, j) - max);
          if (u < 0) {
            value = j;
            break;
          }
        }
        logQ += weight(from, s, value) - max - Math.log(sum);
        if (value !== from.assignment[s]) to.move(s, value);
      }
      return logQ;
    },
    reverse(from, to) {
      let logQ = 0;
      for (let s = 0; s < slots.length; s++) if (slots[s]!.domain > 1) logQ += logProbability(to, s, from.assignment[s]!);
      return logQ;
    },
  };
}

/** `dmala`: discrete Langevin with the Metropolis-Hastings correction; `dula` true drops it. */
export const dmala: OptimizerDefinition = {
  name: 'dmala',
  summary: 'discrete Langevin: every Param moves in parallel from the gradient, Metropolis-Hastings on exp(-E / T) (dula: none)',
  family: 'discrete',
  options: [
    ...chainOptions,
    { name: 'stepSize', type: 'number', min: 0, minExclusive: true, default: 0.2, doc: 'step size alpha: a Param keeps its value unless a move gains about 1 / alpha in log-density' },
    { name: 'dula', type: 'boolean', default: false, doc: 'take every proposal (the unadjusted DULA) instead of the Metropolis-Hastings test' },
  ],
  create(problem, rng, o) {
    const settings = { ...chainSettings(o), metropolis: !bool(o, 'dula') };
    const proposal = langevinProposal(problem, rng.fork(0xd1a), 1 / (2 * settings.temperature), num(o, 'stepSize'));
    return createChain(problem, rng, settings, proposal, 'dmala');
  },
};
