// pas: the Path Auxiliary Proposal (Sun, Dai, Xia, Ramamurthy, "Path auxiliary proposal for MCMC in
// discrete space", ICLR 2022) with first-order weights, as a Metropolis-Hastings chain on
// exp(-E / T); the path length optionally adapted toward the acceptance rate 0.574 (Sun, Dai,
// Schuurmans, "Optimal scaling for locally balanced proposals in discrete spaces", NeurIPS 2022).
//
// Rule implemented: at vertex x with energy gradient g, move (s, j) has the locally balanced weight
// w_sj = exp(-(g[s, j] - g[s, x_s]) / (2 T)) (sqrt of the estimated density ratio) and site s the
// weight W_s = sum_j w_sj. A path of L distinct sites s_1 .. s_L is drawn in order without
// replacement with probability W_s / (sum of the unused sites' W), each site's new value j with
// probability w_sj / W_s, and every site moves, giving y. The reverse path reverts s_L .. s_1 in
// that order with the weights from the gradient at y. Accept with probability
// min(1, exp(-(E(y) - E(x)) / T) q(reverse path | y) / q(path | x)). L is uniform on 1 .. 2R - 1
// (mean R), as in the authors' code; adaptively, L is a stochastic rounding of U, and after every
// step U <- clamp(U + min(1, ratio) - target, 1, sites), the authors' adaptive rule.
// Sites are drawn with the Gumbel-top-L trick, which has exactly the sequential law above.

import type { Rng } from '../util/rng.ts';
import { ChainState, chainOptions, chainSettings, createChain, type Proposal } from './mh-chain.ts';
import type { OptimizerDefinition, OptimizerProblem } from './optimizer.ts';
import { bool, num } from './options.ts';

/** Settings of the path proposal. */
export interface PathSettings {
  /** Mean path length R (the starting U when adaptive). */
  readonly length: number;
  readonly adaptive: boolean;
  readonly targetAcceptance: number;
}

