// Kernels the optimizers are built from: softmax and its backward rule, random-tie argmax, moves,
// continuous updates and loss reweighting.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParamSlot } from '../../src/relax/objective.ts';
import { ContinuousUpdate, type ContinuousSettings } from '../../src/optimizers/adam.ts';
import { bestMove, Move, randomMove, Vertex } from '../../src/optimizers/moves.ts';
import { Reweighter } from '../../src/optimizers/reweight.ts';
import { argmaxSlot, softmaxBackward, softmaxSlots, writeVertex } from '../../src/optimizers/simplex.ts';
import { Rng } from '../../src/util/rng.ts';

const layout = (domains: number[]): ParamSlot[] => {
  let offset = 0;
  return domains.map((domain, i) => {
    const s = { variable: i, name: `p${i}`, domain, offset };
    offset += domain;
    return s;
  });
};

describe('softmax', () => {
  it('backward rule matches central differences of sum_k g_k softmax(z / T)_k', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 5, maxLength: 5 }),
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 5, maxLength: 5 }),
        fc.double({ min: 0.2, max: 3, noNaN: true }),
        (z, g, t) => {
          const slots = layout([2, 3]);
          const logits = Float64Array.from(z);
          const gv = Float64Array.from(g);
          const p = new Float64Array(5);
          const out = new Float64Array(5);
          softmaxSlots(slots, logits, t, p);
          softmaxBackward(slots, p, gv, t, out);
          const f = (x: Float64Array): number => {
            const q = new Float64Array(5);
            softmaxSlots(slots, x, t, q);
            return q.reduce((acc, v, i) => acc + v * gv[i]!, 0);
          };
          for (let i = 0; i < 5; i++) {
            const up = Float64Array.from(logits);
            const down = Float64Array.from(logits);
            up[i] += 1e-6;
            down[i] -= 1e-6;
            expect(out[i]).toBeCloseTo((f(up) - f(down)) / 2e-6, 6);
          }
        },
      ),
    );
  });

  it('is stable for huge logits', () => {
    const p = new Float64Array(2);
    softmaxSlots(layout([2]), Float64Array.from([1000, 999]), 1, p);
    expect(p[0]! + p[1]!).toBeCloseTo(1, 15);
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
  });
});

describe('argmax and moves', () => {
  it('breaks exact ties uniformly at random', () => {
    const rng = new Rng(5);
    const counts = [0, 0, 0, 0];
    const v = Float64Array.from([1, 3, 3, 3]);
    for (let i = 0; i < 3000; i++) counts[argmaxSlot(v, 0, 4, rng)]!++;
    expect(counts[0]).toBe(0);
    for (const c of counts.slice(1)) expect(c).toBeGreaterThan(900);
  });

  it('scores a categorical move as g[j] - g[current] and picks the best (ties at random)', () => {
    const vertex = new Vertex(layout([3, 2]), 5, 0);
    vertex.setAll(Int32Array.from([0, 1]));
    const g = Float64Array.from([5, 2, 2, 9, 4]); // slot 0 moves: -3, -3; slot 1 move: +5
    const rng = new Rng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 50; i++) {
      const m = bestMove(vertex, g, rng, new Move());
      expect(m.slot).toBe(0);
      expect(m.score).toBe(-3);
      seen.add(m.value);
    }
    expect([...seen].sort()).toEqual([1, 2]);
  });

  it('matches the binary flip estimate (1 - 2w) (g1 - g0)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1 }), fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true }), (w, g0, g1) => {
        const vertex = new Vertex(layout([2]), 2, 0);
        vertex.setAll(Int32Array.from([w]));
        const m = bestMove(vertex, Float64Array.from([g0, g1]), new Rng(1), new Move());
        expect(m.score).toBeCloseTo((1 - 2 * w) * (g1 - g0), 12);
      }),
    );
  });

  it('never proposes the current value as a random move, and skips one-value domains', () => {
    const vertex = new Vertex(layout([1, 3, 1]), 5, 0);
    vertex.setAll(Int32Array.from([0, 2, 0]));
    const rng = new Rng(2);
    for (let i = 0; i < 200; i++) {
      const m = randomMove(vertex, rng, new Move());
      expect(m.slot).toBe(1);
      expect(m.value).not.toBe(2);
    }
  });

  it('smooths a vertex: chosen 1 - s, the others share s', () => {
    const out = new Float64Array(5);
    writeVertex(layout([2, 3]), Int32Array.from([1, 0]), 0.01, out);
    expect(Array.from(out)).toEqual([0.01, 0.99, 0.99, 0.005, 0.005]);
  });
});

