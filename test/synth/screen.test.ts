// The screen of the synthesis loop: examples solved read from exact per-term losses at a vertex equal
// the exact interpreter's count, and screening changes no run, only how many interpreter calls it makes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRelaxed } from '../../src/relax/index.ts';
import { createChecker } from '../../src/exact/interpret.ts';
import { loadSketch, type Sketch } from '../../src/sketch/load.ts';
import { synthesize } from '../../src/synth/synthesize.ts';
import { examplesSolvedScreen } from '../../src/synth/run-sketch.ts';

function sketch(batch: string): Sketch {
  const r = loadSketch('programs/circuit/circuit.tpt', { batch });
  if (!r.sketch) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.sketch;
}

/** The relaxed evaluator, the exact checker, and assignment -> IR variable values. */
function setup(s: Sketch) {
  const ev = compileRelaxed(s.program, s.dataset);
  const checker = createChecker(s.program, s.dataset);
  const byVar = new Int32Array(s.program.vars.length);
  const toVars = (a: Int32Array): Int32Array => {
    ev.params.forEach((slot, i) => (byVar[slot.variable] = a[i]!));
    return byVar;
  };
  return { ev, checker, toVars, total: s.dataset.examples.length };
}

describe('examplesSolvedScreen', () => {
  for (const batch of ['full_adder', 'adder2']) {
    it(`equals the exact interpreter's count at random vertices of ${batch} (null exactly when all are solved)`, () => {
      const { ev, checker, toVars, total } = setup(sketch(batch));
      const screen = examplesSolvedScreen(ev.termCount, total);
      const probs = new Float64Array(ev.size);
      const grad = new Float64Array(ev.size);
      const domains = ev.params.map((p) => fc.integer({ min: 0, max: p.domain - 1 }));
      fc.assert(
        fc.property(fc.tuple(...domains), (values) => {
          probs.fill(0);
          ev.params.forEach((p, i) => (probs[p.offset + values[i]!] = 1));
          ev.lossAndGradient(probs, grad);
          const exact = checker.examplesSolved(toVars(Int32Array.from(values)));
          expect(screen(ev.termLosses)).toBe(exact === total ? null : exact);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('a screened gradsearch-ls run is the same run with fewer interpreter calls', () => {
    const s = sketch('full_adder');
    const run = (screened: boolean) => {
      const { ev, checker, toVars, total } = setup(s);
      let last = 0;
      return synthesize({
        objective: ev,
        verify: (a) => (last = checker.examplesSolved(toVars(a))) === total,
        score: () => last,
        ...(screened ? { screen: examplesSolvedScreen(ev.termCount, total) } : {}),
        optimizer: 'gradsearch-ls',
        seed: 4,
        maxSteps: 3000,
      });
    };
    const plain = run(false);
    const screened = run(true);
    expect(screened.steps).toBe(plain.steps);
    expect(screened.success).toBe(plain.success);
    expect(Array.from(screened.bestAssignment)).toEqual(Array.from(plain.bestAssignment));
    expect(screened.bestScore).toBe(plain.bestScore);
    expect(screened.verifications).toBeLessThan(plain.verifications / 4);
  });
});
