// gradsearch-ls: gradient-ranked local search. The vertex gradient of a linearised loss estimates the
// change in (weighted) satisfied terms of every Hamming-1 move; the best few estimated moves are
// evaluated exactly by forward passes and the best is applied, with a tabu list and clause weighting.

import type { Objective } from '../relax/objective.ts';
import type { Rng } from '../util/rng.ts';
import type { Optimizer, OptimizerDefinition, OptimizerProblem } from './optimizer.ts';
import { bool, choice, num, type OptionSpec, type ResolvedOptions } from './options.ts';
import { randomAssignment } from './simplex.ts';

/** A term fails when its observed output has probability below 1/2 (loss above log 2). */
const FAIL_LOSS = Math.LN2;

export type WeightRule = 'none' | 'paws' | 'saps';

export interface LocalSearchSettings {
  readonly linearize: boolean;
  readonly candidates: number;
  readonly firstImprovement: boolean;
  readonly tabu: number;
  readonly weighting: WeightRule;
  readonly alpha: number;
  readonly rho: number;
  readonly decayPeriod: number;
  readonly sideways: number;
  readonly walk: number;
  readonly uphill: number;
  readonly restartBase: number;
  readonly jump: boolean;
}

/** The Objective's passes, when the problem is one (any Objective is); the optimizer needs a forward pass. */
type Evaluable = OptimizerProblem & Partial<Pick<Objective, 'lossAndGradient'>> & { loss?: (probs: Float64Array) => number };

/** Counters of one run, for studies (docs/OPTIMIZER.md). */
export interface LocalSearchStats {
  /** Moves that lowered the weighted cost, kept it (sideways), random-walk moves. */
  improving: number;
  sideways: number;
  walks: number;
  /** Worsening moves taken at a local minimum. */
  uphill: number;
  /** Steps that changed the clause weights instead of moving. */
  reweights: number;
  restarts: number;
  /** Forward passes made by the optimizer (candidate evaluations and resets). */
  forwards: number;
  /** Extra forward and reverse passes made by the optimizer (weight jumps). */
  gradients: number;
  /** Lowest number of failing terms seen. */
  bestFailing: number;
}

/** A gradsearch-ls optimizer with its counters. */
export interface LocalSearchOptimizer extends Optimizer {
  readonly stats: LocalSearchStats;
}

