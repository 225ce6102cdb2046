// The finite-difference oracle itself: accurate on smooth functions, and it catches wrong gradients.
import { describe, expect, it } from 'vitest';
import { centralDifference, checkObjectiveGradient, compareGradient } from '../../src/diff/gradcheck.ts';
import type { Objective } from '../../src/relax/objective.ts';

/** f(x) = x0^2 x1 + sin(x2), with an optional deliberate bug in d/dx1. */
function objective(bug = 0): Objective {
  return {
    params: [{ variable: 0, name: 'x', domain: 3, offset: 0 }],
    size: 3,
    termCount: 0,
    termWeights: new Float64Array(0),
    termLosses: new Float64Array(0),
    lossAndGradient(x, grad) {
      grad[0] = 2 * x[0]! * x[1]!;
      grad[1] = x[0]! * x[0]! + bug;
      grad[2] = Math.cos(x[2]!);
      return x[0]! * x[0]! * x[1]! + Math.sin(x[2]!);
    },
  };
}

describe('gradcheck', () => {
  it('central differences are second-order accurate and leave x unchanged', () => {
    const x = Float64Array.of(1.5, -2, 0.3);
    const d = centralDifference((v) => v[0]! ** 3, x, 0, 1e-4);
    expect(d).toBeCloseTo(3 * 1.5 ** 2, 6);
    expect(Array.from(x)).toEqual([1.5, -2, 0.3]);
  });

  it('accepts a correct gradient and reports the worst entry of a wrong one', () => {
    const x = Float64Array.of(0.7, 1.3, -0.4);
    expect(checkObjectiveGradient(objective(), x).ok).toBe(true);
    const bad = checkObjectiveGradient(objective(1e-3), x);
    expect(bad.ok).toBe(false);
    expect(bad.index).toBe(1);
  });

  it('checks only the requested indices and flags NaN', () => {
    const x = Float64Array.of(1, 2);
    const f = (v: Float64Array): number => v[0]! * v[1]!;
    expect(compareGradient(f, x, [2, 999], {}, [0]).ok).toBe(true);
    expect(compareGradient(f, x, [2, Number.NaN]).ok).toBe(false);
  });
});
