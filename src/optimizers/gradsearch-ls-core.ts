// The search of gradsearch-ls (docs/OPTIMIZER.md). With every loss term weighted by its own p + eps,
// the vertex gradient estimates each Hamming-1 move's change in (clause-weighted) satisfied terms;
// the best few estimated moves are evaluated exactly and the best is applied, with a tabu list,
// clause weighting at local minima, and occasional sideways and uphill moves. On a discrete program
// the objective's vertex evaluator does the evaluations and gradients, so the loop makes no pass.

import type { Objective } from '../relax/objective.ts';
import type { Rng } from '../util/rng.ts';
import { ClauseWeights, FAIL_LOSS } from './clause-weights.ts';
import type { Optimizer, OptimizerProblem } from './optimizer.ts';
import { RankedMoves, tieKey } from './ranked-moves.ts';
import { SmoothedGradient } from './smoothed-gradient.ts';
import { randomAssignment } from './simplex.ts';
import type { WeightRule } from './clause-weights.ts';

/** Rate of the running mean of the estimates' accuracy (about the last 50 evaluations). */
const ACCURACY_RATE = 0.02;

/** Where the gradient that ranks moves is taken: at the vertex, at the smoothed vertex, or whichever has predicted better. */
export type Estimator = 'vertex' | 'smoothed' | 'adaptive';

/** How randomShare is applied: as given, or scaled by how often the estimates have been wrong. */
export type RandomScale = 'fixed' | 'error';

/** Where random candidates come in: instead of a step's ranked ones, or after them at a local minimum. */
export type RandomAt = 'step' | 'minimum';

/** When an estimated local minimum is trusted (no candidate evaluated): always, by measured accuracy, never. */
export type GateRule = 'on' | 'adaptive' | 'off';

/** The settings of gradsearch-ls; see its options in gradsearch-ls.ts for meaning and defaults. */
export interface GradSearchLsSettings {
  readonly linearize: boolean;
  readonly ranking: 'gradient' | 'random';
  readonly randomShare: number;
  readonly randomScale: RandomScale;
  readonly randomAt: RandomAt;
  readonly candidates: number;
  readonly firstImprovement: boolean;
  readonly gate: GateRule;
  readonly tabu: number;
  readonly sideways: number;
  readonly uphill: number;
  readonly walk: number;
  readonly weighting: WeightRule;
  readonly alpha: number;
  readonly rho: number;
  readonly decayPeriod: number;
  readonly jump: boolean;
  readonly restartBase: number;
  readonly widen: number;
  readonly poor: number;
  readonly accuracy: 'live' | 'all';
  readonly lookahead: number;
  readonly smoothing: number;
  readonly estimator: Estimator;
  readonly explore: number;
  readonly schedule: 'all' | 'grow';
}

/** What the optimizer calls besides the layout: an Objective's passes (any Objective is one). */
type Evaluable = OptimizerProblem &
  Partial<Pick<Objective, 'lossAndGradient' | 'lossAndGradientAfterPass' | 'termLossesAtVertex' | 'lossAndGradientAtVertex'>> & {
    loss?: (probs: Float64Array) => number;
  };