describe('continuous updates', () => {
  const base: ContinuousSettings = { rule: 'adam', lr: 0.1, beta1: 0.9, beta2: 0.999, rho: 0.9, momentum: 0.9, epsilon: 1e-8 };

  it('Adam: the first step moves every coordinate by lr against the gradient sign', () => {
    const u = new ContinuousUpdate(3, base);
    const x = Float64Array.from([0, 0, 0]);
    u.step(x, Float64Array.from([1e7, -3, 1e-3]));
    expect(x[0]).toBeCloseTo(-0.1, 8);
    expect(x[1]).toBeCloseTo(0.1, 8);
    expect(x[2]).toBeCloseTo(-0.1, 5); // epsilon 1e-8 matters only for tiny gradients
  });

  it('SGD with momentum accumulates velocity', () => {
    const u = new ContinuousUpdate(1, { ...base, rule: 'sgd', momentum: 0.5 });
    const x = Float64Array.from([0]);
    u.step(x, Float64Array.from([1]));
    u.step(x, Float64Array.from([1]));
    expect(x[0]).toBeCloseTo(-0.1 - 0.15, 12);
  });

  it('RMSProp divides by the running RMS', () => {
    const u = new ContinuousUpdate(1, { ...base, rule: 'rmsprop', rho: 0.9 });
    const x = Float64Array.from([0]);
    u.step(x, Float64Array.from([2]));
    expect(x[0]).toBeCloseTo(-0.1 * 2 / Math.sqrt(0.1 * 4), 6);
  });

  it('all three minimise a quadratic', () => {
    for (const rule of ['adam', 'rmsprop', 'sgd'] as const) {
      const u = new ContinuousUpdate(2, { ...base, rule, lr: 0.05 });
      const x = Float64Array.from([3, -2]);
      const g = new Float64Array(2);
      for (let t = 0; t < 2000; t++) {
        g[0] = 2 * x[0]!;
        g[1] = 8 * x[1]!;
        u.step(x, g);
      }
      expect(Math.hypot(x[0]!, x[1]!), rule).toBeLessThan(0.06);
    }
  });
});

describe('reweighting', () => {
  const problem = (losses: number[]) => {
    const termLosses = Float64Array.from(losses);
    return { params: [], size: 0, termCount: losses.length, termWeights: new Float64Array(losses.length).fill(1), termLosses };
  };

  it('SAPS scales failing terms by alpha, then smooths towards the mean, at a stall', () => {
    const p = problem([16, 0, 0, 16]);
    const r = new Reweighter(p, { rule: 'saps', stallSteps: 3, alpha: 1.3, rho: 0.8, pawsPeriod: 10 });
    r.observe(); // first observation sets the best loss
    r.observe();
    r.observe();
    expect(r.events).toBe(0);
    r.observe();
    expect(r.events).toBe(1);
    const mean = (1.3 + 1 + 1 + 1.3) / 4;
    expect(p.termWeights[0]).toBeCloseTo(0.8 * 1.3 + 0.2 * mean, 12);
    expect(p.termWeights[1]).toBeCloseTo(0.8 + 0.2 * mean, 12);
  });

  it('PAWS adds 1 to failing terms and periodically decreases', () => {
    const p = problem([16, 0]);
    const r = new Reweighter(p, { rule: 'paws', stallSteps: 1, alpha: 1, rho: 1, pawsPeriod: 3 });
    r.observe(); // best
    r.observe(); // stall 1: +1
    r.observe(); // stall 2: +1
    expect(Array.from(p.termWeights)).toEqual([3, 1]);
    r.observe(); // stall 3: decrease
    expect(Array.from(p.termWeights)).toEqual([2, 1]);
  });

  it('does not fire while the unweighted loss keeps improving', () => {
    const p = problem([16, 16]);
    const r = new Reweighter(p, { rule: 'saps', stallSteps: 1, alpha: 1.3, rho: 0.8, pawsPeriod: 10 });
    for (let t = 0; t < 10; t++) {
      p.termLosses[0] = 16 - t;
      r.observe();
    }
    expect(r.events).toBe(0);
  });
});
