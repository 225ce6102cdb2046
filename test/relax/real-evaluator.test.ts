// Whole random hybrid programs: the compiled tape agrees with the exact interpreter at vertices (loss,
// verdicts), its gradient w.r.t. real Params and discrete probabilities matches finite differences at
// soft points, and mini-batches of any size compute the loss of exactly their examples.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareGradient } from '../../src/diff/gradcheck.ts';
import { compileRelaxed, printTape, runExact, type Dataset, type Sketch } from '../../src/index.ts';
import { Rng } from '../../src/util/rng.ts';
import { randomRealProgram } from './random-real-program.ts';
import { dedent, sketchFrom } from '../helpers/sketch.ts';

const seeds = fc.integer({ min: 0, max: 0x7fffffff });

function randomReal(n: number, rng: Rng): Float64Array {
  return Float64Array.from({ length: n }, () => rng.normal());
}

/** Every variable id -> value, with the one discrete Param `k` at `value`. */
function vertex(sketch: Sketch, value: number): Int32Array {
  const a = new Int32Array(sketch.program.vars.length).fill(-1);
  for (const v of sketch.program.vars) if (v.role === 'param') a[v.id] = value;
  return a;
}

describe('relaxed evaluator on random hybrid programs', () => {
  it('equals the exact interpreter at every vertex: loss and examples solved', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const sketch = randomRealProgram(seed);
        const ev = compileRelaxed(sketch.program, sketch.dataset);
        const rng = new Rng(seed);
        ev.realValues.set(randomReal(ev.realValues.length, rng));
        const probs = new Float64Array(ev.size);
        for (let k = 0; k < 3; k++) {
          const assignment = vertex(sketch, k);
          const loss = ev.loss(ev.oneHot(assignment, probs)) - ev.penalty; // the exact loss has no regulariser
          const exact = runExact(sketch.program, sketch.dataset, assignment, ev.realValues);
          expect(Math.abs(loss - exact.loss!)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(loss)));
          expect(ev.examplesCorrect(0.5)).toBe(exact.examplesSolved);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('has the gradient of central finite differences in real Params and discrete probabilities', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const sketch = randomRealProgram(seed, true);
        const ev = compileRelaxed(sketch.program, sketch.dataset, { epsilon: 1e-3 });
        const rng = new Rng(seed + 1);
        const real = Float64Array.from(randomReal(ev.realValues.length, rng), (x) => 0.5 * x);
        const probs = Float64Array.from({ length: ev.size }, () => 0.1 + rng.next());
        // One vector: the discrete probabilities, then the real Params.
        const x = Float64Array.of(...probs, ...real);
        const f = (v: Float64Array): number => {
          ev.realValues.set(v.subarray(ev.size));
          return ev.lossAndGradient(v.subarray(0, ev.size), new Float64Array(ev.size));
        };
        const grad = new Float64Array(ev.size);
        ev.realValues.set(real);
        ev.lossAndGradient(probs, grad);
        const analytic = Float64Array.of(...grad, ...ev.realGradient);
        const report = compareGradient(f, x, analytic, { step: 1e-6, relative: 1e-5, absolute: 1e-7 });
        expect(report.ok, `${JSON.stringify(report)}\n${sketch.source}`).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('evaluates a mini-batch as exactly the loss of its examples (any size, any order)', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 1, max: 6 }), (seed, lanes) => {
        const sketch = randomRealProgram(seed, false, 6);
        const ev = compileRelaxed(sketch.program, sketch.dataset, { lanes });
        const rng = new Rng(seed);
        ev.realValues.set(randomReal(ev.realValues.length, rng));
        const assignment = vertex(sketch, rng.int(3));
        const probs = ev.oneHot(assignment, new Float64Array(ev.size));
        const order = Int32Array.from({ length: 6 }, (_, i) => i).sort(() => rng.next() - 0.5);
        const count = 1 + rng.int(lanes);
        ev.setBatch(order.subarray(0, count));
        const sub: Dataset = { ...sketch.dataset, examples: Array.from(order.subarray(0, count), (i) => sketch.dataset.examples[i]!) };
        const exact = runExact(sketch.program, sub, assignment, ev.realValues);
        expect(Math.abs(ev.loss(probs) - ev.penalty - exact.loss!)).toBeLessThanOrEqual(1e-9 * (1 + exact.loss!));
        expect(ev.examplesCorrect(0.5)).toBe(exact.examplesSolved);
      }),
      { numRuns: 100 },
    );
  });

  it('scores discrete observations of a hybrid program too (full batch)', () => {
    const r = sketchFrom(dedent(`
      k = Param(2)
      w = Param(Real)
      o = Output(Real)
      z = Output(2)
      @Runtime([2], 2)
      def NOT(a):
          return 1 - a
      z.set_to(NOT(k))
      if k == 0:
          o.set_to(w)
      else:
          o.set_to(-w)
    `), { dataText: JSON.stringify([{ batch_name: 'b', hypers: {}, instances: [{ o: 1, z: 1 }, { o: 1, z: 0 }] }]) });
    const { program, dataset } = r.sketch!;
    const ev = compileRelaxed(program, dataset);
    ev.realValues[0] = 1;
    const probs = new Float64Array(ev.size);
    for (const k of [0, 1]) {
      const a = vertex(r.sketch!, k);
      const loss = ev.loss(ev.oneHot(a, probs));
      const exact = runExact(program, dataset, a, ev.realValues);
      expect(ev.examplesCorrect(0.5)).toBe(exact.examplesSolved);
      expect(loss).toBeCloseTo(exact.loss!, 9);
    }
    expect(() => compileRelaxed(program, dataset, { lanes: 1 })).toThrow(RangeError);
  });

  it('prints every real op in tpt tape', () => {
    const sketch = randomRealProgram(7);
    const text = printTape(compileRelaxed(sketch.program, sketch.dataset).tape);
    expect(text).toMatch(/real: 5 lanes, 10 real params/);
    expect(text).toMatch(/realmix \[3\] on D3/);
    expect(text).toMatch(/realloss/);
    expect(text).toMatch(/bernoulli: -log\(/);
    expect(text).toMatch(/categorical: -log\(/);
  });
});
