// Whole random programs: the compiled evaluator agrees with the reference relaxed interpreter, its
// gradient with finite differences, and (at one-hot vertices) with the exact interpreter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkObjectiveGradient } from '../../src/diff/gradcheck.ts';
import { runExact, solves } from '../../src/exact/interpret.ts';
import { compileRelaxed, type RelaxedEvaluator } from '../../src/relax/index.ts';
import { DONT_CARE } from '../../src/data/dataset.ts';
import { Rng } from '../../src/util/rng.ts';
import { randomProgram } from './random-program.ts';
import { referenceRelaxed } from './reference.ts';

const seeds = fc.integer({ min: 0, max: 0x7fffffff });

/** Relative closeness: unnormalised vectors compound, so values can be large. */
function expectClose(got: number, want: number, relative = 1e-10): void {
  expect(Math.abs(got - want), `${got} vs ${want}`).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(got), Math.abs(want)));
}

/** Random positive vectors: normalised per Param, or not (entries used as supplied). */
function randomProbs(ev: RelaxedEvaluator, rng: Rng, normalise: boolean): Float64Array {
  const probs = new Float64Array(ev.size);
  for (const p of ev.params) {
    let sum = 0;
    for (let k = 0; k < p.domain; k++) sum += probs[p.offset + k] = 0.05 + rng.next();
    if (normalise) for (let k = 0; k < p.domain; k++) probs[p.offset + k]! /= sum;
  }
  return probs;
}

describe('relaxed evaluator on random programs', () => {
  it('agrees with the reference relaxed interpreter at soft points', () => {
    fc.assert(
      fc.property(seeds, fc.boolean(), (seed, normalise) => {
        const { program, dataset } = randomProgram(seed);
        const ev = compileRelaxed(program, dataset, { epsilon: 1e-3 });
        const probs = randomProbs(ev, new Rng(seed ^ 0x5eed), normalise);
        const ref = referenceRelaxed(program, dataset, ev.params, probs, 1e-3);
        const grad = new Float64Array(ev.size);
        expectClose(ev.lossAndGradient(probs, grad), ref.loss);
        ref.outputs.forEach((row, e) =>
          row.forEach((mu, i) => {
            const got = ev.outputDistribution(e, i);
            expect(got.length).toBe(mu.length);
            mu.forEach((x, k) => expectClose(got[k]!, x));
          }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('has the gradient of central finite differences (normalised and unnormalised points)', () => {
    fc.assert(
      fc.property(seeds, fc.boolean(), (seed, normalise) => {
        const { program, dataset } = randomProgram(seed);
        const ev = compileRelaxed(program, dataset, { epsilon: 1e-3 });
        const probs = randomProbs(ev, new Rng(seed + 1), normalise);
        const report = checkObjectiveGradient(ev, probs, { step: 1e-6, relative: 1e-5, absolute: 1e-7 });
        expect(report.ok, JSON.stringify(report)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('has the exact gradient at one-hot vertices too (the relaxation is multilinear per Param use)', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { program, dataset, assignment } = randomProgram(seed);
        const ev = compileRelaxed(program, dataset, { epsilon: 1e-3 });
        // Step 1e-7: near p = 0 the log's curvature makes h = 1e-6 miss the tolerance on about 1 in 7000 programs.
        const report = checkObjectiveGradient(ev, ev.oneHot(assignment, new Float64Array(ev.size)), { step: 1e-7, relative: 1e-5, absolute: 1e-7 });
        expect(report.ok, JSON.stringify(report)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('equals the exact interpreter at vertices: one-hot outputs, loss -log(1 + eps) per term iff solved', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { program, dataset, assignment } = randomProgram(seed);
        const eps = 1e-7;
        const ev = compileRelaxed(program, dataset, { epsilon: eps });
        const loss = ev.loss(ev.oneHot(assignment, new Float64Array(ev.size)));
        const exact = runExact(program, dataset, assignment);
        dataset.examples.forEach((_, e) =>
          dataset.observedVars.forEach((v, i) => {
            const mu = ev.outputDistribution(e, i);
            const value = exact.examples[e]!.values[v]!;
            const want = Array.from(mu, (_, k) => (k === value ? 1 : 0)); // all zeros when UNSET
            expect(Array.from(mu)).toEqual(want);
          }),
        );
        const terms = dataset.examples.reduce((s, ex) => s + ex.expected.filter((x) => x !== DONT_CARE).length, 0);
        const perfect = (terms * -Math.log(1 + eps)) / Math.max(1, dataset.examples.length);
        const solved = solves(program, dataset, assignment);
        expect(solved).toBe(exact.solved);
        if (solved) expect(loss).toBeCloseTo(perfect, 12);
        else expect(loss).toBeGreaterThan(perfect + 1);
        expect(exact.examples.every((r) => r.faults.length === 0)).toBe(true); // the generator makes well-formed IR
      }),
      { numRuns: 400 },
    );
  });
});
