// gradsearch-ls: gradient-ranked local search — GradSearch's first-order move estimates, made exact
// counts of satisfied terms by weighting each loss term by its own p + eps, pick the candidates that
// are then evaluated exactly; tabu list, clause weighting (PAWS) and sideways/uphill moves.
// The search itself is in gradsearch-ls-core.ts; the measurements behind the defaults are in
// docs/OPTIMIZER.md.

import type { WeightRule } from './clause-weights.ts';
import { createGradSearchLs, type Estimator, type GateRule, type GradSearchLsSettings, type RandomAt, type RandomScale } from './gradsearch-ls-core.ts';
import type { OptimizerDefinition } from './optimizer.ts';
import { bool, choice, num, type OptionSpec, type ResolvedOptions } from './options.ts';

/** The options of gradsearch-ls; defaults measured on the circuits, and for restarts and random steps on the suite (docs/OPTIMIZER.md). */
export const gradsearchLsOptions: readonly OptionSpec[] = [
  { name: 'linearize', type: 'boolean', default: true, doc: 'weight each loss term by its p + eps so move estimates count satisfied terms (false: the raw log-loss gradient ranks moves)' },
  { name: 'ranking', type: 'choice', choices: ['gradient', 'random'], default: 'gradient', doc: 'how candidates are chosen: best first-order estimates, or uniformly at random (an ablation)' },
  { name: 'randomShare', type: 'number', min: 0, max: 1, default: 0.25, doc: 'ranking=gradient: the fraction of steps whose candidates are drawn at random instead (their checks stay exact); with randomAt=minimum, the chance of a random try at a local minimum' },
  { name: 'randomScale', type: 'choice', choices: ['fixed', 'error'], default: 'error', doc: 'randomShare as given (fixed), or times how often the estimates of moves that change something are wrong (error), so steps stay gradient-ranked where the estimates hold' },
  {
    name: 'randomAt',
    type: 'choice',
    choices: ['step', 'minimum'],
    default: 'step',
    doc: 'where random candidates are drawn: in place of a step\'s ranked ones (step), or only after the ranked ones found no improving move, as a further try (minimum)',
  },
  { name: 'candidates', type: 'integer', min: 1, default: 4, doc: 'moves ranked best by the gradient that may be evaluated exactly in a step' },
  { name: 'firstImprovement', type: 'boolean', default: true, doc: 'stop evaluating candidates at the first that lowers the weighted cost' },
  {
    name: 'gate',
    type: 'choice',
    choices: ['on', 'adaptive', 'off'],
    default: 'adaptive',
    doc: 'when no move is estimated to improve, skip the evaluations: always (on), with probability the measured accuracy of the estimates (adaptive), never (off)',
  },
  {
    name: 'tabu',
    type: 'number',
    min: 0,
    default: 0.1,
    doc: 'tabu tenure: moves during which a Param may not return to a value it left; below 1, that fraction of all single-Param moves (capped at a quarter of them)',
  },
  { name: 'sideways', type: 'number', min: 0, max: 1, default: 0.15, doc: 'at a local minimum, probability of taking a candidate of equal weighted cost' },
  { name: 'uphill', type: 'number', min: 0, max: 1, default: 0.15, doc: 'at a local minimum, probability of taking the best candidate whatever its cost' },
  { name: 'walk', type: 'number', min: 0, max: 1, default: 0, doc: 'probability of a uniformly random move instead of a ranked one' },
  { name: 'weighting', type: 'choice', choices: ['none', 'paws', 'saps'], default: 'paws', doc: 'clause weighting of the failing (example, output) terms at a local minimum' },
  { name: 'decayPeriod', type: 'integer', min: 0, default: 20, doc: 'paws: every n-th weight update lowers the weights above 1 by 1 instead (0 = never)' },
  { name: 'alpha', type: 'number', min: 1, default: 1.3, doc: 'saps: failing-term weights are multiplied by alpha' },
  { name: 'rho', type: 'number', min: 0, max: 1, default: 0.8, doc: 'saps: weights then move to rho w + (1 - rho) mean(w)' },
  { name: 'jump', type: 'boolean', default: false, doc: 'paws: add at once the increments after which the best estimated move improves (one extra pass)' },
  { name: 'widen', type: 'number', min: 0, max: 1, default: 0, doc: 'at a local minimum, with probability 1 - accuracy, check this fraction of all moves in gradient order (0: never)' },
  { name: 'poor', type: 'number', min: 0, max: 1, default: 1, doc: 'widening and lookahead apply only while the estimates of moves that change something are right less often than this' },
  { name: 'accuracy', type: 'choice', choices: ['live', 'all'], default: 'all', doc: 'the accuracy the gate and widening use: over candidates whose estimate or exact change is not zero (live), or all' },
  { name: 'lookahead', type: 'integer', min: 0, default: 0, doc: 'at a local minimum, moves tried as the first of a pair whose second the gradient at the first one\'s vertex ranks (0: none)' },
  { name: 'explore', type: 'number', min: 0, max: 1, default: 0.1, doc: 'estimator=adaptive: how often a fresh gradient comes from the estimator that has predicted worse (so its accuracy stays measured)' },
  { name: 'smoothing', type: 'number', min: 0, max: 1, maxExclusive: true, default: 0.1, doc: 'the smoothed vertex: every vector mixed with the uniform one by this weight, so that branches the vertex does not take get a gradient' },
  { name: 'estimator', type: 'choice', choices: ['vertex', 'smoothed', 'adaptive'], default: 'vertex', doc: 'where the gradient that ranks moves is taken: at the vertex, at the smoothed vertex (a relaxed pass), or whichever has predicted exact changes better (adaptive)' },
  { name: 'schedule', type: 'choice', choices: ['all', 'grow'], default: 'all', doc: 'the examples searched on: all at once, or one first and a failing one added whenever those are satisfied (grow)' },
  { name: 'restartBase', type: 'integer', min: 0, default: 20000, doc: 'Luby restarts from a random assignment: attempt i lasts restartBase * luby(i) steps (0 = never)' },
];