/** Counters of one run, for studies (scripts/optimizer-study.ts). */
export interface GradSearchLsStats {
  /** Moves that lowered the weighted cost. */
  improving: number;
  /** Moves that kept it (taken with probability `sideways` at a local minimum). */
  sideways: number;
  /** Best-candidate moves taken at a local minimum whatever their cost. */
  uphill: number;
  /** Random-walk moves. */
  walks: number;
  /** Steps whose candidates were drawn at random (`randomShare`, or every step under `ranking=random`), or that tried random ones at a local minimum (`randomAt=minimum`). */
  randomSteps: number;
  /** Steps that changed the clause weights instead of moving. */
  reweights: number;
  restarts: number;
  /** Forward passes made by the optimizer (candidate evaluations without a vertex evaluator, restarts). */
  forwards: number;
  /** Candidate evaluations by the objective's vertex evaluator (`termLossesAtVertex`). */
  vertexEvaluations: number;
  /** Forward and reverse passes made by the optimizer (failing-term gradients, for reweighting and jumps). */
  gradients: number;
  /** Steps whose gradient the optimizer supplied without a pass of the loop (see gradientWithoutPass). */
  suppliedGradients: number;
  /** Gradients by the objective's vertex evaluator (`lossAndGradientAtVertex`), for steps and failing terms. */
  vertexGradients: number;
  /** Candidate evaluations answered from the per-vertex cache instead of a forward pass. */
  cachedEvaluations: number;
  /** Fewest failing terms seen at a current assignment. */
  bestFailing: number;
  /** The running accuracy of the estimates, summed over steps (divide by steps for its mean). */
  accuracySum: number;
  liveAccuracySum: number;
  /** Local minima at which the wider candidate list was checked, and the improving moves found in it. */
  widenings: number;
  wideImproving: number;
  /** Where in the wide list the improving moves were: within the first 8, 16 or 32 (for studies). */
  wideTop8: number;
  wideTop16: number;
  wideTop32: number;
  /** Gradients at first moves of pairs, and pair moves taken. */
  pairGradients: number;
  pairMoves: number;
  /** Gradients taken at the smoothed vertex (a relaxed pass). */
  smoothedGradients: number;
  /** Examples taken on by the schedule. */
  scheduled: number;
}

/** A gradsearch-ls optimizer with its counters. */
export interface GradSearchLsOptimizer extends Optimizer {
  readonly stats: GradSearchLsStats;
}

/**
 * Builds the search. Each step's gradient is taken at the current vertex with term weights
 * `clause * (p + eps)` (by the loop, or supplied through `gradientWithoutPass`), so `update`
 * receives the gradient of the expected weighted number of
 * satisfied terms; `examples * (g[j] - g[c])` then estimates the weighted-cost change of moving a
 * Param from c to j, exactly when the outputs are affine in that Param.
 */
