// Hand-written Objectives for optimizer tests (independent of the relaxed evaluator): the parity
// chain with a closed-form gradient, and a tiny categorical problem; each with an exact verify.

import type { Objective, ParamSlot } from '../../src/relax/objective.ts';

/** An Objective with an exact check of a decoded assignment. */
export interface Fixture {
  readonly objective: Objective;
  readonly verify: (assignment: Int32Array) => boolean;
  /** Number of (example, output) terms the assignment gets right. */
  readonly score: (assignment: Int32Array) => number;
}

const EPS = 1e-7;

function slots(domains: readonly number[], names: (i: number) => string): ParamSlot[] {
  let offset = 0;
  return domains.map((domain, i) => {
    const slot = { variable: i, name: names(i), domain, offset };
    offset += domain;
    return slot;
  });
}

/**
 * Parity chain (Selsam 2018): x0 = 0 fixed, Params x1..x(K-1) in {0,1}, one example with outputs
 * y_i = XOR(x_i, x_(i+1 mod K)) all observed 0. P(y_i = 0) = q_i . q_(i+1); the loss is
 * sum_i w_i * -log(P(y_i = 0) + 1e-7). The only solution is all zeros.
 */
export function parityChain(k: number): Fixture {
  const params = slots(Array.from({ length: k - 1 }, () => 2), (i) => `x[${i + 1}]`);
  const size = 2 * (k - 1);
  const termWeights = new Float64Array(k).fill(1);
  const termLosses = new Float64Array(k);
  // Offset of bit j's vector in the flat array; -1 for the fixed input x0 = one-hot(0).
  const at = (j: number): number => (j === 0 ? -1 : 2 * (j - 1));
  const objective: Objective = {
    params,
    size,
    termCount: k,
    termWeights,
    termLosses,
    lossAndGradient(probs, grad) {
      grad.fill(0);
      let loss = 0;
      for (let i = 0; i < k; i++) {
        const a = at(i);
        const b = at((i + 1) % k);
        const a0 = a < 0 ? 1 : probs[a];
        const a1 = a < 0 ? 0 : probs[a + 1];
        const b0 = b < 0 ? 1 : probs[b];
        const b1 = b < 0 ? 0 : probs[b + 1];
        const d = a0 * b0 + a1 * b1 + EPS;
        termLosses[i] = -Math.log(d);
        loss += termWeights[i] * termLosses[i];
        const c = -termWeights[i] / d;
        if (a >= 0) {
          grad[a] += c * b0;
          grad[a + 1] += c * b1;
        }
        if (b >= 0) {
          grad[b] += c * a0;
          grad[b + 1] += c * a1;
        }
      }
      return loss;
    },
  };
  const score = (assignment: Int32Array): number => {
    let ok = 0;
    for (let i = 0; i < k; i++) {
      const a = i === 0 ? 0 : assignment[i - 1];
      const b = (i + 1) % k === 0 ? 0 : assignment[i];
      if ((a ^ b) === 0) ok++;
    }
    return ok;
  };
  return { objective, verify: (a) => score(a) === k, score };
}

/**
 * A categorical chain, the parity chain's generalisation to domain D: x0 = 0 fixed, Params
 * x1..x(K-1) in {0..D-1}, outputs y_i = (x_(i+1 mod K) - x_i) mod D observed for a target drawn from
 * `targetSeed` (so the solution is not all zeros). P(y_i = c) = sum_a q_i[a] q_(i+1)[(a + c) mod D].
 */