/** The path proposal; `half` = 1 / (2 T). */
export function pathProposal(problem: OptimizerProblem, rng: Rng, half: number, settings: PathSettings): Proposal & { readonly meanLength: () => number } {
  const slots = problem.params;
  const n = slots.length;
  let movable = 0;
  for (const slot of slots) if (slot.domain > 1) movable++;
  const siteLog = new Float64Array(n); // log W_s at the current end of the proposal
  const inPath = new Uint8Array(n);
  const path = new Int32Array(n); // sites in path order
  const oldValue = new Int32Array(n);
  const heapKey = new Float64Array(n);
  const heapSite = new Int32Array(n);
  let length = 0;
  let u = settings.length;
  let steps = 0;
  let lengthSum = 0;

  /** log W_s at `at`: log-sum-exp of the move log-weights of slot s. */
  const logSiteWeight = (at: ChainState, s: number): number => {
    const { offset, domain } = slots[s]!;
    const c = at.assignment[s]!;
    const base = at.grad[offset + c]!;
    let max = -Infinity;
    for (let j = 0; j < domain; j++) if (j !== c) max = Math.max(max, (base - at.grad[offset + j]!) * half);
    let sum = 0;
    for (let j = 0; j < domain; j++) if (j !== c) sum += Math.exp((base - at.grad[offset + j]!) * half - max);
    return max + Math.log(sum);
  };

  /** Fills siteLog at `at`; returns its max over movable sites. */
  const siteWeights = (at: ChainState): number => {
    let max = -Infinity;
    for (let s = 0; s < n; s++) {
      siteLog[s] = slots[s]!.domain > 1 ? logSiteWeight(at, s) : -Infinity;
      max = Math.max(max, siteLog[s]!);
    }
    return max;
  };

  /** sum over movable sites off the path of W_s / exp(max). */
  const offPath = (max: number): number => {
    let sum = 0;
    for (let s = 0; s < n; s++) if (!inPath[s] && slots[s]!.domain > 1) sum += Math.exp(siteLog[s]! - max);
    return sum;
  };

  /** Min-heap of (key, site) of size at most `length`: the largest keys seen. */
  let heapSize = 0;
  const siftDown = (i: number, size: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && heapKey[l]! < heapKey[m]!) m = l;
      if (r < size && heapKey[r]! < heapKey[m]!) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  const swap = (a: number, b: number): void => {
    const k = heapKey[a]!;
    heapKey[a] = heapKey[b]!;
    heapKey[b] = k;
    const s = heapSite[a]!;
    heapSite[a] = heapSite[b]!;
    heapSite[b] = s;
  };
  const offer = (key: number, site: number): void => {
    if (heapSize < length) {
      let i = heapSize++;
      heapKey[i] = key;
      heapSite[i] = site;
      while (i > 0 && heapKey[(i - 1) >> 1]! > heapKey[i]!) {
        swap(i, (i - 1) >> 1);
        i = (i - 1) >> 1;
      }
    } else if (key > heapKey[0]!) {
      heapKey[0] = key;
      heapSite[0] = site;
      siftDown(0, heapSize);
    }
  };

  return {
    meanLength: () => (steps ? lengthSum / steps : 0),
    propose(from, to) {
      for (let i = 0; i < length; i++) inPath[path[i]!] = 0;
      length = settings.adaptive ? Math.floor(u) + (rng.next() < u - Math.floor(u) ? 1 : 0) : 1 + rng.int(2 * settings.length - 1);
      length = Math.min(length, movable);
      steps++;
      lengthSum += length;
      if (length === 0) return 0;
      const max = siteWeights(from);
      // Gumbel-top-L: the L largest log W_s + Gumbel, in decreasing order, are a sequential draw
      // without replacement with probabilities proportional to W_s.
      heapSize = 0;
      for (let s = 0; s < n; s++) if (slots[s]!.domain > 1) offer(siteLog[s]! + rng.gumbel(), s);
      for (let end = heapSize - 1; end >= 0; end--) {
        path[end] = heapSite[0]!; // pop the smallest into the last free place: decreasing order
        swap(0, end);
        siftDown(0, end);
      }
      for (let r = 0; r < length; r++) inPath[path[r]!] = 1;
      let logQ = 0;
      let suffix = 0;
      const rest = offPath(max);
      for (let r = length - 1; r >= 0; r--) {
        const s = path[r]!;
        suffix += Math.exp(siteLog[s]! - max);
        // Within the site, value j with probability w_sj / W_s; the site itself with W_s / Z_r.
        const { offset, domain } = slots[s]!;
        const c = from.assignment[s]!;
        const base = from.grad[offset + c]!;
        let x = rng.next();
        let value = c === domain - 1 ? domain - 2 : domain - 1;
        for (let j = 0; j < domain; j++) {
          if (j === c) continue;
          x -= Math.exp((base - from.grad[offset + j]!) * half - siteLog[s]!);
          if (x < 0) {
            value = j;
            break;
          }
        }
        oldValue[r] = c;
        to.move(s, value);
        logQ += (base - from.grad[offset + value]!) * half - (max + Math.log(rest + suffix));
      }
      return logQ;
    },
    reverse(_from, to) {
      if (length === 0) return 0;
      const max = siteWeights(to);
      const rest = offPath(max);
      // Reverting s_L first, s_1 last: at the revert of s_i the sites s_1 .. s_i are still unused.
      let logQ = 0;
      let prefix = 0;
      for (let i = 0; i < length; i++) {
        const s = path[i]!;
        prefix += Math.exp(siteLog[s]! - max);
        const { offset } = slots[s]!;
        logQ += (to.grad[offset + to.assignment[s]!]! - to.grad[offset + oldValue[i]!]!) * half - (max + Math.log(rest + prefix));
      }
      return logQ;
    },
    observe(acceptance) {
      if (settings.adaptive) u = Math.min(Math.max(1, u + acceptance - settings.targetAcceptance), Math.max(1, movable));
    },
  };
}

/** `pas`: the path auxiliary sampler. */
export const pas: OptimizerDefinition = {
  name: 'pas',
  summary: 'path auxiliary proposal: R distinct Params drawn from the locally balanced gradient weights and all moved, Metropolis-Hastings on exp(-E / T)',
  family: 'discrete',
  options: [
    ...chainOptions,
    { name: 'pathLength', type: 'integer', min: 1, default: 5, doc: 'mean path length R: each step moves L Params, L uniform on 1 .. 2R - 1 (the start of U when adaptive)' },
    { name: 'adaptive', type: 'boolean', default: false, doc: 'adapt the path length toward targetAcceptance: U += min(1, ratio) - target after every step, L a stochastic rounding of U' },
    { name: 'targetAcceptance', type: 'number', min: 0, max: 1, minExclusive: true, maxExclusive: true, default: 0.574, doc: 'acceptance rate the adaptive path length aims for (optimal for locally balanced proposals)' },
  ],
  create(problem, rng, o) {
    const settings = chainSettings(o);
    const path = { length: num(o, 'pathLength'), adaptive: bool(o, 'adaptive'), targetAcceptance: num(o, 'targetAcceptance') };
    const proposal = pathProposal(problem, rng.fork(0x9a5), 1 / (2 * settings.temperature), path);
    return createChain(problem, rng, settings, proposal, 'pas');
  },
};
