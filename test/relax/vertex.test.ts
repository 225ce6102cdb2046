// termLossesAtVertex and lossAndGradientAtVertex: the tape run on one-hot indices gives, at every
// vertex, exactly the per-term losses of a forward pass there and the gradient of a full pass, and
// leaves the state of the last pass alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRelaxed, type RelaxedEvaluator } from '../../src/relax/index.ts';
import { loadSketch } from '../../src/sketch/load.ts';
import { Rng } from '../../src/util/rng.ts';
import { randomProgram } from './random-program.ts';
import type { VertexEvaluator } from '../../src/relax/vertex.ts';

const seeds = fc.integer({ min: 0, max: 0x7fffffff });

/** A random vertex: each Param one-hot, or (with `zeros`) sometimes all zero. */
function randomVertex(ev: RelaxedEvaluator, rng: Rng, zeros = false): Float64Array {
  const probs = new Float64Array(ev.size);
  for (const p of ev.params) if (!zeros || rng.next() < 0.8) probs[p.offset + rng.int(p.domain)] = 1;
  return probs;
}

/** Checks lossAndGradientAtVertex at one vertex against a pass there, under random term weights. */
function gradientAgreesAt(ev: RelaxedEvaluator, probs: Float64Array, rng: Rng): void {
  for (let t = 0; t < ev.termCount; t++) ev.termWeights[t] = rng.next() < 0.3 ? 0 : 0.5 + 3 * rng.next();
  const expected = new Float64Array(ev.size);
  const loss = ev.lossAndGradient(probs, expected);
  const losses = Array.from(ev.termLosses);
  const grad = new Float64Array(ev.size).fill(NaN);
  expect(ev.lossAndGradientAtVertex!(probs, grad)).toBeCloseTo(loss, 9);
  for (let i = 0; i < ev.size; i++) expect(Math.abs(grad[i]! - expected[i]!)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(expected[i]!)));
  expect(Array.from(ev.termLosses)).toEqual(losses);
  ev.termWeights.fill(1);
}

/** Checks one vertex against a forward pass, with the state of a pass elsewhere left untouched. */
function agreesAt(ev: RelaxedEvaluator, probs: Float64Array, elsewhere: Float64Array): void {
  ev.loss(probs);
  const expected = Array.from(ev.termLosses);
  ev.loss(elsewhere);
  const before = Array.from(ev.termLosses);
  const into = new Float64Array(ev.termCount + 3).fill(NaN);
  ev.termLossesAtVertex!(probs, into, 3);
  expect(Array.from(into.subarray(3))).toEqual(expected);
  expect(Array.from(ev.termLosses)).toEqual(before);
}