export function modChain(k: number, d: number, targetSeed = 1): Fixture {
  const params = slots(Array.from({ length: k - 1 }, () => d), (i) => `x[${i + 1}]`);
  const termWeights = new Float64Array(k).fill(1);
  const termLosses = new Float64Array(k);
  let state = targetSeed >>> 0;
  const target = Array.from({ length: k }, (_, i) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return i === 0 ? 0 : (state >>> 16) % d;
  });
  const observed = target.map((t, i) => (((target[(i + 1) % k]! - t) % d) + d) % d);
  const at = (j: number): number => (j === 0 ? -1 : d * (j - 1));
  const prob = (probs: Float64Array, off: number, v: number): number => (off < 0 ? (v === 0 ? 1 : 0) : probs[off + v]!);
  const objective: Objective = {
    params,
    size: d * (k - 1),
    termCount: k,
    termWeights,
    termLosses,
    lossAndGradient(probs, grad) {
      grad.fill(0);
      let loss = 0;
      for (let i = 0; i < k; i++) {
        const a = at(i);
        const b = at((i + 1) % k);
        const c = observed[i]!;
        let p = 0;
        for (let v = 0; v < d; v++) p += prob(probs, a, v) * prob(probs, b, (v + c) % d);
        termLosses[i] = -Math.log(p + EPS);
        loss += termWeights[i]! * termLosses[i]!;
        const coeff = -termWeights[i]! / (p + EPS);
        for (let v = 0; v < d; v++) {
          if (a >= 0) grad[a + v] += coeff * prob(probs, b, (v + c) % d);
          if (b >= 0) grad[b + ((v + c) % d)] += coeff * prob(probs, a, v);
        }
      }
      return loss;
    },
  };
  const score = (asg: Int32Array): number => {
    let ok = 0;
    for (let i = 0; i < k; i++) {
      const x = i === 0 ? 0 : asg[i - 1]!;
      const y = (i + 1) % k === 0 ? 0 : asg[i]!;
      if ((((y - x) % d) + d) % d === observed[i]) ok++;
    }
    return ok;
  };
  return { objective, verify: (a) => score(a) === k, score, target: Int32Array.from(target.slice(1)) } as Fixture;
}

/**
 * A tiny categorical problem: Params a, b, c in {0..D-1} (D prime), examples x = 0..D-1, output
 * y(x) = (a + b x + c x^2) mod D observed for the target (a, b, c); unique by interpolation over
 * GF(D). Relaxed: P(y = t | x) = sum over (a, b, c) mapping to t of pa pb pc; loss = mean over x.
 */
export function polynomial(d = 5, target: readonly [number, number, number] = [3, 2, 4]): Fixture {
  const params = slots([d, d, d], (i) => 'abc'[i]!);
  const size = 3 * d;
  const termWeights = new Float64Array(d).fill(1);
  const termLosses = new Float64Array(d);
  const value = (a: number, b: number, c: number, x: number): number => (a + b * x + c * x * x) % d;
  const observed = Array.from({ length: d }, (_, x) => value(target[0], target[1], target[2], x));
  const objective: Objective = {
    params,
    size,
    termCount: d,
    termWeights,
    termLosses,
    lossAndGradient(probs, grad) {
      grad.fill(0);
      let loss = 0;
      for (let x = 0; x < d; x++) {
        let p = 0;
        for (let a = 0; a < d; a++)
          for (let b = 0; b < d; b++)
            for (let c = 0; c < d; c++) if (value(a, b, c, x) === observed[x]) p += probs[a] * probs[d + b] * probs[2 * d + c];
        termLosses[x] = -Math.log(p + EPS);
        loss += (termWeights[x] * termLosses[x]) / d;
        const coeff = -termWeights[x] / d / (p + EPS);
        for (let a = 0; a < d; a++)
          for (let b = 0; b < d; b++)
            for (let c = 0; c < d; c++) {
              if (value(a, b, c, x) !== observed[x]) continue;
              grad[a] += coeff * probs[d + b] * probs[2 * d + c];
              grad[d + b] += coeff * probs[a] * probs[2 * d + c];
              grad[2 * d + c] += coeff * probs[a] * probs[d + b];
            }
      }
      return loss;
    },
  };
  const score = (asg: Int32Array): number => {
    let ok = 0;
    for (let x = 0; x < d; x++) if (value(asg[0], asg[1], asg[2], x) === observed[x]) ok++;
    return ok;
  };
  return { objective, verify: (a) => score(a) === d, score };
}
