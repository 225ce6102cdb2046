// The exact baselines beside the gradient methods: local-search (exact scoring of every move) and
// smt, both verified by the exact interpreter; the per-term scorer agrees with runExact.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTermScorer } from '../../src/exact/term-score.ts';
import { LocalSearch } from '../../src/optimizers/local-search.ts';
import { DONT_CARE, getMethod, listMethods, loadSketch, Rng, runExact, runMethod, solves, type Sketch } from '../../src/index.ts';

function sketch(path: string, options: Parameters<typeof loadSketch>[1]): Sketch {
  const r = loadSketch(path, options);
  if (!r.sketch) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.sketch;
}
const CIRCUIT = 'programs/circuit/circuit.tpt';
const parity8 = sketch('programs/parity_chain/parity_chain.tpt', { set: { K: 8 } });
const nand = sketch(CIRCUIT, { batch: 'nand' });

describe('method registry', () => {
  it('lists every optimizer, then smt and sat; local-search, smt and sat are exact', () => {
    const names = listMethods().map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['fmgd', 'gradsearch+', 'local-search', 'smt', 'sat']));
    expect(names.slice(-2)).toEqual(['smt', 'sat']);
    for (const name of ['local-search', 'smt', 'sat']) expect(getMethod(name).family).toBe('exact');
    expect(() => getMethod('nope')).toThrow(/unknown optimizer 'nope'; known: .*local-search.*smt.*sat/);
  });
});

describe('LocalSearch', () => {
  it('probes only Hamming-1 neighbours of the current assignment and climbs a separable score to its top', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 2 ** 31 }), fc.constantFrom(0, 0.3), (domains, seed, tabu) => {
        const target = domains.map((d, i) => (i * 7 + seed) % d);
        const score = (a: Int32Array): number => target.filter((t, i) => a[i] === t).length;
        const search = new LocalSearch(domains, new Rng(seed), { plateau: 3, tabu }, domains.length);
        for (let k = 0; k < 400 && search.currentScore < domains.length; k++) {
          const distance = target.reduce((n, _, i) => n + (search.probe[i] !== search.current[i] ? 1 : 0), 0);
          expect(distance).toBeLessThanOrEqual(1);
          search.report(score(search.probe));
        }
        expect(search.currentScore).toBe(domains.length);
        expect(Array.from(search.current)).toEqual(target);
      }),
      { numRuns: 100 },
    );
  });
});

describe('local-search', () => {
  it.each([
    ['parity K = 8', parity8],
    ['nand', nand],
  ])('solves %s under every one of a few seeds, verified exactly', async (_, s) => {
    for (const seed of [1, 2, 3]) {
      const r = await runMethod(s, { optimizer: 'local-search', seed, maxSteps: 5000 });
      expect(r.result.success).toBe(true);
      expect(solves(s.program, s.dataset, r.assignment)).toBe(true);
      expect(r.evaluations).toBeGreaterThan(0);
    }
  });

  it('repeats a run exactly from its seed and stops at the step budget', async () => {
    const swap = sketch(CIRCUIT, { batch: 'swap' });
    const a = await runMethod(swap, { optimizer: 'local-search', seed: 9, maxSteps: 40 });
    const b = await runMethod(swap, { optimizer: 'local-search', seed: 9, maxSteps: 40 });
    expect(b.result.steps).toBe(a.result.steps);
    expect(b.result.lossCurve).toEqual(a.result.lossCurve);
    expect(b.params).toEqual(a.params);
    if (!a.result.success) expect(a.result.steps).toBe(40);
  });
});

describe('smt', () => {
  it('solves nand within the time limit, verified by the exact interpreter', async () => {
    const r = await runMethod(nand, { optimizer: 'smt', seed: 1, maxSteps: 0, timeLimitSeconds: 30 });
    expect(r.smtStatus).toBe('sat');
    expect(r.result.success).toBe(true);
    expect(solves(nand.program, nand.dataset, r.assignment)).toBe(true);
  }, 60_000);
});

describe('createTermScorer', () => {
  it('counts the terms runExact finds right, and all of them exactly when the assignment solves', () => {
    const tasks = ['nand', 'swap', 'full_adder'].map((batch) => sketch(CIRCUIT, { batch }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 ** 31 }), (t, seed) => {
        const s = tasks[t]!;
        const params = new Int32Array(s.program.vars.length);
        let x = seed;
        for (const v of s.program.vars) if (v.role === 'param') params[v.id] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % v.domain;
        const run = runExact(s.program, s.dataset, params);
        let expected = 0;
        run.examples.forEach((e, i) => {
          if (e.faults.length > 0) return;
          const observed = s.dataset.examples[i]!.expected.filter((w) => w !== DONT_CARE).length;
          expected += observed - e.mismatches.length;
        });
        const scorer = createTermScorer(s.program, s.dataset);
        expect(scorer.satisfiedTerms(params)).toBe(expected);
        expect(scorer.satisfiedTerms(params) === scorer.termCount).toBe(run.solved);
      }),
      { numRuns: 200 },
    );
  });
});
