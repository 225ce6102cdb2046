// A Metropolis-Hastings chain over vertices, shared by the gradient-informed samplers (gwg, dmala,
// pas): the target is exp(-energy / temperature); a proposal draws the next vertex from the energy's
// gradient at the current one and says how likely the reverse move is from the gradient there.

import type { ParamSlot } from '../relax/objective.ts';
import type { Rng } from '../util/rng.ts';
import type { Optimizer, OptimizerProblem } from './optimizer.ts';
import { choice, num, type OptionSpec, type ResolvedOptions } from './options.ts';
import { randomAssignment } from './simplex.ts';
import { failingTerms, VertexEnergy, type EnergyRule } from './vertex-energy.ts';

/** One vertex of the chain with what is known there: per-term losses, energy and its gradient. */
export class ChainState {
  readonly assignment: Int32Array;
  /** One-hot probability vectors of `assignment`. */
  readonly probs: Float64Array;
  readonly terms: Float64Array;
  /** d energy / d probs at the vertex. */
  readonly grad: Float64Array;
  energy = 0;

  constructor(
    readonly slots: readonly ParamSlot[],
    size: number,
    termCount: number,
  ) {
    this.assignment = new Int32Array(slots.length);
    this.probs = new Float64Array(size);
    this.terms = new Float64Array(termCount);
    this.grad = new Float64Array(size);
  }

  /** Moves slot `s` to `value`, keeping the one-hot vectors in step. */
  move(s: number, value: number): void {
    const { offset } = this.slots[s]!;
    this.probs[offset + this.assignment[s]!] = 0;
    this.probs[offset + value] = 1;
    this.assignment[s] = value;
  }

  /** Takes the vertex (not what is known there) of `other`. */
  copyVertex(other: ChainState): void {
    this.assignment.set(other.assignment);
    this.probs.set(other.probs);
  }
}

/**
 * A proposal kernel. `propose` changes `to` (a copy of `from`'s vertex) and returns log q(to | from);
 * `reverse` returns log q(from | to) from the gradient at `to`, which has been evaluated by then.
 * Log-weights of moves are in units of the target's log-density: an estimated energy change dE
 * enters as -dE / temperature.
 */
export interface Proposal {
  propose(from: ChainState, to: ChainState): number;
  reverse(from: ChainState, to: ChainState): number;
  /** After every step, with the acceptance probability min(1, ratio) (1 without a correction). */
  observe?(acceptance: number): void;
}

/** What every sampler shares. */
export interface ChainSettings {
  readonly energy: EnergyRule;
  /** T of the target exp(-energy / T). */
  readonly temperature: number;
  /** false: every proposal is taken (an unadjusted chain, e.g. dula). */
  readonly metropolis: boolean;
}

/** The options every sampler has, with their defaults (docs/GRADIENT-INFORMED.md, "Defaults"). */
export const chainOptions: readonly OptionSpec[] = [
  {
    name: 'energy',
    type: 'choice',
    choices: ['failing', 'loss'],
    default: 'failing',
    doc: 'the target is exp(-E / temperature) with E the number of failing (example, output) terms, or the loss',
  },
  { name: 'temperature', type: 'number', min: 0, minExclusive: true, default: 0.5, doc: 'temperature T of the target exp(-E / T)' },
];

/** Reads the shared options; `metropolis` from the optimizer's own option, if it has one. */
export function chainSettings(o: ResolvedOptions, metropolis = true): ChainSettings {
  return { energy: choice<EnergyRule>(o, 'energy'), temperature: num(o, 'temperature'), metropolis };
}

/** Counters of one chain, for studies. */
export interface ChainStats {
  proposals: number;
  accepted: number;
  /** Energy and gradient evaluations (see VertexEnergy). */
  evaluations: number;
}

export interface ChainOptimizer extends Optimizer {
  readonly stats: ChainStats;
}

/**
 * The chain as an optimizer: each step proposes from the current vertex, evaluates the proposal
 * (the objective's vertex evaluator where it has one, so the loop makes no pass), and accepts with
 * probability min(1, pi(y) q(x | y) / (pi(x) q(y | x))). The decoded assignment is the chain's
 * vertex, or a rejected proposal that satisfies every term (so that no evaluated solution is lost).
 */
export function createChain(
  problem: OptimizerProblem,
  rng: Rng,
  settings: ChainSettings,
  proposal: Proposal,
  who: string,
): ChainOptimizer {
  const energy = new VertexEnergy(problem, settings.energy, who);
  const { params: slots, size, termCount } = problem;
  let current = new ChainState(slots, size, termCount);
  let next = new ChainState(slots, size, termCount);
  const start = new Int32Array(slots.length);
  randomAssignment(slots, rng, start);
  for (let s = 0; s < slots.length; s++) current.probs[slots[s]!.offset + start[s]!] = 1;
  current.assignment.set(start);
  current.energy = energy.evaluate(current.probs, current.terms, current.grad);
  const stats: ChainStats = { proposals: 0, accepted: 0, evaluations: 0 };
  const invT = 1 / settings.temperature;
  let shown = current;

  return {
    stats,
    probs: () => current.probs,
    update() {
      next.copyVertex(current);
      const logForward = proposal.propose(current, next);
      stats.proposals++;
      next.energy = energy.evaluate(next.probs, next.terms, next.grad);
      let acceptance = 1;
      if (settings.metropolis) {
        const logRatio = (current.energy - next.energy) * invT + proposal.reverse(current, next) - logForward;
        acceptance = logRatio >= 0 ? 1 : Math.exp(logRatio);
      }
      proposal.observe?.(acceptance);
      const accepted = acceptance >= 1 || rng.next() < acceptance;
      stats.evaluations = energy.evaluations;
      if (accepted) {
        stats.accepted++;
        const t = current;
        current = next;
        next = t;
        shown = current;
      } else shown = failingTerms(next.terms) === 0 ? next : current;
    },
    gradientWithoutPass(into) {
      into.set(current.grad);
      return energy.plainLoss(current.terms);
    },
    decode: (into) => into.set(shown.assignment),
    decodedTermLosses: () => shown.terms,
  };
}