export function createLocalSearch(problem: OptimizerProblem, rng: Rng, s: LocalSearchSettings): LocalSearchOptimizer {
  const slots = problem.params;
  const n = slots.length;
  const terms = problem.termCount;
  const termWeights = problem.termWeights;
  const termLosses = problem.termLosses;
  const ev = problem as Evaluable;
  const scratchGrad = new Float64Array(problem.size);
  const makeGrad = new Float64Array(problem.size);
  const pass =
    typeof ev.loss === 'function'
      ? (p: Float64Array): number => ev.loss!(p)
      : typeof ev.lossAndGradient === 'function'
        ? (p: Float64Array): number => ev.lossAndGradient!(p, scratchGrad)
        : null;
  if (!pass) throw new Error('gradsearch-ls needs an Objective (a loss it can evaluate)');
  const jump = s.jump && s.weighting === 'paws' && typeof ev.lossAndGradient === 'function';
  const stats: LocalSearchStats = { improving: 0, sideways: 0, walks: 0, uphill: 0, reweights: 0, restarts: 0, forwards: 0, gradients: 0, bestFailing: Infinity };
  const forward = (p: Float64Array): void => {
    stats.forwards++;
    pass(p);
  };

  const assignment = new Int32Array(n);
  const vertex = new Float64Array(problem.size); // one-hot; shown to the loop and used for evaluations
  const tabuUntil = new Float64Array(problem.size); // move count until which (slot, value) may not be re-entered
  const clause = new Float64Array(terms); // clause weights of the dynamic local search
  const current = new Float64Array(terms); // per-term losses of the current vertex
  const best = new Float64Array(terms); // per-term losses of the best candidate so far
  const k = Math.max(1, s.candidates);
  const cSlot = new Int32Array(k);
  const cValue = new Int32Array(k);
  const cScore = new Float64Array(k);
  const cKey = new Float64Array(k);
  let filled = 0;
  let examples = 0;
  let minClause = 1;
  let moves = 0;
  let increases = 0;
  let restartIndex = 1;
  let attemptSteps = 0;
  let nextRestart = s.restartBase > 0 ? s.restartBase : Infinity;

  /** Weighted cost (sum of clause weights of failing terms) of per-term losses. */
  const cost = (losses: Float64Array): number => {
    let c = 0;
    for (let t = 0; t < terms; t++) if (losses[t]! > FAIL_LOSS) c += clause[t]!;
    return c;
  };
  /**
   * The weights the loop's next pass uses. Linearised: `clause * (p + eps) = clause * exp(-loss)`,
   * so the gradient of `sum w -log(p + eps)` becomes that of `-sum clause * p`: at a vertex a move's
   * estimate is then the change in weighted satisfied terms, exact where p is affine in the Param.
   */
  const writeWeights = (): void => {
    for (let t = 0; t < terms; t++) termWeights[t] = s.linearize ? clause[t]! * Math.exp(-current[t]!) : clause[t]!;
  };
  const setSlot = (slot: number, value: number): void => {
    const { offset } = slots[slot]!;
    vertex[offset + assignment[slot]!] = 0;
    vertex[offset + value] = 1;
    assignment[slot] = value;
  };
  const reset = (): void => {
    randomAssignment(slots, rng, assignment);
    vertex.fill(0);
    for (let i = 0; i < n; i++) vertex[slots[i]!.offset + assignment[i]!] = 1;
    tabuUntil.fill(0);
    clause.fill(1);
    minClause = 1;
    termWeights.fill(1);
    stats.forwards++;
    const loss = pass(vertex);
    if (examples === 0) {
      // The loss is a mean over examples: recover their number, the scale of the gradient.
      let sum = 0;
      for (let t = 0; t < terms; t++) sum += termLosses[t]!;
      examples = loss > 0 && Number.isFinite(sum / loss) ? Math.max(1, Math.round(sum / loss)) : 1;
    }
    current.set(termLosses);
    writeWeights();
  };
  /**
   * Increments of the failing terms' weights until the best estimated move improves. With weights
   * `(p + eps)` on the failing terms only, one more pass estimates every move's weighted "make"
   * (failing terms it satisfies); the current gradient gives its estimate under the present weights;
   * both are linear in the increment, so the first increment at which some move improves is direct.
   */
  const incrementsToEscape = (grad: Float64Array): number => {
    for (let t = 0; t < terms; t++) termWeights[t] = current[t]! > FAIL_LOSS ? Math.exp(-current[t]!) : 0;
    stats.gradients++;
    ev.lossAndGradient!(vertex, makeGrad);
    let steps = Infinity;
    for (let slot = 0; slot < n; slot++) {
      const { offset, domain } = slots[slot]!;
      const c = assignment[slot]!;
      for (let j = 0; j < domain; j++) {
        if (j === c || tabuUntil[offset + j]! > moves) continue;
        const make = -examples * (makeGrad[offset + j]! - makeGrad[offset + c]!);
        if (make < 0.5) continue;
        const estimate = examples * (grad[offset + j]! - grad[offset + c]!);
        steps = Math.min(steps, Math.max(1, Math.floor((estimate + 0.5 * minClause) / make) + 1));
      }
    }
    return steps;
  };
  const reweight = (grad: Float64Array): void => {
    if (s.weighting === 'paws') {
      if (s.decayPeriod > 0 && ++increases % s.decayPeriod === 0) {
        for (let t = 0; t < terms; t++) if (clause[t]! > 1) clause[t]! -= 1;
      } else {
        let by = 1;
        if (jump) {
          // Never past the next decay, so the schedule of increments and decays is unchanged.
          const room = s.decayPeriod > 0 ? s.decayPeriod - 1 - (increases % s.decayPeriod) : 0;
          by = Math.min(incrementsToEscape(grad), 1 + room);
          if (!Number.isFinite(by)) by = 1;
          if (s.decayPeriod > 0) increases += by - 1;
        }
        for (let t = 0; t < terms; t++) if (current[t]! > FAIL_LOSS) clause[t]! += by;
      }
    } else if (s.weighting === 'saps') {
      let sum = 0;
      for (let t = 0; t < terms; t++) {
        if (current[t]! > FAIL_LOSS) clause[t]! *= s.alpha;
        sum += clause[t]!;
      }
      const mean = sum / terms;
      minClause = Infinity;
      for (let t = 0; t < terms; t++) minClause = Math.min(minClause, (clause[t] = s.rho * clause[t]! + (1 - s.rho) * mean));
    }
  };
  /** Keeps the `k` lowest (score, random key) moves in sorted order. */
  const offer = (slot: number, value: number, score: number): void => {
    const key = rng.next();
    const last = filled - 1;
    if (filled === k && (score > cScore[last]! || (score === cScore[last]! && key >= cKey[last]!))) return;
    let i = filled < k ? filled++ : last;
    while (i > 0 && (cScore[i - 1]! > score || (cScore[i - 1]! === score && cKey[i - 1]! > key))) {
      cSlot[i] = cSlot[i - 1]!;
      cValue[i] = cValue[i - 1]!;
      cScore[i] = cScore[i - 1]!;
      cKey[i] = cKey[i - 1]!;
      i--;
    }
    cSlot[i] = slot;
    cValue[i] = value;
    cScore[i] = score;
    cKey[i] = key;
  };
  let pickCost = Infinity;
  /**
   * Evaluates the ranked candidates in order by forward passes; returns the index of the cheapest
   * (random ties) with its cost in `pickCost` and its per-term losses in `best`. Stops early at a
   * cost below `now` (when firstImprovement) or at or below `accept`.
   */
  const evaluate = (now: number, accept: number): number => {
    let pick = -1;
    let ties = 0;
    pickCost = Infinity;
    for (let c = 0; c < filled; c++) {
      const { offset } = slots[cSlot[c]!]!;
      const old = assignment[cSlot[c]!]!;
      vertex[offset + old] = 0;
      vertex[offset + cValue[c]!] = 1;
      forward(vertex);
      vertex[offset + cValue[c]!] = 0;
      vertex[offset + old] = 1;
      const value = cost(termLosses);
      if (value < pickCost || (value === pickCost && rng.int(++ties) === 0)) {
        if (value < pickCost) ties = 1;
        pick = c;
        pickCost = value;
        best.set(termLosses);
      }
      if ((pickCost < now && s.firstImprovement) || pickCost <= accept) break;
    }
    return pick;
  };
  /** Applies a move whose per-term losses are in `best`. */
  const apply = (slot: number, value: number): void => {
    tabuUntil[slots[slot]!.offset + assignment[slot]!] = ++moves + s.tabu;
    setSlot(slot, value);
    current.set(best);
  };

  reset();
  return {
    stats,
    probs: () => vertex,
    update(grad, _loss, step) {
      // The loop has just evaluated `vertex`: its per-term losses are exact.
      current.set(termLosses);
      let failingNow = 0;
      for (let t = 0; t < terms; t++) if (current[t]! > FAIL_LOSS) failingNow++;
      if (failingNow < stats.bestFailing) stats.bestFailing = failingNow;
      if (++attemptSteps >= nextRestart) {
        nextRestart = attemptSteps + s.restartBase * luby(++restartIndex);
        stats.restarts++;
        reset();
        return;
      }
      if (s.walk > 0 && rng.next() < s.walk) {
        const slot = rng.int(n);
        const { offset, domain } = slots[slot]!;
        if (domain > 1) {
          const j = rng.int(domain - 1);
          const value = j >= assignment[slot]! ? j + 1 : j;
          vertex[offset + assignment[slot]!] = 0;
          vertex[offset + value] = 1;
          forward(vertex);
          vertex[offset + value] = 0;
          vertex[offset + assignment[slot]!] = 1;
          best.set(termLosses);
          apply(slot, value);
          writeWeights();
          stats.walks++;
        }
        return;
      }
      // The k best non-tabu moves by first-order estimate (ties in random order).
      filled = 0;
      for (let slot = 0; slot < n; slot++) {
        const { offset, domain } = slots[slot]!;
        const c = assignment[slot]!;
        const base = grad[offset + c]!;
        for (let j = 0; j < domain; j++) {
          if (j !== c && tabuUntil[offset + j]! <= moves) offer(slot, j, grad[offset + j]! - base);
        }
      }
      const now = cost(current);
      // Estimated improving: the best estimate lowers the weighted cost by at least half the
      // smallest clause weight (exact estimates move it by whole weights).
      if (filled > 0 && (!s.linearize || cScore[0]! * examples < -0.5 * minClause)) {
        const c = evaluate(now, -1);
        if (c >= 0 && pickCost < now) {
          stats.improving++;
          apply(cSlot[c]!, cValue[c]!);
          writeWeights();
          return;
        }
      }
      // A local minimum (estimated, or confirmed by the evaluations above).
      const r = rng.next();
      if (filled > 0 && r < s.sideways) {
        const c = evaluate(now, now);
        if (c >= 0 && pickCost <= now) {
          if (pickCost < now) stats.improving++;
          else stats.sideways++;
          apply(cSlot[c]!, cValue[c]!);
          writeWeights();
          return;
        }
      } else if (filled > 0 && r < s.sideways + s.uphill) {
        const c = evaluate(now, -1);
        stats.uphill++;
        apply(cSlot[c]!, cValue[c]!);
        writeWeights();
        return;
      }
      stats.reweights++;
      reweight(grad); // raise the weights of what still fails
      writeWeights();
    },
    decode: (into) => into.set(assignment),
  };
}

