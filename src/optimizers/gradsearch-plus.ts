// gradsearch+: gradsearch-ra plus the tricks of Lu §3.2, each a separate option so that its
// contribution can be measured: epsilon-greedy moves, vertex smoothing, loss reweighting at stalls.

import { betaOption } from './gradsearch-ra.ts';
import { createGradSearch } from './gradsearch.ts';
import type { OptimizerDefinition } from './optimizer.ts';
import { choice, num } from './options.ts';
import type { ReweightRule } from './reweight.ts';

/**
 * `gradsearch+`. Paper values (§3.2): random move with P = 0.1; smoothing 1 -> 0.99, 0 -> 0.01
 * (generalised: the other D - 1 values share 0.01). Reweighting follows SAPS (Hutter et al. 2002:
 * alpha 1.3, rho 0.8) in place of the paper's "exponentially scale the loss of some samples";
 * the stall length is ours (the paper gives none).
 */
export const gradsearchPlus: OptimizerDefinition = {
  name: 'gradsearch+',
  summary: 'gradsearch-ra with epsilon-greedy moves, vertex smoothing and loss reweighting at stalls',
  family: 'discrete',
  options: [
    betaOption,
    { name: 'randomMove', type: 'number', min: 0, max: 1, default: 0.1, doc: 'probability of a random Hamming-1 move instead of the best one' },
    { name: 'smoothing', type: 'number', min: 0, max: 1, maxExclusive: true, default: 0.01, doc: 'vertex smoothing: chosen value 1 - s, the others share s' },
    { name: 'reweight', type: 'choice', choices: ['none', 'saps', 'paws'], default: 'saps', doc: 'loss reweighting of failing (example, output) terms at a stall' },
    { name: 'stallSteps', type: 'integer', min: 1, default: 20, doc: 'steps without a new best (unweighted) loss that count as a stall' },
    { name: 'alpha', type: 'number', min: 1, default: 1.3, doc: 'SAPS: failing-term weights are multiplied by alpha' },
    { name: 'rho', type: 'number', min: 0, max: 1, default: 0.8, doc: 'SAPS: weights then become rho w + (1 - rho) mean(w)' },
    { name: 'pawsPeriod', type: 'integer', min: 1, default: 10, doc: 'PAWS: every n-th stall decreases weights above 1 by 1 instead' },
  ],
  create: (problem, rng, options) =>
    createGradSearch(problem, rng, {
      beta: num(options, 'beta'),
      randomMove: num(options, 'randomMove'),
      smoothing: num(options, 'smoothing'),
      reweight: {
        rule: choice<ReweightRule>(options, 'reweight'),
        stallSteps: num(options, 'stallSteps'),
        alpha: num(options, 'alpha'),
        rho: num(options, 'rho'),
        pawsPeriod: num(options, 'pawsPeriod'),
      },
    }),
};