/** Reads resolved gradsearch-ls options. */
export function gradsearchLsSettings(o: ResolvedOptions): GradSearchLsSettings {
  return {
    linearize: bool(o, 'linearize'),
    ranking: choice<'gradient' | 'random'>(o, 'ranking'),
    randomShare: num(o, 'randomShare'),
    randomScale: choice<RandomScale>(o, 'randomScale'),
    randomAt: choice<RandomAt>(o, 'randomAt'),
    candidates: num(o, 'candidates'),
    firstImprovement: bool(o, 'firstImprovement'),
    gate: choice<GateRule>(o, 'gate'),
    tabu: num(o, 'tabu'),
    sideways: num(o, 'sideways'),
    uphill: num(o, 'uphill'),
    walk: num(o, 'walk'),
    weighting: choice<WeightRule>(o, 'weighting'),
    decayPeriod: num(o, 'decayPeriod'),
    alpha: num(o, 'alpha'),
    rho: num(o, 'rho'),
    jump: bool(o, 'jump'),
    restartBase: num(o, 'restartBase'),
    widen: num(o, 'widen'),
    poor: num(o, 'poor'),
    accuracy: choice<'live' | 'all'>(o, 'accuracy'),
    lookahead: num(o, 'lookahead'),
    smoothing: num(o, 'smoothing'),
    estimator: choice<Estimator>(o, 'estimator'),
    explore: num(o, 'explore'),
    schedule: choice<'all' | 'grow'>(o, 'schedule'),
  };
}

/** `gradsearch-ls`: gradient-ranked local search. Needs an Objective (it makes forward passes). */
export const gradsearchLs: OptimizerDefinition = {
  name: 'gradsearch-ls',
  summary: 'gradient-ranked local search: linearised move estimates, exact check of the best few, tabu, clause weighting',
  family: 'discrete',
  options: gradsearchLsOptions,
  create: (problem, rng, o) => createGradSearchLs(problem, rng, gradsearchLsSettings(o)),
};
