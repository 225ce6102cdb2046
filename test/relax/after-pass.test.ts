// lossAndGradientAfterPass: after a forward pass at some vectors, with the term weights changed since,
// it gives exactly what a full lossAndGradient there gives (the reverse pass alone is enough).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRelaxed } from '../../src/relax/index.ts';
import { loadSketch } from '../../src/sketch/load.ts';

describe('lossAndGradientAfterPass', () => {
  for (const [path, options] of [
    ['programs/circuit/circuit.tpt', { batch: 'full_adder' }],
    ['programs/dnf/dnf.tpt', {}],
  ] as const) {
    it(`equals lossAndGradient at the last pass's vectors under new term weights (${path})`, () => {
      const s = loadSketch(path, options).sketch!;
      const ev = compileRelaxed(s.program, s.dataset);
      const probs = new Float64Array(ev.size);
      const full = new Float64Array(ev.size);
      const after = new Float64Array(ev.size);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.boolean(), (seed, vertex) => {
          let x = seed;
          const next = (): number => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
          for (const p of ev.params) {
            let sum = 0;
            const pick = Math.floor(next() * p.domain);
            for (let j = 0; j < p.domain; j++) sum += probs[p.offset + j] = vertex ? Number(j === pick) : next() + 0.01;
            for (let j = 0; j < p.domain; j++) probs[p.offset + j]! /= sum;
          }
          ev.termWeights.fill(1);
          ev.lossAndGradient(probs, full); // the forward pass the next call reuses
          for (let t = 0; t < ev.termCount; t++) ev.termWeights[t] = 0.5 + next() * 3;
          const lossAfter = ev.lossAndGradientAfterPass(probs, after);
          const lossFull = ev.lossAndGradient(probs, full);
          expect(lossAfter).toBeCloseTo(lossFull, 9);
          expect(Array.from(after)).toEqual(Array.from(full));
        }),
        { numRuns: 40 },
      );
      ev.termWeights.fill(1);
    });
  }
});