export function createGradSearchLs(problem: OptimizerProblem, rng: Rng, s: GradSearchLsSettings): GradSearchLsOptimizer {
  const slots = problem.params;
  const n = slots.length;
  const terms = problem.termCount;
  const termWeights = problem.termWeights;
  const termLosses = problem.termLosses;
  const ev = problem as Evaluable;
  const scratch = new Float64Array(problem.size);
  const zeros = new Float64Array(problem.size);
  const pass =
    typeof ev.loss === 'function'
      ? (p: Float64Array): number => ev.loss!(p)
      : typeof ev.lossAndGradient === 'function'
        ? (p: Float64Array): number => ev.lossAndGradient!(p, scratch)
        : null;
  if (!pass) throw new Error('gradsearch-ls needs an Objective: it evaluates candidate moves exactly');
  const atVertex = ev.termLossesAtVertex;
  const gradientAtVertex = ev.lossAndGradientAtVertex;
  const jump = s.jump && s.weighting === 'paws' && s.linearize && typeof ev.lossAndGradient === 'function';
  const stats: GradSearchLsStats = {
    improving: 0, sideways: 0, uphill: 0, walks: 0, randomSteps: 0, reweights: 0, restarts: 0, forwards: 0, vertexEvaluations: 0, gradients: 0,
    suppliedGradients: 0, vertexGradients: 0, cachedEvaluations: 0, bestFailing: Infinity, accuracySum: 0, liveAccuracySum: 0, widenings: 0, wideImproving: 0, wideTop8: 0, wideTop16: 0, wideTop32: 0, pairGradients: 0, pairMoves: 0, scheduled: 0, smoothedGradients: 0,
  };
  // The gradient is linear in the term weights, and a PAWS increment (or no weighting at all) changes
  // them only on the failing terms, which stay the same while the vertex does. So after such a
  // reweight the next gradient is the last one plus the increment times the failing terms' gradient.
  const incremental = s.linearize && (s.weighting === 'paws' || s.weighting === 'none') && typeof ev.lossAndGradient === 'function';
  // The smoothed estimator (smoothed-gradient.ts): relaxed passes at the vertex mixed with the uniform point.
  const smooth = s.estimator !== 'vertex' && s.smoothing > 0 && typeof ev.lossAndGradient === 'function' ? new SmoothedGradient(ev as Required<Pick<Objective, 'lossAndGradient'>> & Evaluable, pass, s.smoothing) : null;
  const VERTEX = 0;
  const SMOOTHED = 1;
  /** Which estimator ranked this step's moves, and which one the kept next gradient is of. */
  let rankedBy = VERTEX;
  let nextEstimator = VERTEX;

  const assignment = new Int32Array(n);
  const vertex = new Float64Array(problem.size); // one-hot: shown to the loop and used for evaluations
  const tabuUntil = new Float64Array(problem.size); // move count until which (slot, value) may not be re-entered
  const current = new Float64Array(terms); // per-term losses of the current vertex
  const picked = new Float64Array(terms); // per-term losses of the picked candidate
  const clause = new ClauseWeights(terms, { rule: s.weighting, alpha: s.alpha, rho: s.rho, decayPeriod: s.decayPeriod });
  const ranked = new RankedMoves(Math.max(1, s.candidates));
  // randomAt=minimum: the random candidates tried after the ranked ones found no improving move.
  const escapes = s.randomAt === 'minimum' && s.ranking === 'gradient' && s.randomShare > 0 ? new RankedMoves(Math.max(1, s.candidates)) : null;
  // At most a quarter of all moves are tabu at once, so that small problems keep moves to choose from.
  let allMoves = 0;
  for (const slot of slots) allMoves += slot.domain - 1;
  // A tenure that grows with the neighbourhood (0.1: 6 moves on full_adder, 12 on adder2).
  const tenure = Math.min(s.tabu < 1 ? Math.floor(s.tabu * allMoves) : Math.floor(s.tabu), Math.floor(allMoves / 4));
  let examples = 0; // the loss is a mean over examples: the gradient's scale
  let lossScale = 1; // the loss per unit of summed term losses (1 / examples)
  let accuracy = 1;
  // Per estimator: how often its estimates of the moves that change something were right.
  const liveAccuracy = [1, 1];
  /** The chance of random candidates: randomShare, or that times how often the estimates were wrong. */
  const randomChance = (): number => (s.randomScale === 'fixed' ? s.randomShare : s.randomShare * (1 - liveAccuracy[rankedBy]!));
  /** The accuracy the gate and the widening go by. */
  const trusted = (): number => (s.accuracy === 'live' ? liveAccuracy[rankedBy]! : accuracy);
  // The wider candidate list checked at a local minimum (null: no widening).
  const wideCount = Math.min(allMoves, Math.ceil(s.widen * allMoves));
  const wide = wideCount > s.candidates ? new RankedMoves(wideCount) : null;
  let moves = 0;
  let attemptSteps = 0;
  /** Whether this step's candidates were drawn at random rather than ranked by the gradient. */
  let randomStep = false;
  let restartIndex = 1;
  let nextRestart = s.restartBase > 0 ? s.restartBase : Infinity;

  // Whether the objective's last forward pass was at `vertex` (so the loop may skip its own), and the
  // move the last candidate pass evaluated.
  let passAtVertex = false;
  let passSlot = -1;
  let passValue = -1;

  // What is known at the current vertex without another pass: the gradient with failing-term weights
  // exp(-loss) only, the next step's gradient, and the exact per-term losses of the moves evaluated
  // since the search arrived there (reweighting steps at one vertex rank many of the same moves).
  const failGradient = new Float64Array(problem.size);
  let failGradientKnown = false;
  const nextGradient = new Float64Array(problem.size);
  let nextGradientKnown = false;
  let gradientSupplied = false; // the step that called update took nextGradient instead of a pass
  // Per (slot, value), at flat index offset + value: the vertex visit the row was evaluated in.
  const evaluatedIn = new Float64Array(problem.size);
  const moveLosses = new Float64Array(problem.size * terms);
  let visit = 1;

  /** Forgets what was known at the vertex (it moved). */
  const leaveVertex = (): void => {
    failGradientKnown = false;
    nextGradientKnown = false;
    visit++;
  };

  /** Forward pass at the current vertex with slot `slot` set to `value`; leaves per-term losses in termLosses. */
  const evaluateMove = (slot: number, value: number): void => {
    const { offset } = slots[slot]!;
    passAtVertex = false;
    passSlot = slot;
    passValue = value;
    const old = assignment[slot]!;
    vertex[offset + old] = 0;
    vertex[offset + value] = 1;
    stats.forwards++;
    smooth?.invalidate();
    pass(vertex);
    vertex[offset + value] = 0;
    vertex[offset + old] = 1;
  };

  /**
   * Where in `moveLosses` the exact per-term losses of a move from the current vertex start: kept
   * from earlier at this vertex, or evaluated now (by the objective's vertex evaluator where it has
   * one, else by a forward pass).
   */
  const lossesOfMove = (slot: number, value: number): number => {
    const { offset } = slots[slot]!;
    const at = offset + value;
    const row = at * terms;
    if (evaluatedIn[at] === visit) {
      stats.cachedEvaluations++;
      return row;
    }
    evaluatedIn[at] = visit;
    if (atVertex) {
      // Integer evaluation: no pass, so the objective's state stays at the current vertex.
      const old = assignment[slot]!;
      vertex[offset + old] = 0;
      vertex[offset + value] = 1;
      stats.vertexEvaluations++;
      atVertex(vertex, moveLosses, row);
      vertex[offset + value] = 0;
      vertex[offset + old] = 1;
    } else {
      evaluateMove(slot, value);
      for (let t = 0; t < terms; t++) moveLosses[row + t] = termLosses[t]!;
    }
    return row;
  };

  let pickCost = Infinity;
  let evaluated = 0;
  let pick = -1;
  let pickList = ranked; // the list `pick` indexes
  let ties = 0;
  /**
   * Evaluates the moves of `list` in order, from `evaluated` on; returns the index of the cheapest
   * so far (random ties), its cost in `pickCost` and its per-term losses in `picked`. Stops at a cost
   * below `now` (with firstImprovement) or at or below `accept`.
   */
  const evaluate = (now: number, accept: number, list: RankedMoves = ranked): number => {
    for (; evaluated < list.count; evaluated++) {
      const c = evaluated;
      const row = lossesOfMove(list.slot[c]!, list.value[c]!);
      const value = clause.cost(moveLosses, row);
      // How often the first-order estimate predicts the exact change (to half the smallest weight),
      // over all candidates and over those whose estimate or exact change is not zero.
      // Random candidates carry no estimate, so they leave the accuracies alone.
      if (!randomStep) {
        const hit = Math.abs(value - now - list.score[c]! * examples) < 0.5 * clause.min ? 1 : 0;
        accuracy += ACCURACY_RATE * (hit - accuracy);
        if (list.score[c]! !== 0 || value !== now) liveAccuracy[rankedBy]! += ACCURACY_RATE * (hit - liveAccuracy[rankedBy]!);
      }
      if (value < pickCost || (value === pickCost && rng.int(++ties) === 0)) {
        if (value < pickCost) ties = 1;
        pick = c;
        pickList = list;
        pickCost = value;
        for (let t = 0; t < terms; t++) picked[t] = moveLosses[row + t]!;
      }
      if ((pickCost < now && s.firstImprovement) || pickCost <= accept) {
        evaluated++;
        break;
      }
    }
    return pick;
  };

  /**
   * Evaluates every move of another list than `ranked` from its start, leaving `ranked`'s progress
   * (`evaluated`) as it was; returns the cheapest so far, as `evaluate` does.
   */
  const evaluateApart = (now: number, list: RankedMoves): number => {
    const saved = evaluated;
    evaluated = 0;
    const c = evaluate(now, -Infinity, list);
    evaluated = saved;
    return c;
  };

  /** Applies a move whose per-term losses are in `picked`; the reverse move becomes tabu. */
  const apply = (slot: number, value: number): void => {
    const { offset } = slots[slot]!;
    tabuUntil[offset + assignment[slot]!] = ++moves + tenure;
    passAtVertex = passSlot === slot && passValue === value;
    passSlot = -1;
    vertex[offset + assignment[slot]!] = 0;
    vertex[offset + value] = 1;
    assignment[slot] = value;
    current.set(picked);
    leaveVertex();
  };

  /** Takes candidate `c` of the list `pick` indexes, and weights the terms for the next gradient. */
  const takePick = (c: number): void => {
    apply(pickList.slot[c]!, pickList.value[c]!);
    clause.writeTermWeights(current, s.linearize, termWeights);
  };

  // Pair moves (lookahead): the cheapest moves evaluated at this vertex that may change something are
  // tried as first moves, and the gradient at each one's vertex ranks its follow-ups, which are
  // checked exactly. The gradient there sees what the first move changed (a state now reached, an
  // operand now used), which the gradient here could not.
  const firsts = new RankedMoves(Math.max(1, s.lookahead));
  const followups = new RankedMoves(Math.max(1, s.candidates));
  const pairGradient = new Float64Array(problem.size);
  const pairLosses = new Float64Array(terms);

  /** Tries pair moves from the current vertex; applies the first that lowers the cost below `now`. */
  const tryPairs = (now: number, grad: Float64Array): boolean => {
    firsts.count = 0;
    for (let slot = 0; slot < n; slot++) {
      const { offset, domain } = slots[slot]!;
      const c = assignment[slot]!;
      for (let j = 0; j < domain; j++) {
        const at = offset + j;
        if (evaluatedIn[at] !== visit || j === c || tabuUntil[at]! > moves) continue;
        // A move of a Param nothing reads (zero gradient, no term changed) leaves the gradient as it is.
        const row = at * terms;
        let live = grad[at] !== grad[offset + c];
        for (let t = 0; t < terms && !live; t++) live = moveLosses[row + t] !== current[t];
        if (live) firsts.offer(slot, j, clause.cost(moveLosses, row), tieKey(rng));
      }
    }
    for (let f = 0; f < firsts.count; f++) {
      const slot1 = firsts.slot[f]!, value1 = firsts.value[f]!;
      const { offset: offset1 } = slots[slot1]!;
      const old1 = assignment[slot1]!;
      const row1 = (offset1 + value1) * terms;
      vertex[offset1 + old1] = 0;
      vertex[offset1 + value1] = 1;
      assignment[slot1] = value1;
      clause.writeTermWeights(moveLosses, s.linearize, termWeights, row1);
      stats.vertexGradients++;
      stats.pairGradients++;
      gradientAtVertex!(vertex, pairGradient);
      followups.rank(slots, assignment, randomStep ? zeros : pairGradient, tabuUntil, moves, rng);
      let found = -1;
      for (let c = 0; c < followups.count && found < 0; c++) {
        const slot2 = followups.slot[c]!;
        if (slot2 === slot1) continue;
        const { offset: offset2 } = slots[slot2]!;
        const old2 = assignment[slot2]!, value2 = followups.value[c]!;
        vertex[offset2 + old2] = 0;
        vertex[offset2 + value2] = 1;
        stats.vertexEvaluations++;
        atVertex!(vertex, pairLosses, 0);
        vertex[offset2 + value2] = 0;
        vertex[offset2 + old2] = 1;
        if (clause.cost(pairLosses) < now) found = c;
      }
      vertex[offset1 + value1] = 0;
      vertex[offset1 + old1] = 1;
      assignment[slot1] = old1;
      if (found >= 0) {
        stats.pairMoves++;
        for (let t = 0; t < terms; t++) picked[t] = moveLosses[row1 + t]!;
        apply(slot1, value1);
        picked.set(pairLosses);
        apply(followups.slot[found]!, followups.value[found]!);
        clause.writeTermWeights(current, s.linearize, termWeights);
        return true;
      }
    }
    clause.writeTermWeights(current, s.linearize, termWeights);
    return false;
  };

  /**
   * Fills `failGradient` at the vertex (a reverse pass, and a forward one unless the objective's
   * state is already there; once per vertex): with weights
   * exp(-loss) on the failing terms only, it is the gradient's change per PAWS increment and, under
   * linearised weights, estimates each move's "make" (failing terms it satisfies).
   */
  const knowFailGradient = (): void => {
    if (failGradientKnown) return;
    for (let t = 0; t < terms; t++) termWeights[t] = current[t]! > FAIL_LOSS ? clause.active[t]! * Math.exp(-current[t]!) : 0;
    stats.gradients++;
    if (gradientAtVertex) {
      stats.vertexGradients++;
      gradientAtVertex(vertex, failGradient);
    } else {
      smooth?.invalidate();
      if (passAtVertex && ev.lossAndGradientAfterPass) ev.lossAndGradientAfterPass(vertex, failGradient);
      else ev.lossAndGradient!(vertex, failGradient);
      passAtVertex = true;
      passSlot = -1;
    }
    failGradientKnown = true;
    clause.writeTermWeights(current, s.linearize, termWeights);
  };

  /** PAWS with `jump`: the increments after which the best estimated move improves (one extra pass). */
  const incrementsToEscape = (grad: Float64Array): number => {
    // Estimates are linear in the clause weights, so the first increment of the failing terms'
    // weights at which some move improves follows directly from each move's make.
    knowFailGradient();
    let increments = Infinity;
    for (let slot = 0; slot < n; slot++) {
      const { offset, domain } = slots[slot]!;
      const c = assignment[slot]!;
      for (let j = 0; j < domain; j++) {
        if (j === c || tabuUntil[offset + j]! > moves) continue;
        const make = -examples * (failGradient[offset + j]! - failGradient[offset + c]!);
        if (make < 0.5) continue;
        const estimate = examples * (grad[offset + j]! - grad[offset + c]!);
        increments = Math.min(increments, Math.max(1, Math.floor((estimate + 0.5 * clause.min) / make) + 1));
      }
    }
    return increments;
  };

  /** The estimator for the next gradient: fixed, or the better predictor so far (and the other now and then). */
  const chooseEstimator = (): number => {
    if (s.estimator !== 'adaptive') return s.estimator === 'smoothed' ? SMOOTHED : VERTEX;
    const better = liveAccuracy[SMOOTHED]! > liveAccuracy[VERTEX]! ? SMOOTHED : VERTEX;
    return rng.next() < s.explore ? 1 - better : better;
  };

  const reset = (): void => {
    randomAssignment(slots, rng, assignment);
    vertex.fill(0);
    for (let i = 0; i < n; i++) vertex[slots[i]!.offset + assignment[i]!] = 1;
    tabuUntil.fill(0);
    clause.reset();
    termWeights.fill(1);
    stats.forwards++;
    smooth?.invalidate();
    const loss = pass(vertex);
    passAtVertex = true;
    passSlot = -1;
    leaveVertex();
    if (examples === 0) {
      let sum = 0;
      for (let t = 0; t < terms; t++) sum += termLosses[t]!;
      examples = loss > 0 && Number.isFinite(sum / loss) ? Math.max(1, Math.round(sum / loss)) : 1;
      lossScale = loss > 0 && Number.isFinite(loss / sum) ? loss / sum : 1 / examples;
    }
    current.set(termLosses);
    if (s.schedule === 'grow') {
      // Example scheduling: the search starts on one example and takes on a failing one whenever
      // those it works on are all satisfied.
      clause.active.fill(0);
      activateExample(rng.int(examples));
    }
    clause.writeTermWeights(current, s.linearize, termWeights);
  };

  /** Makes every term of example `e` active (terms are example-major). */
  const activateExample = (e: number): void => {
    const per = terms / examples;
    clause.active.fill(1, e * per, (e + 1) * per);
  };

  /** Under `schedule=grow`: when the active terms are all satisfied, activates a random failing example; true if it did. */
  const growSchedule = (): boolean => {
    if (s.schedule !== 'grow' || clause.cost(current) > 0) return false;
    const per = terms / examples;
    let chosen = -1;
    let seen = 0;
    for (let e = 0; e < examples; e++) {
      if (clause.active[e * per] === 1) continue;
      let fails = false;
      for (let t = e * per; t < (e + 1) * per && !fails; t++) fails = current[t]! > FAIL_LOSS;
      if (fails && rng.int(++seen) === 0) chosen = e;
    }
    if (chosen < 0) return false;
    activateExample(chosen);
    stats.scheduled++;
    failGradientKnown = false;
    nextGradientKnown = false;
    clause.writeTermWeights(current, s.linearize, termWeights);
    return true;
  };
  reset();

  return {
    stats,
    probs: () => vertex,
    update(grad) {
      // Unless the step took the supplied gradient, the loop has just evaluated `vertex`: its
      // per-term losses are exact there.
      if (!gradientSupplied) {
        current.set(termLosses);
        passAtVertex = true;
        passSlot = -1;
        rankedBy = VERTEX;
        smooth?.invalidate();
      }
      gradientSupplied = false;
      nextGradientKnown = false;
      stats.accuracySum += accuracy;
      stats.liveAccuracySum += liveAccuracy[rankedBy]!;
      let failing = 0;
      for (let t = 0; t < terms; t++) if (current[t]! > FAIL_LOSS) failing++;
      stats.bestFailing = Math.min(stats.bestFailing, failing);
      if (++attemptSteps >= nextRestart) {
        nextRestart = attemptSteps + s.restartBase * luby(++restartIndex);
        stats.restarts++;
        reset();
        return;
      }
      if (growSchedule()) return;
      pick = -1;
      pickCost = Infinity;
      ties = 0;
      evaluated = 0;
      if (s.walk > 0 && rng.next() < s.walk) {
        const slot = rng.int(n);
        const { domain } = slots[slot]!;
        if (domain > 1) {
          const j = rng.int(domain - 1);
          const value = j >= assignment[slot]! ? j + 1 : j;
          const row = lossesOfMove(slot, value);
          for (let t = 0; t < terms; t++) picked[t] = moveLosses[row + t]!;
          apply(slot, value);
          stats.walks++;
        }
        clause.writeTermWeights(current, s.linearize, termWeights);
        return;
      }
      // A random step (every step under the ablation `ranking=random`, a `randomShare` of them
      // otherwise) ranks by a constant signal, so its candidates are random non-tabu moves: where the
      // estimates through many time steps mislead, these still find improving moves.
      randomStep = s.ranking === 'random' || (!escapes && s.randomShare > 0 && rng.next() < randomChance());
      if (randomStep) stats.randomSteps++;
      ranked.rank(slots, assignment, randomStep ? zeros : grad, tabuUntil, moves, rng);
      const now = clause.cost(current);
      const k = ranked.count;
      // Trust an estimated local minimum (no estimate below half the smallest weight) always, never,
      // or as often as the estimates have been right.
      const trust = s.linearize && !randomStep && (s.gate === 'on' || (s.gate === 'adaptive' && rng.next() < trusted()));
      if (k > 0 && (!trust || ranked.score[0]! * examples < -0.5 * clause.min)) {
        const c = evaluate(now, -Infinity);
        if (c >= 0 && pickCost < now) {
          stats.improving++;
          takePick(c);
          return;
        }
      }
      // A local minimum, estimated or confirmed. Where the estimates of moves that change something
      // are often wrong, the next-ranked moves may still improve: check more of them, as often as the
      // estimates were wrong.
      const poor = liveAccuracy[rankedBy]! < s.poor;
      if (wide && poor && rng.next() >= trusted()) {
        stats.widenings++;
        wide.rank(slots, assignment, randomStep ? zeros : grad, tabuUntil, moves, rng);
        const c = evaluateApart(now, wide);
        if (c >= 0 && pickCost < now) {
          stats.improving++;
          stats.wideImproving++;
          if (c < 8) stats.wideTop8++;
          else if (c < 16) stats.wideTop16++;
          else if (c < 32) stats.wideTop32++;
          takePick(c);
          return;
        }
      }
      if (escapes && rng.next() < randomChance()) {
        // randomAt=minimum: the ranked candidates found nothing, so random ones get a try (still exact).
        stats.randomSteps++;
        randomStep = true;
        escapes.rank(slots, assignment, zeros, tabuUntil, moves, rng);
        const c = evaluateApart(now, escapes);
        randomStep = false;
        if (c >= 0 && pickCost < now) {
          stats.improving++;
          takePick(c);
          return;
        }
      }
      if (s.lookahead > 0 && poor && gradientAtVertex && atVertex) {
        // Pairs start from evaluated moves: where the gate trusted the estimate, evaluate the candidates now.
        if (evaluated === 0) {
          const c = evaluate(now, -Infinity);
          if (c >= 0 && pickCost < now) {
            stats.improving++;
            takePick(c);
            return;
          }
        }
        if (tryPairs(now, grad)) return;
      }
      // Candidates already evaluated are not evaluated again.
      const r = rng.next();
      if (k > 0 && r < s.sideways + s.uphill) {
        const sideways = r < s.sideways;
        const c = evaluate(now, sideways ? now : -Infinity);
        if (c >= 0 && (!sideways || pickCost <= now)) {
          if (pickCost < now) stats.improving++;
          else if (sideways) stats.sideways++;
          else stats.uphill++;
          takePick(c);
          return;
        }
      }
      stats.reweights++;
      let increments = 1;
      if (jump && clause.incrementsBeforeDecay() > 0) {
        increments = Math.min(incrementsToEscape(grad), clause.incrementsBeforeDecay());
        if (!Number.isFinite(increments)) increments = 1;
      }
      const decays = clause.nextUpdateDecays();
      clause.update(current, increments);
      clause.writeTermWeights(current, s.linearize, termWeights);
      if (incremental && !decays) {
        // A decay also lowers satisfied terms' weights: after one, the loop makes a pass instead.
        if (s.weighting === 'paws') {
          let fail: Float64Array = failGradient;
          if (rankedBy === SMOOTHED) {
            fail = smooth!.failing(vertex, visit, current, clause);
            clause.writeTermWeights(current, s.linearize, termWeights);
          } else knowFailGradient();
          for (let i = 0; i < problem.size; i++) nextGradient[i] = grad[i]! + increments * fail[i]!;
        } else nextGradient.set(grad);
        nextGradientKnown = true;
        nextEstimator = rankedBy;
      }
    },
    // The next gradient: kept from a reweight, else from the objective's vertex evaluator where it
    // has one (then the loop never makes a pass), else null.
    gradientWithoutPass(into) {
      if (nextGradientKnown) {
        into.set(nextGradient);
        rankedBy = nextEstimator;
      } else if (smooth && chooseEstimator() === SMOOTHED) {
        stats.smoothedGradients++;
        smooth.full(vertex, visit, clause, s.linearize, into);
        clause.writeTermWeights(current, s.linearize, termWeights);
        passAtVertex = false;
        passSlot = -1;
        rankedBy = SMOOTHED;
      } else if (gradientAtVertex) {
        stats.vertexGradients++;
        gradientAtVertex(vertex, into);
        rankedBy = VERTEX;
      } else return null;
      nextGradientKnown = false;
      gradientSupplied = true;
      stats.suppliedGradients++;
      let plain = 0;
      for (let t = 0; t < terms; t++) plain += current[t]!;
      return plain * lossScale;
    },
    decode: (into) => into.set(assignment),
    // `current` always holds the per-term losses of the vertex `assignment` names (exact there).
    decodedTermLosses: () => current,
    probsJustEvaluated: () => passAtVertex,
  };
}

/** The Luby sequence 1, 1, 2, 1, 1, 2, 4, 1, 1, 2, ... (1-based): restart lengths in units of a base. */
export function luby(i: number): number {
  for (;;) {
    let k = 1;
    while ((1 << k) - 1 < i) k++;
    if (i === (1 << k) - 1) return 1 << (k - 1);
    i -= (1 << (k - 1)) - 1;
  }
}
