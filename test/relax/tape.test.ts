// The compiled tape: its printed form, dead-code elimination, sharing between branches, constant
// folding, batching, per-term weights, and the evaluator's helpers.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/data/dataset.ts';
import { compileRelaxed, printTape } from '../../src/relax/index.ts';
import { apply, assign, branch, copy, kase, konst, parityChain, ProgramBuilder } from './fixtures.ts';

/** y = AND(t, q) where t = AND(x, q) when p = 0 and t = x otherwise; `dead` is never observed. */
function small() {
  const b = new ProgramBuilder();
  const and = b.table('AND', [2, 2], 2, (x, y) => x & y);
  const [p, q, x] = [b.scalar('p', 'param', 3), b.scalar('q', 'param', 2), b.scalar('x', 'input', 2)];
  const [t, y, dead] = [b.scalar('t', 'var', 2), b.scalar('y', 'output', 2), b.scalar('dead', 'var', 2)];
  const program = b.build([
    assign(dead, apply(and, q, q)),
    kase(p, [branch([0], [assign(t, apply(and, x, q))]), branch([1, 2], [assign(t, copy(x))])]),
    assign(y, apply(and, t, q)),
  ]);
  const dataset: Dataset = {
    inputVars: [x],
    observedVars: [y, t],
    examples: [
      { name: 'a', inputs: Int32Array.of(0), expected: Int32Array.of(0, -1) },
      { name: 'b', inputs: Int32Array.of(1), expected: Int32Array.of(1, 1) },
    ],
  };
  return { program, dataset, vars: { p, q, x, t, y, dead } };
}

