// The plan of a comparison: seeds depend only on (base seed, method, sweep value, run index), keys are
// unique, shards partition the plan, and configs compare by content.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configDifferences, deriveSeed, planRuns, type ComparisonConfig } from '../../src/compare/config.ts';
import { normalizeConfig } from '../../src/compare/inputs.ts';

const base: ComparisonConfig = {
  program: 'programs/parity_chain/parity_chain.tpt',
  optimizers: ['gradsearch-ra', 'fmgd'],
  sweep: { name: 'K', values: [4, 8] },
  runs: 3,
  maxSteps: 100,
  seed: 7,
};

describe('planRuns', () => {
  it('plans every (method, sweep value, run) once, with unique keys and seeds', () => {
    const plan = planRuns(normalizeConfig(base));
    expect(plan).toHaveLength(12);
    expect(new Set(plan.map((s) => s.key)).size).toBe(12);
    expect(new Set(plan.map((s) => s.seed)).size).toBe(12);
    expect(plan.map((s) => s.index)).toEqual(plan.map((_, i) => i));
  });

  it('derives a seed from base seed, method, sweep value and run index only', () => {
    const a = planRuns(normalizeConfig(base));
    const b = planRuns(normalizeConfig({ ...base, optimizers: ['fmgd'], runs: 5, maxSteps: 9, sweep: { name: 'K', values: [8] } }));
    const seedOf = (plan: typeof a, o: string, v: number, r: number) => plan.find((s) => s.optimizer === o && s.sweepValue === v && s.run === r)!.seed;
    expect(seedOf(b, 'fmgd', 8, 2)).toBe(seedOf(a, 'fmgd', 8, 2));
    expect(seedOf(a, 'fmgd', 8, 2)).toBe(deriveSeed(7, 'fmgd', 8, 2));
    expect(deriveSeed(8, 'fmgd', 8, 2)).not.toBe(deriveSeed(7, 'fmgd', 8, 2));
  });

  it('honours a per-method run count', () => {
    const plan = planRuns(normalizeConfig({ ...base, runsFor: { fmgd: 1 } }));
    expect(plan.filter((s) => s.optimizer === 'fmgd')).toHaveLength(2);
    expect(plan.filter((s) => s.optimizer === 'gradsearch-ra')).toHaveLength(6);
  });

  it('splits into shards that partition the plan, for any shard count', () => {
    const full = planRuns(normalizeConfig(base)).map((s) => s.key);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), (n) => {
        const parts = Array.from({ length: n }, (_, i) => planRuns(normalizeConfig(base), { index: i, count: n }).map((s) => s.key));
        expect(parts.flat().sort()).toEqual([...full].sort());
      }),
    );
  });
});

describe('normalizeConfig', () => {
  it('resolves options with defaults and rejects options of a method not compared', () => {
    const c = normalizeConfig({ ...base, options: { 'gradsearch-ra': { beta: '0.2' } } });
    expect(c.options['gradsearch-ra']).toEqual({ beta: 0.2 });
    expect(c.options['fmgd']).toMatchObject({ lr: expect.any(Number) });
    expect(() => normalizeConfig({ ...base, options: { bop: { tau: 1 } } })).toThrow(/not among the compared methods/);
    expect(() => normalizeConfig({ ...base, options: { fmgd: { nope: 1 } } })).toThrow(/unknown option 'nope'/);
  });

  it('names the fields in which two comparisons differ', () => {
    const a = normalizeConfig(base);
    expect(configDifferences(a, normalizeConfig({ ...base }))).toEqual([]);
    expect(configDifferences(a, normalizeConfig({ ...base, runs: 4 })).join()).toMatch(/^runs: 3 here, 4 in the directory$/);
  });
});