describe('termLossesAtVertex and lossAndGradientAtVertex', () => {
  it('equal a pass on random programs, at vertices with one-hot and all-zero Params', () => {
    fc.assert(
      fc.property(seeds, fc.boolean(), (seed, zeros) => {
        const { program, dataset } = randomProgram(seed);
        const ev = compileRelaxed(program, dataset);
        const rng = new Rng(seed + 1);
        agreesAt(ev, randomVertex(ev, rng, zeros), randomVertex(ev, rng));
        gradientAgreesAt(ev, randomVertex(ev, rng, zeros), rng);
      }),
      { numRuns: 300 },
    );
  });

  for (const [path, options] of [
    ['programs/circuit/circuit.tpt', { batch: 'adder2' }],
    ['programs/circuit/circuit.tpt', { batch: 'shift' }],
    ['programs/parity_chain/parity_chain.tpt', { set: { K: 8 } }],
    ['programs/dnf/dnf.tpt', {}],
    ['programs/turing/turing.tpt', { batch: 'decrement' }],
    ['programs/tape/tape.tpt', {}],
    ['programs/basic_block/basic_block.tpt', { batch: 'decrement' }],
  ] as const) {
    it(`equal a pass at random vertices of ${path} ${JSON.stringify(options)}`, () => {
      const s = loadSketch(path, options).sketch!;
      const ev = compileRelaxed(s.program, s.dataset);
      const rng = new Rng(11);
      for (let i = 0; i < 40; i++) {
        agreesAt(ev, randomVertex(ev, rng), randomVertex(ev, rng));
        gradientAgreesAt(ev, randomVertex(ev, rng), rng);
      }
    });
  }

  it('gives the same answers when asked at one vertex again, directly or after another', () => {
    const s = loadSketch('programs/circuit/circuit.tpt', { batch: 'full_adder' }).sketch!;
    const ev = compileRelaxed(s.program, s.dataset);
    const rng = new Rng(5);
    const a = randomVertex(ev, rng);
    const b = randomVertex(ev, rng);
    const first = new Float64Array(ev.termCount);
    const again = new Float64Array(ev.termCount);
    const grad = new Float64Array(ev.size);
    const gradAgain = new Float64Array(ev.size);
    ev.termLossesAtVertex!(a, first);
    const loss = ev.lossAndGradientAtVertex!(a, grad);
    for (const order of [[a], [b, a], [a, b, a]]) {
      for (const v of order) ev.termLossesAtVertex!(v, again);
      expect(Array.from(again)).toEqual(Array.from(first));
      expect(ev.lossAndGradientAtVertex!(a, gradAgain)).toBe(loss);
      expect(Array.from(gradAgain)).toEqual(Array.from(grad));
    }
  });

  /** Walks `steps` vertices, each 1-5 Params from the last or back to the one before, comparing propagation with full runs. */
  const walkAgrees = (ev: RelaxedEvaluator, reference: RelaxedEvaluator, rng: Rng, steps: number): VertexEvaluator["counts"] => {
    reference.vertex!.deltaParams = 0;
    let probs = randomVertex(ev, rng, true);
    let before = probs;
    const got = new Float64Array(ev.termCount);
    const want = new Float64Array(ev.termCount);
    const grad = new Float64Array(ev.size);
    const wantGrad = new Float64Array(ev.size);
    for (let k = 0; k < steps; k++) {
      let next: Float64Array;
      if (rng.next() < 0.4) next = before;
      else {
        next = probs.slice();
        for (let m = 1 + rng.int(5); m > 0; m--) {
          const p = ev.params[rng.int(ev.params.length)]!;
          next.fill(0, p.offset, p.offset + p.domain);
          if (rng.next() < 0.9) next[p.offset + rng.int(p.domain)] = 1;
        }
      }
      before = probs;
      probs = next;
      ev.termLossesAtVertex!(probs, got);
      reference.termLossesAtVertex!(probs, want);
      expect(Array.from(got)).toEqual(Array.from(want));
      if (rng.next() < 0.2) {
        expect(ev.lossAndGradientAtVertex!(probs, grad)).toBe(reference.lossAndGradientAtVertex!(probs, wantGrad));
        expect(Array.from(grad)).toEqual(Array.from(wantGrad));
      }
    }
    return ev.vertex!.counts;
  };

  /** An evaluator whose changes take propagation (cost 0), straight runs (Infinity) or the choice between them. */
  const withCost = (ev: RelaxedEvaluator, propagateCost: number): RelaxedEvaluator => {
    ev.vertex!.propagateCost = propagateCost;
    return ev;
  };

  for (const cost of [0, 10, Infinity]) {
    it(`reach nearby vertices by change propagation, straight runs and undo, equal to full runs (random programs, propagateCost ${cost})`, () => {
      fc.assert(
        fc.property(seeds, (seed) => {
          const { program, dataset } = randomProgram(seed);
          walkAgrees(withCost(compileRelaxed(program, dataset), cost), compileRelaxed(program, dataset), new Rng(seed), 30);
        }),
        { numRuns: 200 },
      );
    });
  }

  for (const [path, options] of [
    ['programs/turing/turing.tpt', { batch: 'decrement' }],
    ['programs/assembly/assembly.tpt', { batch: 'access' }],
    ['programs/list_fold/list_fold.tpt', { batch: 'length' }],
    ['programs/circuit/circuit.tpt', { batch: 'adder2' }],
  ] as const) {
    it(`reach nearby vertices by change propagation, straight runs and undo, equal to full runs: ${path} ${JSON.stringify(options)}`, () => {
      const s = loadSketch(path, options).sketch!;
      const counts = walkAgrees(compileRelaxed(s.program, s.dataset), compileRelaxed(s.program, s.dataset), new Rng(17), 300);
      expect(counts.propagated).toBeGreaterThan(30);
      expect(counts.undone).toBeGreaterThan(30);
      const straight = walkAgrees(withCost(compileRelaxed(s.program, s.dataset), Infinity), compileRelaxed(s.program, s.dataset), new Rng(17), 300);
      expect(straight.straight).toBeGreaterThan(100);
    });
  }

  it('refuses a point that is not a vertex', () => {
    const s = loadSketch('programs/circuit/circuit.tpt', { batch: 'nand' }).sketch!;
    const ev = compileRelaxed(s.program, s.dataset);
    const probs = randomVertex(ev, new Rng(3));
    const p = ev.params[0]!;
    probs.fill(0.5, p.offset, p.offset + 2);
    expect(() => ev.termLossesAtVertex!(probs, new Float64Array(ev.termCount))).toThrow(/not one-hot/);
  });

  it('is absent for a program with real values', () => {
    const s = loadSketch('programs/nets/hybrid.tpt', { batch: 'line' }).sketch!;
    expect(compileRelaxed(s.program, s.dataset).termLossesAtVertex).toBeUndefined();
    expect(compileRelaxed(s.program, s.dataset).lossAndGradientAtVertex).toBeUndefined();
  });
});