describe('tape', () => {
  it('prints deterministically: slots, run-once prelude, one line per instance and example', () => {
    const { program, dataset } = small();
    const text = printTape(compileRelaxed(program, dataset).tape);
    expect(printTape(compileRelaxed(program, dataset).tape)).toBe(text);
    expect(text).toBe(`tape: 2 examples, 2 observed, 3 terms; 4 instructions (+1 prelude); 25 storage floats, 20 with gradients, 5 params
slots:
  %0 @0 D3 shared: param p
  %1 @3 D2 shared: param q
  %2 @5 D2 per-example: t
  %3 @9 D2 per-example: t (mix)
  %4 @13 D2 per-example: y
  %5 @21 D2 per-example static: input x
prelude (once):
  0: onehot D2 x2
    %5:e0 = onehot(0)
    %5:e1 = onehot(1)
body (every pass):
  0: apply2bin AND [2 x 2] -> 2 x2
    %2:e0 = AND(%5:e0, %1)
    %2:e1 = AND(%5:e1, %1)
  1: mix2 on D3 x2
    %3:e0 = mix %0 [{0}: %2:e0; {1,2}: %5:e0]
    %3:e1 = mix %0 [{0}: %2:e1; {1,2}: %5:e1]
  2: apply2bin AND [2 x 2] -> 2 x2
    %4:e0 = AND(%3:e0, %1)
    %4:e1 = AND(%3:e1, %1)
  3: loss x3
    term 0: -log(%4:e0[0] + eps)
    term 2: -log(%4:e1[1] + eps)
    term 3: -log(%3:e1[1] + eps)
`);
  });

  it('drops what no observed output depends on, and folds what no Param reaches into the prelude', () => {
    const { program, dataset } = small();
    const tape = compileRelaxed(program, dataset).tape;
    expect(tape.slots.map((s) => s.label)).not.toContain('dead');
    expect(tape.prelude.every((i) => i.kind === 'onehot')).toBe(true);
  });

  it('mixes a value identical in several branches once, and not at all under a one-hot subject', () => {
    const b = new ProgramBuilder();
    const f = b.table('f', [3], 3, (v) => (v + 1) % 3);
    const [p, q, x] = [b.scalar('p', 'param', 3), b.scalar('q', 'param', 3), b.scalar('x', 'input', 3)];
    const [u, v, w] = [b.scalar('u', 'output', 3), b.scalar('v', 'output', 3), b.scalar('w', 'output', 3)];
    const program = b.build([
      // The same table application in all three branches on Param p: one node, one group.
      kase(p, [0, 1, 2].map((k) => branch([k], [assign(u, apply(f, q))]))),
      // Branches on an Input (one-hot per example) that all copy q: the mixture is q itself.
      kase(x, [branch([0], [assign(v, copy(q))]), branch([1, 2], [assign(v, copy(q))])]),
      // A constant subject selects its branch at compile time.
      assign(b.scalar('c', 'var', 3), konst(2)),
      kase(b.vars.length - 1, [branch([0, 1], [assign(w, konst(0))]), branch([2], [assign(w, copy(q))])]),
    ]);
    const dataset: Dataset = {
      inputVars: [x],
      observedVars: [u, v, w],
      examples: [0, 1, 2].map((i) => ({ name: `e${i}`, inputs: Int32Array.of(i), expected: Int32Array.of(0, 1, 2) })),
    };
    const ev = compileRelaxed(program, dataset);
    expect(ev.tape.body.map((i) => `${i.kind} x${i.count}`)).toEqual(['apply1 x1', 'mix x1', 'loss x9']);
    expect(printTape(ev.tape)).toContain('= mix %0 [{0,1,2}: %');
    // v and w are q itself: no storage of their own.
    expect(ev.tape.observedSlots[1]).toBe(ev.tape.observedSlots[2]);
    expect(ev.tape.slots[ev.tape.observedSlots[1]!]!.label).toBe('param q');
  });

  it('batches the parity chain into one instruction and grows storage linearly with K', () => {
    for (const K of [16, 256, 4096]) {
      const ev = compileRelaxed(parityChain(K).program, parityChain(K).dataset);
      expect(ev.stats.instructions).toBe(2);
      expect(ev.stats.applications).toBe(K);
      expect(ev.stats.storageFloats).toBe(4 * K + 3); // x: 2(K-1), y: 2K, x0: 2, sink: 2, zero cell: 1
    }
  });

  it('scales each term by its weight and reports per-term losses', () => {
    const { program, dataset } = small();
    const ev = compileRelaxed(program, dataset, { epsilon: 1e-3 });
    const probs = Float64Array.of(0.2, 0.3, 0.5, 0.4, 0.6);
    const g1 = new Float64Array(ev.size);
    const l1 = ev.lossAndGradient(probs, g1);
    const losses = Array.from(ev.termLosses);
    expect(losses[1]).toBe(0); // masked
    expect(l1).toBeCloseTo(losses.reduce((a, b) => a + b, 0) / 2, 12);
    ev.termWeights[3] = 3;
    const g2 = new Float64Array(ev.size);
    expect(ev.lossAndGradient(probs, g2)).toBeCloseTo(l1 + losses[3]!, 12);
    ev.termWeights[3] = 1;
    const g3 = new Float64Array(ev.size);
    ev.lossAndGradient(probs, g3);
    expect(Array.from(g3)).toEqual(Array.from(g1));
  });

  it('reports zero distributions and -log(eps) for an observed variable nothing assigns', () => {
    const b = new ProgramBuilder();
    const p = b.scalar('p', 'param', 2);
    const y = b.scalar('y', 'output', 3);
    const program = b.build([kase(p, [branch([0], [assign(y, konst(1))]), branch([1], [])])]);
    const never = b.scalar('never', 'output', 2);
    const dataset: Dataset = { inputVars: [], observedVars: [y, never], examples: [{ name: 'e', inputs: new Int32Array(0), expected: Int32Array.of(1, 0) }] };
    const ev = compileRelaxed({ ...program, vars: b.vars }, dataset, { epsilon: 1e-3 });
    const grad = new Float64Array(2);
    const loss = ev.lossAndGradient(Float64Array.of(0.25, 0.75), grad);
    expect(Array.from(ev.outputDistribution(0, 0))).toEqual([0, 0.25, 0]); // sub-normalised
    expect(Array.from(ev.outputDistribution(0, 1))).toEqual([0, 0]);
    expect(loss).toBeCloseTo(-Math.log(0.25 + 1e-3) - Math.log(1e-3), 12);
    expect(grad[0]).toBeCloseTo(-1 / (0.25 + 1e-3), 9);
    expect(grad[1]).toBe(0);
  });

  it('oneHot writes the flat vector of an assignment', () => {
    const { program, dataset, vars } = small();
    const ev = compileRelaxed(program, dataset);
    const assignment = new Int32Array(program.vars.length);
    assignment[vars.p] = 2;
    assignment[vars.q] = 1;
    expect(Array.from(ev.oneHot(assignment, new Float64Array(ev.size).fill(9)))).toEqual([0, 0, 1, 0, 1]);
  });
});
