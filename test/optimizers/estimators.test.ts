// The sampled-logit estimators (rloo, reinmax, gst) against their papers' rules on 3-Param problems
// whose expected loss can be summed exactly: rloo is unbiased, reinmax is unbiased for a loss
// linear in the sample (its second-order correction is exact there), and gst's perturbed logits
// put the sample on top by the gap.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParamSlot } from '../../src/relax/objective.ts';
import { gstGradient } from '../../src/optimizers/gst.ts';
import { reinmaxGradient } from '../../src/optimizers/reinmax.ts';
import { rlooGradient } from '../../src/optimizers/rloo.ts';
import { SampledLogits } from '../../src/optimizers/sampled-logits.ts';
import { resolveOptimizerOptions } from '../../src/optimizers/registry.ts';
import { softmaxSlots } from '../../src/optimizers/simplex.ts';
import { Rng } from '../../src/util/rng.ts';

const DOMAINS = [2, 3, 2];
const params: ParamSlot[] = (() => {
  let offset = 0;
  return DOMAINS.map((domain, i) => {
    const slot = { variable: i, name: `p${i}`, domain, offset };
    offset += domain;
    return slot;
  });
})();
const SIZE = 7;
const LOGITS = [0.3, -0.4, 1.0, -0.2, 0.5, 0.8, 0.1];
const TABLE = [0.3, 1.7, 0.0, 2.2, 1.1, 0.6, 1.9, 0.4, 1.3, 0.9, 2.0, 0.2];
const index = (x: ArrayLike<number>): number => x[0]! + 2 * x[1]! + 6 * x[2]!;
const problem = { params, size: SIZE, termCount: 1, termWeights: new Float64Array(1), termLosses: new Float64Array(1) };

function sampler(seed: number): SampledLogits {
  const s = new SampledLogits(problem, new Rng(seed), resolveOptimizerOptions('rloo'));
  s.logits.set(LOGITS);
  return s;
}

const softmax = (): Float64Array => {
  const p = new Float64Array(SIZE);
  softmaxSlots(params, Float64Array.from(LOGITS), 1, p);
  return p;
};

/** The exact gradient of sum_x p(x) f(x) with respect to the logits. */
function exactGradient(f: (x: number[]) => number): number[] {
  const pi = softmax();
  const grad = new Array<number>(SIZE).fill(0);
  for (let a = 0; a < 2; a++)
    for (let b = 0; b < 3; b++)
      for (let c = 0; c < 2; c++) {
        const x = [a, b, c];
        const px = x.reduce((p, v, s) => p * pi[params[s]!.offset + v]!, 1);
        params.forEach(({ offset, domain }, s) => {
          for (let v = 0; v < domain; v++) grad[offset + v] += px * f(x) * ((x[s] === v ? 1 : 0) - pi[offset + v]!);
        });
      }
  return grad;
}

/** Mean and standard error of `estimate()` over `n` draws, coordinate-wise. */
function average(n: number, estimate: () => Float64Array): { mean: number[]; stderr: number[] } {
  const sum = new Array<number>(SIZE).fill(0);
  const sq = new Array<number>(SIZE).fill(0);
  for (let t = 0; t < n; t++) {
    const e = estimate();
    for (let i = 0; i < SIZE; i++) {
      sum[i] += e[i]!;
      sq[i] += e[i]! * e[i]!;
    }
  }
  const mean = sum.map((v) => v / n);
  return { mean, stderr: sq.map((v, i) => Math.sqrt(Math.max(0, v / n - mean[i]! ** 2) / n)) };
}

function expectWithin(got: { mean: number[]; stderr: number[] }, exact: number[]): void {
  exact.forEach((v, i) => expect(Math.abs(got.mean[i]! - v), `coordinate ${i}`).toBeLessThan(5 * got.stderr[i]! + 1e-9));
}

describe('rloo', () => {
  it.each([2, 4])('is an unbiased estimate of the gradient of the expected loss (k = %i)', (k) => {
    const s = sampler(1);
    const samples = new Int32Array(k * 3);
    const losses = new Float64Array(k);
    const out = new Float64Array(SIZE);
    const got = average(20_000, () => {
      for (let i = 0; i < k; i++) {
        s.draw();
        samples.set(s.sample, i * 3);
        losses[i] = TABLE[index(s.sample)]!;
      }
      rlooGradient(params, samples, losses, k, out);
      return out;
    });
    expectWithin(got, exactGradient((x) => TABLE[index(x)]!));
    // Not a test that passes by default: the estimate is far from zero.
    expect(Math.max(...got.mean.map(Math.abs))).toBeGreaterThan(0.05);
  });

  it('draws each Param from softmax(logits)', () => {
    const s = sampler(2);
    const counts = new Array<number>(SIZE).fill(0);
    const n = 20_000;
    for (let t = 0; t < n; t++) {
      s.draw();
      params.forEach(({ offset }, p) => counts[offset + s.sample[p]!]++);
    }
    const pi = softmax();
    counts.forEach((c, i) => expect(Math.abs(c / n - pi[i]!)).toBeLessThan(0.012));
  });
});