/** The Luby sequence 1, 1, 2, 1, 1, 2, 4, 1, 1, 2, ... (1-based). */
export function luby(i: number): number {
  for (;;) {
    let k = 1;
    while ((1 << k) - 1 < i) k++;
    if (i === (1 << k) - 1) return 1 << (k - 1);
    i -= (1 << (k - 1)) - 1;
  }
}

const options: OptionSpec[] = [
  { name: 'linearize', type: 'boolean', default: true, doc: 'weight terms by p + eps so move estimates count satisfied terms (false: raw log-loss gradient)' },
  { name: 'candidates', type: 'integer', min: 1, default: 4, doc: 'moves ranked best by the gradient that are evaluated exactly each step' },
  { name: 'firstImprovement', type: 'boolean', default: true, doc: 'stop evaluating candidates at the first one that lowers the weighted cost' },
  { name: 'tabu', type: 'integer', min: 0, default: 10, doc: 'steps during which a Param may not return to a value it just left' },
  { name: 'weighting', type: 'choice', choices: ['none', 'paws', 'saps'], default: 'paws', doc: 'clause weighting of failing (example, output) terms at local minima' },
  { name: 'alpha', type: 'number', min: 1, default: 1.3, doc: 'saps: failing-term weights are multiplied by alpha' },
  { name: 'rho', type: 'number', min: 0, max: 1, default: 0.8, doc: 'saps: weights then move to rho w + (1 - rho) mean(w)' },
  { name: 'decayPeriod', type: 'integer', min: 0, default: 10, doc: 'paws: every n-th weight update decreases weights above 1 instead (0 = never)' },
  { name: 'sideways', type: 'number', min: 0, max: 1, default: 1, doc: 'probability of taking the best candidate when it only equals the weighted cost' },
  { name: 'walk', type: 'number', min: 0, max: 1, default: 0, doc: 'probability of a uniformly random move instead of a ranked one' },
  { name: 'uphill', type: 'number', min: 0, max: 1, default: 0, doc: 'at a local minimum, probability of taking the best (worsening) candidate instead of reweighting' },
  { name: 'jump', type: 'boolean', default: false, doc: 'paws: at a local minimum, add in one go the increments needed for the best estimated move to improve (one extra pass)' },
  { name: 'restartBase', type: 'integer', min: 0, default: 0, doc: 'Luby restarts: attempt i lasts restartBase * luby(i) steps (0 = never restart)' },
];

export function localSearchSettings(o: ResolvedOptions): LocalSearchSettings {
  return {
    linearize: bool(o, 'linearize'),
    candidates: num(o, 'candidates'),
    firstImprovement: bool(o, 'firstImprovement'),
    tabu: num(o, 'tabu'),
    weighting: choice<WeightRule>(o, 'weighting'),
    alpha: num(o, 'alpha'),
    rho: num(o, 'rho'),
    decayPeriod: num(o, 'decayPeriod'),
    sideways: num(o, 'sideways'),
    walk: num(o, 'walk'),
    uphill: num(o, 'uphill'),
    restartBase: num(o, 'restartBase'),
    jump: bool(o, 'jump'),
  };
}

export const gradsearchLs: OptimizerDefinition = {
  name: 'gradsearch-ls',
  summary: 'gradient-ranked local search: exact evaluation of the top gradient moves, tabu, clause weighting',
  family: 'discrete',
  options,
  create: (problem, rng, o) => createLocalSearch(problem, rng, localSearchSettings(o)),
};
