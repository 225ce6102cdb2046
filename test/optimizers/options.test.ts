// Option schemas: validation messages, defaults, string parsing, and that every registered schema is sound.

import { describe, expect, it } from 'vitest';
import { describeOption, OptionError, resolveOptions, type OptionSpec } from '../../src/optimizers/options.ts';
import { createOptimizer, getOptimizer, listOptimizers, resolveOptimizerOptions } from '../../src/optimizers/registry.ts';
import { Rng } from '../../src/util/rng.ts';
import { parityChain } from './fixtures.ts';

describe('option validation', () => {
  it('names the unknown option and lists the known ones', () => {
    expect(() => resolveOptimizerOptions('bop', { lr: 0.1 })).toThrow(
      new OptionError("unknown option 'lr' for bop; known: gamma, tau"),
    );
  });

  it('states the rule a bad value breaks', () => {
    expect(() => resolveOptimizerOptions('bop', { tau: -1 })).toThrow('tau must be a positive number, got -1');
    expect(() => resolveOptimizerOptions('bop', { gamma: 2 })).toThrow('gamma must be a number in (0, 1], got 2');
    expect(() => resolveOptimizerOptions('gradsearch+', { stallSteps: 2.5 })).toThrow('stallSteps must be a positive integer, got 2.5');
    expect(() => resolveOptimizerOptions('gradsearch+', { reweight: 'walksat' })).toThrow(
      "reweight must be one of none, saps, paws, got 'walksat'",
    );
    expect(() => resolveOptimizerOptions('gumbel', { hard: 'yes' })).toThrow("hard must be true or false, got 'yes'");
    expect(() => resolveOptimizerOptions('fmgd', { lr: 'fast' })).toThrow("lr must be a positive number, got 'fast'");
  });

  it('rejects an unknown optimizer with the list of names', () => {
    expect(() => getOptimizer('adamw')).toThrow(/unknown optimizer 'adamw'; known: fmgd, fmgd-entropy, .*gradsearch\+/);
  });

  it('fills defaults and parses command-line strings', () => {
    const o = resolveOptimizerOptions('gumbel', { tau: '1.5', hard: 'true', init: 'maxent' });
    expect(o).toMatchObject({ tau: 1.5, hard: true, init: 'maxent', anneal: 0.9999, minTau: 0.5, lr: 0.1, update: 'adam' });
    expect(Object.isFrozen(o)).toBe(true);
  });

  it('describes ranges in words', () => {
    const spec = (s: Partial<OptionSpec>): OptionSpec => ({ name: 'x', type: 'number', default: 0, doc: '', ...s });
    expect(describeOption(spec({ min: 0 }))).toBe('a non-negative number');
    expect(describeOption(spec({ min: 0, max: 1 }))).toBe('a number in [0, 1]');
    expect(describeOption(spec({ min: 0, max: 1, maxExclusive: true }))).toBe('a number in [0, 1)');
    expect(describeOption(spec({ type: 'integer', min: 0 }))).toBe('a non-negative integer');
    expect(describeOption(spec({ min: 1 }))).toBe('a number >= 1');
  });
});

describe('registered schemas', () => {
  it('have unique names, documented options and defaults that pass their own validation', () => {
    const names = listOptimizers().map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining(['fmgd', 'fmgd-entropy', 'temp-softmax', 'gumbel', 'neural-reparam', 'ste', 'bop', 'gradsearch', 'gradsearch-ra', 'gradsearch+']),
    );
    for (const def of listOptimizers()) {
      expect(def.summary.length).toBeGreaterThan(0);
      const optionNames = def.options.map((o) => o.name);
      expect(new Set(optionNames).size).toBe(optionNames.length);
      for (const spec of def.options) {
        expect(spec.doc.length, `${def.name}.${spec.name}`).toBeGreaterThan(0);
        expect(() => resolveOptions(def.name, def.options, { [spec.name]: spec.default })).not.toThrow();
      }
    }
  });

  it('build an optimizer whose probability vectors cover the layout', () => {
    const { objective } = parityChain(5);
    for (const def of listOptimizers()) {
      const { optimizer, options } = createOptimizer(def.name, objective, new Rng(1));
      expect(Object.keys(options).sort()).toEqual(def.options.map((o) => o.name).sort());
      const probs = optimizer.probs(0);
      expect(probs.length).toBe(objective.size);
      for (const { offset, domain } of objective.params) {
        let sum = 0;
        for (let k = 0; k < domain; k++) {
          expect(probs[offset + k]).toBeGreaterThanOrEqual(0);
          sum += probs[offset + k]!;
        }
        expect(sum).toBeCloseTo(1, 12);
      }
    }
  });
});
