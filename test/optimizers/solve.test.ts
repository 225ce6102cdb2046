// Every registered optimizer solves tiny sketches under a fixed seed, runs are reproducible from the
// seed, and a reported success always passes the exact check.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listOptimizers } from '../../src/optimizers/registry.ts';
import { synthesize } from '../../src/synth/synthesize.ts';
import { modChain, parityChain, type Fixture } from './fixtures.ts';

const names = listOptimizers().map((d) => d.name);

const run = (fx: Fixture, optimizer: string, seed: number, maxSteps = 2000, options = {}) =>
  synthesize({ objective: fx.objective, verify: fx.verify, optimizer, options, seed, maxSteps });

describe.each(names)('%s', (name) => {
  it('solves the parity chain at K = 4', () => {
    const fx = parityChain(4);
    const r = run(fx, name, 1);
    expect(r.success).toBe(true);
    expect(fx.verify(r.bestAssignment)).toBe(true);
  });

  it('solves a categorical chain (K = 4, D = 3)', () => {
    const fx = modChain(4, 3);
    const r = run(fx, name, 1);
    expect(r.success).toBe(true);
    expect(fx.verify(r.bestAssignment)).toBe(true);
  });

  it('repeats a run exactly from its seed', () => {
    const fx = modChain(6, 3);
    const a = run(fx, name, 11, 300);
    const b = run(fx, name, 11, 300);
    expect(b.steps).toBe(a.steps);
    expect(b.success).toBe(a.success);
    expect(Array.from(b.bestAssignment)).toEqual(Array.from(a.bestAssignment));
    expect(b.lossCurve).toEqual(a.lossCurve);
  });
});

describe('a reported success', () => {
  it('always passes verify, for any optimizer, seed and chain', () => {
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 3, max: 8 }), fc.integer({ min: 2, max: 3 }), (name, seed, k, d) => {
        const fx = d === 2 ? parityChain(k) : modChain(k, d, seed);
        const r = run(fx, name, seed, 200);
        if (r.success) expect(fx.verify(r.bestAssignment)).toBe(true);
        else expect(r.steps).toBe(200);
      }),
      { numRuns: 60 },
    );
  });
});
