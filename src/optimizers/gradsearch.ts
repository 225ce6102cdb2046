// gradsearch: gradient-approximated discrete local search (Lu, Algorithm 1). Also the shared core
// of gradsearch-ra and gradsearch+, which add a running average of the raw gradient and tricks.

import type { Rng } from '../util/rng.ts';
import { bestMove, Move, randomMove, Vertex } from './moves.ts';
import type { Optimizer, OptimizerDefinition, OptimizerProblem } from './optimizer.ts';
import { Reweighter, type ReweightSettings } from './reweight.ts';
import { randomAssignment } from './simplex.ts';

/** Settings of the GradSearch family; `gradsearch` is beta 1 with every trick off. */
export interface GradSearchSettings {
  /** Running-average rate of the raw gradient, `m <- (1 - beta) m + beta g`; 1 = the gradient itself. */
  readonly beta: number;
  /** Probability of a uniformly random move instead of the greedy one (epsilon-greedy). */
  readonly randomMove: number;
  /** Vertex smoothing: the chosen value gets `1 - smoothing`, the others share `smoothing`. */
  readonly smoothing: number;
  readonly reweight: ReweightSettings;
}

/** Settings with every GradSearch+ trick off. */
export const plainReweight: ReweightSettings = { rule: 'none', stallSteps: 1, alpha: 1, rho: 1, pawsPeriod: 1 };

/**
 * Builds a GradSearch optimizer: start at a uniformly random vertex; every step score all Hamming-1
 * moves from the signal (raw gradient or its running average; docs/SEMANTICS.md) and apply the single
 * best one (random ties), or with probability `randomMove` a random one.
 */
export function createGradSearch(problem: OptimizerProblem, rng: Rng, settings: GradSearchSettings): Optimizer {
  const vertex = new Vertex(problem.params, problem.size, settings.smoothing);
  const start = new Int32Array(problem.params.length);
  randomAssignment(problem.params, rng, start);
  vertex.setAll(start);
  const average = new Float64Array(problem.size);
  const move = new Move();
  const reweighter = new Reweighter(problem, settings.reweight);
  const { beta, randomMove: epsilon } = settings;
  return {
    probs: () => vertex.probs,
    update(grad) {
      let signal = grad;
      if (beta < 1) {
        for (let i = 0; i < average.length; i++) average[i] = (1 - beta) * average[i] + beta * grad[i];
        signal = average;
      }
      reweighter.observe();
      if (epsilon > 0 && rng.next() < epsilon) randomMove(vertex, rng, move);
      else bestMove(vertex, signal, rng, move);
      if (move.slot >= 0) vertex.move(move.slot, move.value);
    },
    decode: (into) => into.set(vertex.assignment),
  };
}

/** `gradsearch`: apply the single best move estimated from the vertex gradient; no averaging, no tricks. */
export const gradsearch: OptimizerDefinition = {
  name: 'gradsearch',
  summary: 'apply the best Hamming-1 move estimated from the vertex gradient (ties at random)',
  family: 'discrete',
  options: [],
  create: (problem, rng) =>
    createGradSearch(problem, rng, { beta: 1, randomMove: 0, smoothing: 0, reweight: plainReweight }),
};
