// Seed 000: the n-3-2-1 sigmoid network with cross-entropy. On random inputs and weights, the gradient
// the compiled program computes equals the document's closed-form formulas (mean over the examples):
// dL/dw3 = (a3 - y) a2^T, dL/db3 = a3 - y, dL/dW2 = [(a3 - y) w3^T o a2(1 - a2)] a1^T, and so on
// down to dL/dW1 (the document's "a3(1 - a3)" in layer 2 is a slip for sigma'(z2) = a2(1 - a2)).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRelaxed, loadSketch, runExact, type Dataset } from '../../src/index.ts';
import { Rng } from '../../src/util/rng.ts';

const sketch = loadSketch('programs/nets/n321.tpt').sketch!;
const sig = (z: number): number => 1 / (1 + Math.exp(-z));

/** The closed forms of seed 000 for one example, added into `g` (laid out W1, b1, W2, b2, W3, b3). */
function closedForm(w: Float64Array, x: number[], y: number, g: Float64Array, scale: number): void {
  const n = x.length;
  const W1 = (j: number, k: number): number => w[j * n + k]!;
  const b1 = 3 * n, W2 = b1 + 3, b2 = W2 + 6, W3 = b2 + 2, b3 = W3 + 2;
  const a1 = [0, 1, 2].map((j) => sig(x.reduce((s, xk, k) => s + W1(j, k) * xk, w[b1 + j]!)));
  const a2 = [0, 1].map((i) => sig(a1.reduce((s, a, j) => s + w[W2 + i * 3 + j]! * a, w[b2 + i]!)));
  const a3 = sig(a2.reduce((s, a, i) => s + w[W3 + i]! * a, w[b3]!));
  const d3 = a3 - y; // dL/dz3
  const d2 = [0, 1].map((i) => d3 * w[W3 + i]! * a2[i]! * (1 - a2[i]!)); // (a3 - y) w3^T o sigma'(z2)
  const d1 = [0, 1, 2].map((j) => (d2[0]! * w[W2 + j]! + d2[1]! * w[W2 + 3 + j]!) * a1[j]! * (1 - a1[j]!));
  a2.forEach((a, i) => (g[W3 + i]! += scale * d3 * a)); // (a3 - y) a2^T
  g[b3]! += scale * d3;
  d2.forEach((d, i) => {
    a1.forEach((a, j) => (g[W2 + i * 3 + j]! += scale * d * a));
    g[b2 + i]! += scale * d;
  });
  d1.forEach((d, j) => {
    x.forEach((xk, k) => (g[j * n + k]! += scale * d * xk));
    g[b1 + j]! += scale * d;
  });
}

describe('seed 000: n-3-2-1 sigmoid network with cross-entropy', () => {
  it('has the closed-form gradients on random inputs and weights', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7fffffff }), fc.integer({ min: 1, max: 6 }), (seed, m) => {
        const rng = new Rng(seed);
        const template = sketch.dataset.examples[0]!;
        const rows = Array.from({ length: m }, () => ({ x: Array.from({ length: 4 }, () => 4 * rng.next() - 2), y: rng.int(2) }));
        const dataset: Dataset = {
          ...sketch.dataset,
          examples: rows.map((r, i) => ({ ...template, name: `e${i}`, realInputs: Float64Array.from(r.x), expected: Int32Array.of(r.y) })),
        };
        // epsilon 0: the loss is exactly -[y log a3 + (1 - y) log(1 - a3)], averaged over the examples.
        const ev = compileRelaxed(sketch.program, dataset, { epsilon: 0 });
        for (let i = 0; i < ev.realValues.length; i++) ev.realValues[i] = 1.5 * rng.normal();
        const loss = ev.lossAndGradient(new Float64Array(0), new Float64Array(0));
        const want = new Float64Array(ev.realValues.length);
        rows.forEach((r) => closedForm(ev.realValues, r.x, r.y, want, 1 / m));
        ev.realGradient.forEach((g, i) => expect(Math.abs(g - want[i]!)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(want[i]!))));
        // The exact interpreter's data loss is the same cross-entropy (with its 1e-7 epsilon).
        const exact = runExact(sketch.program, dataset, new Int32Array(sketch.program.vars.length), ev.realValues);
        expect(Math.abs(exact.loss! - loss)).toBeLessThanOrEqual(1e-4 * (1 + loss));
      }),
      { numRuns: 100 },
    );
  });
});
