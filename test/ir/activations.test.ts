// The activation table of seed 004: every function's derivative is checked against central
// differences of the function itself, and the named formulas against the lecture's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, callableActivation } from '../../src/ir/activations.ts';
import { REAL_BUILTINS } from '../../src/ir/real-lower.ts';
import { SETTINGS } from '../../src/ir/real-declarations.ts';
import { REAL_BUILTIN_NAMES } from '../../src/check/builtins.ts';

describe('activation table', () => {
  for (const a of ACTIVATIONS.values()) {
    it(`${a.name}: f' matches central differences of f`, () => {
      const alphas = a.name === 'pow' ? [2, 3, 0.5, -1] : [a.alpha];
      fc.assert(
        fc.property(fc.double({ min: -3, max: 3, noNaN: true }), fc.constantFrom(...alphas), (raw, alpha) => {
          const x = a.name === 'log' || a.name === 'sqrt' || (a.name === 'pow' && !Number.isInteger(alpha)) || (a.name === 'pow' && alpha < 0) ? Math.abs(raw) + 0.1 : raw;
          if (!a.smoothAt(x, alpha) || Math.abs(x) < 1e-2) return;
          const h = 1e-6;
          const numeric = (a.f(x + h, alpha) - a.f(x - h, alpha)) / (2 * h);
          const analytic = a.df(x, a.f(x, alpha), alpha);
          expect(Math.abs(analytic - numeric)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(numeric)));
        }),
        { numRuns: 200 },
      );
    });
  }

  it('has the lecture formulas: tanh = 2 sigmoid(2x) - 1, softplus\' = sigmoid, elu\' = f + alpha below 0', () => {
    const f = (name: string) => ACTIVATIONS.get(name as never)!;
    for (const x of [-2.5, -0.3, 0.7, 4]) {
      expect(f('tanh').f(x, 0)).toBeCloseTo(2 * f('sigmoid').f(2 * x, 0) - 1, 12);
      expect(f('softplus').df(x, 0, 0)).toBeCloseTo(f('sigmoid').f(x, 0), 12);
      expect(f('relu').f(x, 0)).toBe(Math.max(0, x));
      expect(f('leaky_relu').f(x, 0.1)).toBe(Math.max(0.1 * x, x));
    }
    expect(f('elu').df(-1, f('elu').f(-1, 1), 1)).toBeCloseTo(Math.exp(-1), 12);
    // Stable at extremes: no NaN or Infinity where the naive formulas overflow.
    expect(f('sigmoid').f(-1000, 0)).toBe(0);
    expect(f('sigmoid').f(1000, 0)).toBe(1);
    expect(f('softplus').f(1000, 0)).toBe(1000);
  });

  it('every real built-in name the checker predefines has a meaning in lowering', () => {
    const known = new Set<string>(['Real', 'Bernoulli', 'Categorical', ...SETTINGS, ...REAL_BUILTINS]);
    for (const name of REAL_BUILTIN_NAMES) expect(known.has(name) || callableActivation(name) !== undefined, name).toBe(true);
    for (const a of ACTIVATIONS.values()) if (a.callable) expect(REAL_BUILTIN_NAMES).toContain(a.name);
  });
});
