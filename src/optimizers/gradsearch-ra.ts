// gradsearch-ra: GradSearch scoring moves from a running average of the raw vertex gradient (Lu §3.1).

import { createGradSearch, plainReweight } from './gradsearch.ts';
import type { OptimizerDefinition } from './optimizer.ts';
import { num, type OptionSpec } from './options.ts';

/**
 * The running-average rate. The paper (§3.1) gives no value. On the parity chain (20 seeds) every
 * beta from 0.01 to 0.9 solves K = 256 in every run, while beta = 1 (plain gradsearch) mostly
 * fails; 0.1 takes 69 / 418 / 1057 mean steps at K = 32 / 128 / 256 (the paper: 75 / 400 / 1077).
 * Averaging the raw gradient, not the per-move scores, is what keeps a just-moved Param from moving
 * straight back: its old gradient still favours the new value (docs/SEMANTICS.md, Optimizers).
 */
export const betaOption: OptionSpec = {
  name: 'beta',
  type: 'number',
  min: 0,
  max: 1,
  minExclusive: true,
  default: 0.1,
  doc: 'running-average rate of the raw gradient, m <- (1 - beta) m + beta g (1 = plain gradsearch)',
};

/** `gradsearch-ra`: the best Hamming-1 move scored from `m <- (1 - beta) m + beta g`. */
export const gradsearchRa: OptimizerDefinition = {
  name: 'gradsearch-ra',
  summary: 'gradsearch scoring moves from a running average of the raw gradient',
  family: 'discrete',
  options: [betaOption],
  create: (problem, rng, options) =>
    createGradSearch(problem, rng, { beta: num(options, 'beta'), randomMove: 0, smoothing: 0, reweight: plainReweight }),
};
