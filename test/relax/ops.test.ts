// Every op in the registry, gradient-checked on random instructions: random domains and tables
// (including dropped entries), aliased inputs, inputs without gradients, exact zeros.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareGradient } from '../../src/diff/gradcheck.ts';
import { OPS, type Instr, type Machine, type OpKind } from '../../src/relax/index.ts';
import { ruleOf } from '../../src/relax/ops/registry.ts';
import { encodeApply } from '../../src/relax/ops/apply.ts';
import { applyNScratch } from '../../src/relax/ops/applyN.ts';
import { encodeCopy } from '../../src/relax/ops/copy.ts';
import { encodeLoss } from '../../src/relax/ops/loss.ts';
import { encodeMix } from '../../src/relax/ops/mix.ts';
import type { Operand } from '../../src/relax/ops/op.ts';
import { encodeOneHot } from '../../src/relax/ops/onehot.ts';
import type { TableRef } from '../../src/relax/tape.ts';
import { Rng } from '../../src/util/rng.ts';
import { REAL_GENERATORS } from './real-generators.ts';

/**
 * Storage for one random instruction: a gradient sink first, a cell holding 0, then input vectors
 * drawn from a small pool (so instances alias them) and fresh outputs.
 */
class Layout {
  static readonly SINK = 0;
  static readonly ZERO_CELL = 8;
  readonly sink = Layout.SINK;
  size = 9;
  /** Lanes the real ops compute. */
  lanes = 1;
  readonly inputs: { op: Operand; length: number; fill?: (rng: Rng) => number }[] = [];
  readonly outputs: { offset: number; length: number }[] = [];
  private readonly pool = new Map<number, Operand[]>();
  constructor(readonly rng: Rng) {}

  input(domain: number, fill?: (rng: Rng) => number, gradient?: boolean): Operand {
    if (fill) {
      // Values with a meaning (targets, a function's domain) get their own vector.
      const op = { val: this.size, grad: (gradient ?? this.rng.next() < 0.8) ? this.size : Layout.SINK };
      this.size += domain;
      this.inputs.push({ op, length: domain, fill });
      return op;
    }
    const slots = this.pool.get(domain) ?? [];
    this.pool.set(domain, slots);
    if (slots.length > 0 && this.rng.next() < 0.4) return slots[this.rng.int(slots.length)]!;
    const op = { val: this.size, grad: this.rng.next() < 0.8 ? this.size : Layout.SINK };
    this.size += domain;
    slots.push(op);
    this.inputs.push({ op, length: domain });
    return op;
  }

  output(domain: number): number {
    const offset = this.size;
    this.size += domain;
    this.outputs.push({ offset, length: domain });
    return offset;
  }
}

function table(rng: Rng, argDomains: number[], outDomain: number, binary = false): TableRef {
  const size = argDomains.reduce((a, b) => a * b, 1);
  const entries = Int32Array.from({ length: size }, () => (binary ? rng.int(2) : rng.int(outDomain + 1) - 1)); // -1 = dropped
  return { id: 0, name: 'f', argDomains, outDomain, entries };
}

const dom = (rng: Rng): number => 1 + rng.int(4);
const TERMS = 6;

/** `count` random instances of a table application. */
function applyInstances(l: Layout, t: TableRef, count: number): number[] {
  const ints: number[] = [];
  for (let n = 0; n < count; n++) encodeApply(ints, l.output(t.outDomain), t.argDomains.map((d) => l.input(d)));
  return ints;
}

/** Random mixture instances into `domain`: each subject value goes to one of a few groups, or to none. */
function mixInstances(l: Layout, domain: number): { subjectDomain: number; count: number; ints: Int32Array } {
  const subjectDomain = dom(l.rng);
  const ints: number[] = [];
  const count = 1 + l.rng.int(3);
  for (let n = 0; n < count; n++) {
    const subject = l.input(subjectDomain);
    const owner = Array.from({ length: subjectDomain }, () => l.rng.int(subjectDomain + 1) - 1);
    const groups = [...new Set(owner.filter((o) => o >= 0))].map((g) => ({
      source: l.input(domain),
      values: owner.flatMap((o, v) => (o === g ? [v] : [])),
    }));
    encodeMix(ints, l.output(domain), subject, groups);
  }
  return { subjectDomain, count, ints: Int32Array.from(ints) };
}