describe('reinmax', () => {
  // For a loss c . D linear in the one-hot sample, E[2 J(pi1) c] = 3/2 J(pi0) c at tau = 1, so the
  // estimate 2 J(pi1) c - J(pi0) c / 2 is unbiased (a wrong weight of either term would not be).
  const C = [0.7, -1.2, 2.0, 0.4, -0.5, 1.1, -0.9];
  it('is unbiased for a loss linear in the sample (tau = 1)', () => {
    const s = sampler(3);
    const tempered = new Float64Array(SIZE);
    const out = new Float64Array(SIZE);
    const got = average(20_000, () => {
      s.draw();
      softmaxSlots(params, s.logits, 1, tempered);
      reinmaxGradient(params, s.soft, s.probs, tempered, Float64Array.from(C), out);
      return out;
    });
    const exact = exactGradient((x) => x.reduce((sum, v, p) => sum + C[params[p]!.offset + v]!, 0));
    expectWithin(got, exact);
  });

  it('computes 2 J(pi1) g - J(pi0) g / 2, centred, with pi1 = (D + softmax(theta / tau)) / 2', () => {
    const s = sampler(4);
    s.draw();
    const tau = 1.7;
    const g = Float64Array.from([3, -1, 0.5, 2, -2, 1, 0]);
    const tempered = new Float64Array(SIZE);
    softmaxSlots(params, s.logits, tau, tempered);
    const temperedCopy = Float64Array.from(tempered);
    const out = new Float64Array(SIZE);
    reinmaxGradient(params, s.soft, s.probs, tempered, g, out);
    const jacobian = (p: number[], v: number[]): number[] => {
      const dot = p.reduce((a, x, i) => a + x * v[i]!, 0);
      return p.map((x, i) => x * (v[i]! - dot));
    };
    for (const { offset, domain } of params) {
      const r = (a: ArrayLike<number>): number[] => Array.from({ length: domain }, (_, k) => a[offset + k]!);
      const pi1 = r(s.probs).map((d, k) => 0.5 * (d + temperedCopy[offset + k]!));
      const raw = jacobian(pi1, r(g)).map((v, k) => 2 * v - 0.5 * jacobian(r(s.soft), r(g))[k]!);
      const mean = raw.reduce((a, b) => a + b, 0) / domain;
      raw.forEach((v, k) => expect(out[offset + k]).toBeCloseTo(v - mean, 12));
    }
  });
});

describe('gst', () => {
  it('moves the logits so that the sample is the argmax and every other value is at least the gap below', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: SIZE, maxLength: SIZE }),
        fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1 })),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (logits, sample, gap) => {
          const theta = Float64Array.from(logits);
          const soft = new Float64Array(SIZE);
          softmaxSlots(params, theta, 1, soft);
          const moved = new Float64Array(SIZE);
          const out = new Float64Array(SIZE);
          gstGradient(params, theta, soft, Int32Array.from(sample), new Float64Array(SIZE), { tau: 1, gap, probabilityGap: false }, moved, new Float64Array(SIZE), out);
          params.forEach(({ offset, domain }, p) => {
            const max = Math.max(...theta.subarray(offset, offset + domain));
            expect(moved[offset + sample[p]!]).toBe(max);
            for (let k = 0; k < domain; k++) {
              if (k === sample[p]) continue;
              expect(moved[offset + k]!).toBeLessThanOrEqual(Math.min(theta[offset + k]!, max - gap) + 1e-12);
            }
          });
        },
      ),
    );
  });

  it('passes the gradient through softmax(theta~ / tau); GST-p takes the gap -log(1 - p) / p', () => {
    const theta = Float64Array.from(LOGITS);
    const soft = softmax();
    const sample = Int32Array.from([1, 0, 1]);
    const g = Float64Array.from([1, -2, 0.3, 0.8, -1, 2, 0.5]);
    const tau = 0.6;
    for (const probabilityGap of [false, true]) {
      const moved = new Float64Array(SIZE);
      const movedSoft = new Float64Array(SIZE);
      const out = new Float64Array(SIZE);
      gstGradient(params, theta, soft, sample, g, { tau, gap: 1, probabilityGap }, moved, movedSoft, out);
      params.forEach(({ offset, domain }, p) => {
        const d = offset + sample[p]!;
        const max = Math.max(...theta.subarray(offset, offset + domain));
        const gap = probabilityGap ? -Math.log(1 - soft[d]!) / soft[d]! : 1;
        const th = Array.from({ length: domain }, (_, k) => (offset + k === d ? max : theta[offset + k]! - Math.max(0, theta[offset + k]! + gap - max)));
        const e = th.map((v) => Math.exp(v / tau));
        const z = e.reduce((a, b) => a + b, 0);
        const q = e.map((v) => v / z);
        const dot = q.reduce((a, v, k) => a + v * g[offset + k]!, 0);
        q.forEach((v, k) => expect(out[offset + k]).toBeCloseTo((v * (g[offset + k]! - dot)) / tau, 12));
      });
    }
  });
});
