// The hand-built parity chain and circuits: closed-form parity loss and gradient, a known circuit
// solution at zero loss, and agreement with the exact interpreter at random vertices.
import { describe, expect, it } from 'vitest';
import { checkObjectiveGradient } from '../../src/diff/gradcheck.ts';
import { runExact, solves } from '../../src/exact/interpret.ts';
import { compileRelaxed } from '../../src/relax/index.ts';
import { Rng } from '../../src/util/rng.ts';
import { circuit, nandSolution, parityChain, type CircuitTask } from './fixtures.ts';
import { referenceRelaxed } from './reference.ts';

/** Loss and gradient of the parity chain written out by hand (x0 = [1, 0], then the Params). */
function parityByHand(K: number, probs: Float64Array, eps: number): { loss: number; grad: Float64Array } {
  const bit = (i: number): [number, number] => (i === 0 ? [1, 0] : [probs[2 * (i - 1)]!, probs[2 * (i - 1) + 1]!]);
  const grad = new Float64Array(probs.length);
  let loss = 0;
  for (let i = 0; i < K; i++) {
    const j = (i + 1) % K;
    const [a, b] = [bit(i), bit(j)];
    const p = a[0] * b[0] + a[1] * b[1];
    loss -= Math.log(p + eps);
    const g = -1 / (p + eps);
    if (i > 0) for (let k = 0; k < 2; k++) grad[2 * (i - 1) + k] += g * b[k]!;
    if (j > 0) for (let k = 0; k < 2; k++) grad[2 * (j - 1) + k] += g * a[k]!;
  }
  return { loss, grad };
}

describe('parity chain fixture', () => {
  it('compiles to one batched XOR instruction and the loss', () => {
    const ev = compileRelaxed(parityChain(64).program, parityChain(64).dataset);
    expect(ev.tape.body.map((i) => `${i.kind} x${i.count}`)).toEqual(['apply2bin x64', 'loss x64']);
    expect(ev.size).toBe(126);
  });

  it('matches the closed-form loss and gradient at soft and unnormalised points', () => {
    const rng = new Rng(7);
    for (const K of [2, 3, 8, 33]) {
      const { program, dataset } = parityChain(K);
      const ev = compileRelaxed(program, dataset, { epsilon: 1e-7 });
      for (let trial = 0; trial < 5; trial++) {
        const probs = Float64Array.from({ length: ev.size }, () => rng.next() * (trial % 2 ? 2 : 1));
        const grad = new Float64Array(ev.size);
        const got = ev.lossAndGradient(probs, grad);
        const want = parityByHand(K, probs, 1e-7);
        expect(got).toBeCloseTo(want.loss, 9);
        grad.forEach((g, i) => expect(g).toBeCloseTo(want.grad[i]!, 6));
      }
    }
  });

  it('has loss K * -log(1 + eps) exactly at the all-zeros solution, and gradient at a wrong vertex', () => {
    const K = 16;
    const { program, dataset } = parityChain(K);
    const ev = compileRelaxed(program, dataset);
    const zeros = ev.oneHot(new Int32Array(program.vars.length), new Float64Array(ev.size));
    expect(ev.loss(zeros)).toBeCloseTo(-K * Math.log(1 + 1e-7), 14);
    const wrong = new Int32Array(program.vars.length);
    wrong[ev.params[3]!.variable] = 1;
    const grad = new Float64Array(ev.size);
    const loss = ev.lossAndGradient(ev.oneHot(wrong, new Float64Array(ev.size)), grad);
    expect(loss).toBeCloseTo(-2 * Math.log(1e-7) - (K - 2) * Math.log(1 + 1e-7), 6);
    const want = parityByHand(K, ev.oneHot(wrong, new Float64Array(ev.size)), 1e-7).grad;
    grad.forEach((g, i) => expect(g / 1e7).toBeCloseTo(want[i]! / 1e7, 9)); // about 1/eps at the wrong bit
  });
});

describe('circuit fixtures', () => {
  it('give zero loss (-log(1 + eps) per term) at the known nand solution', () => {
    const { program, dataset } = circuit('nand');
    const solution = nandSolution(program);
    expect(solves(program, dataset, solution)).toBe(true);
    const ev = compileRelaxed(program, dataset);
    expect(ev.loss(ev.oneHot(solution, new Float64Array(ev.size)))).toBeCloseTo(-Math.log(1 + 1e-7), 14);
  });

  it.each<CircuitTask>(['nand', 'full_adder', 'adder2'])('%s: equals the exact interpreter at random vertices', (task) => {
    const { program, dataset } = circuit(task);
    const ev = compileRelaxed(program, dataset);
    const rng = new Rng(task.length);
    const assignment = new Int32Array(program.vars.length);
    const probs = new Float64Array(ev.size);
    for (let trial = 0; trial < 20; trial++) {
      for (const p of ev.params) assignment[p.variable] = rng.int(p.domain);
      ev.loss(ev.oneHot(assignment, probs));
      const exact = runExact(program, dataset, assignment);
      dataset.examples.forEach((_, e) =>
        dataset.observedVars.forEach((v, i) => {
          const mu = ev.outputDistribution(e, i);
          expect(Array.from(mu)).toEqual([0, 1].map((k) => (k === exact.examples[e]!.values[v] ? 1 : 0)));
        }),
      );
    }
  });

  it('full_adder: agrees with the reference interpreter and finite differences at a soft point', () => {
    const { program, dataset } = circuit('full_adder');
    const ev = compileRelaxed(program, dataset, { epsilon: 1e-3 });
    const rng = new Rng(3);
    const probs = new Float64Array(ev.size);
    for (const p of ev.params) {
      let s = 0;
      for (let k = 0; k < p.domain; k++) s += probs[p.offset + k] = 0.1 + rng.next();
      for (let k = 0; k < p.domain; k++) probs[p.offset + k]! /= s;
    }
    const ref = referenceRelaxed(program, dataset, ev.params, probs, 1e-3);
    expect(ev.loss(probs)).toBeCloseTo(ref.loss, 12);
    const report = checkObjectiveGradient(ev, probs, { relative: 1e-5, absolute: 1e-8 });
    expect(report.ok, JSON.stringify(report)).toBe(true);
  });
});