/** A random instruction of each kind; the Record type makes a new op without a generator a compile error. */
const GENERATORS: { readonly [K in OpKind]: (l: Layout) => Extract<Instr, { kind: K }> } = {
  onehot(l) {
    const domain = dom(l.rng);
    const ints: number[] = [];
    const count = 1 + l.rng.int(3);
    for (let n = 0; n < count; n++) encodeOneHot(ints, l.output(domain), l.rng.int(domain + 1) - 1);
    return { kind: 'onehot', domain, count, ints: Int32Array.from(ints) };
  },
  apply1(l) {
    const t = table(l.rng, [dom(l.rng)], dom(l.rng));
    const count = 1 + l.rng.int(3);
    return { kind: 'apply1', table: t, count, ints: Int32Array.from(applyInstances(l, t, count)) };
  },
  apply2(l) {
    const t = table(l.rng, [dom(l.rng), dom(l.rng)], dom(l.rng));
    const count = 1 + l.rng.int(3);
    return { kind: 'apply2', table: t, count, ints: Int32Array.from(applyInstances(l, t, count)) };
  },
  apply2bin(l) {
    const t = table(l.rng, [2, 2], 2, true);
    const count = 1 + l.rng.int(3);
    return { kind: 'apply2bin', table: t, count, ints: Int32Array.from(applyInstances(l, t, count)) };
  },
  applyN(l) {
    const t = table(l.rng, Array.from({ length: l.rng.int(5) }, () => 1 + l.rng.int(3)), dom(l.rng));
    const count = 1 + l.rng.int(3);
    return { kind: 'applyN', table: t, count, ints: Int32Array.from(applyInstances(l, t, count)), ...applyNScratch(t.argDomains.length) };
  },
  copy(l) {
    const [fromDomain, domain] = [dom(l.rng), dom(l.rng)];
    const ints: number[] = [];
    const count = 1 + l.rng.int(3);
    for (let n = 0; n < count; n++) encodeCopy(ints, l.output(domain), l.input(fromDomain));
    return { kind: 'copy', fromDomain, domain, count, ints: Int32Array.from(ints) };
  },
  mix(l) {
    const domain = dom(l.rng);
    return { kind: 'mix', domain, ...mixInstances(l, domain) };
  },
  mix2(l) {
    const { subjectDomain, count, ints } = mixInstances(l, 2);
    return { kind: 'mix2', subjectDomain, count, ints };
  },
  loss(l) {
    const ints: number[] = [];
    let count = 0;
    for (let term = 0; term < TERMS; term++) {
      if (l.rng.next() < 0.2) continue; // masked: absent
      count++;
      if (l.rng.next() < 0.1) {
        encodeLoss(ints, Layout.ZERO_CELL, Layout.SINK, term); // nothing produces the value
        continue;
      }
      const domain = dom(l.rng);
      const s = l.input(domain);
      const k = l.rng.int(domain);
      encodeLoss(ints, s.val + k, s.grad === Layout.SINK ? Layout.SINK : s.grad + k, term);
    }
    return { kind: 'loss', count, ints: Int32Array.from(ints), scale: 1 / (1 + l.rng.int(3)) };
  },
  ...REAL_GENERATORS,
};

function check(kind: OpKind, seed: number): void {
  const rng = new Rng(seed);
  const l = new Layout(rng);
  const ins = GENERATORS[kind](l) as Instr;
  const rule = ruleOf(ins);
  const m: Machine = {
    val: new Float64Array(l.size),
    grad: new Float64Array(l.size),
    epsilon: 1e-3,
    termWeights: Float64Array.from({ length: TERMS }, () => 0.5 + rng.next()),
    termLosses: new Float64Array(TERMS),
    loss: 0,
    lanes: l.lanes,
    penalty: 0,
  };
  // Inputs: positive (not normalised), with some exact zeros to exercise the zero-skipping paths.
  for (const { op, length, fill } of l.inputs) {
    for (let i = 0; i < length; i++) m.val[op.val + i] = fill ? fill(rng) : rng.next() < 0.15 ? 0 : 0.05 + rng.next();
  }
  for (const { offset, length } of l.outputs) m.val.fill(Number.NaN, offset, offset + length); // forward must overwrite
  const probe = Float64Array.from({ length: l.size }, () => rng.next() * 2 - 1);
  const objective = (x: Float64Array): number => {
    m.val.set(x);
    m.loss = 0; // the real loss adds to the discrete one
    rule.forward(ins, m);
    if (kind === 'loss' || kind === 'realloss') return m.loss;
    let s = 0;
    for (const { offset, length } of l.outputs) for (let i = offset; i < offset + length; i++) s += probe[i]! * m.val[i]!;
    return s;
  };
  const x = Float64Array.from(m.val);
  objective(x);
  for (const { offset, length } of l.outputs) for (let i = offset; i < offset + length; i++) expect(Number.isFinite(m.val[i]!)).toBe(true);
  m.grad.fill(0);
  for (const { offset, length } of l.outputs) for (let i = offset; i < offset + length; i++) m.grad[i] = probe[i]!;
  rule.backward(ins, m);
  const analytic = Float64Array.from(m.grad);
  const withGrad: number[] = [];
  for (const { op, length } of l.inputs) {
    for (let i = 0; i < length; i++) {
      if (op.grad !== Layout.SINK) withGrad.push(op.val + i);
      else expect(analytic[op.val + i]).toBe(0); // an input without a gradient only feeds the sink
    }
  }
  const report = compareGradient(objective, x, analytic, { relative: 1e-6, absolute: 1e-8 }, withGrad);
  expect(report.ok, `${kind} seed ${seed}: ${JSON.stringify(report)}`).toBe(true);
}

describe('op registry', () => {
  for (const kind of Object.keys(OPS) as OpKind[]) {
    it(`${kind}: backward matches central differences of forward`, () => {
      fc.assert(fc.property(fc.integer({ min: 0, max: 0x7fffffff }), (seed) => check(kind, seed)), { numRuns: 150 });
    });
  }

  it('onehot writes one-hot vectors, zero for out-of-range values', () => {
    const ins: Instr = { kind: 'onehot', domain: 3, count: 3, ints: Int32Array.of(0, 2, 3, -1, 6, 1) };
    const m = { val: new Float64Array(9).fill(7) } as unknown as Machine;
    OPS.onehot.forward(ins, m);
    expect(Array.from(m.val)).toEqual([0, 0, 1, 0, 0, 0, 0, 1, 0]);
  });
});
