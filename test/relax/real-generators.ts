// Random instructions for the real-valued ops, for the registry-wide gradient check in ops.test.ts:
// random shapes, lanes, shared and per-lane operands, broadcasting, aliasing, operands without gradients.
import { ACTIVATIONS, activation } from '../../src/ir/activations.ts';
import { sizeOf } from '../../src/ir/real.ts';
import { broadcastIndex, reduceMap } from '../../src/ir/real-shapes.ts';
import type { Instr } from '../../src/relax/index.ts';
import type { Operand, RealOperand } from '../../src/relax/ops/op.ts';
import { encodeBinary } from '../../src/relax/ops/real-binary.ts';
import { encodeMove } from '../../src/relax/ops/real-gather.ts';
import { BERNOULLI, CATEGORICAL, encodeL2Term, encodeObservedTerm, SQUARED } from '../../src/relax/ops/real-loss.ts';
import { encodeMatmul } from '../../src/relax/ops/real-matmul.ts';
import { encodeRealMix } from '../../src/relax/ops/real-mix.ts';
import { encodeSoftmax } from '../../src/relax/ops/real-softmax.ts';
import { encodeUnary } from '../../src/relax/ops/real-unary.ts';
import type { Rng } from '../../src/util/rng.ts';

/** What the generators need from the test's storage layout. */
export interface GenLayout {
  readonly rng: Rng;
  /** Lanes the machine computes (set by the generator). */
  lanes: number;
  /**
   * An input of `length` floats, filled by `fill` (fresh) or with the default positive values (maybe
   * shared); its gradient goes to itself or, at random unless `gradient` says, to the sink.
   */
  input(length: number, fill?: (rng: Rng) => number, gradient?: boolean): Operand;
  output(length: number): number;
  readonly sink: number;
}

type RealKind = 'fill' | 'unary' | 'binary' | 'matmul' | 'softmax' | 'reduce' | 'gather' | 'stack' | 'realmix' | 'realloss';

const small = (rng: Rng): number => 1 + rng.int(3);
const signed = (rng: Rng): number => 2 * rng.next() - 1;
const awayFromZero = (rng: Rng): number => (rng.next() < 0.5 ? -1 : 1) * (0.5 + rng.next());

function realIn(l: GenLayout, size: number, perLane: boolean, fill?: (rng: Rng) => number): RealOperand {
  const op = l.input(perLane ? size * l.lanes : size, fill);
  return { val: op.val, grad: op.grad === l.sink ? -1 : op.grad, stride: perLane ? size : 0 };
}

function realOut(l: GenLayout, size: number, perLane: boolean): RealOperand {
  const val = l.output(perLane ? size * l.lanes : size);
  return { val, grad: val, stride: perLane ? size : 0 };
}

/** Chooses lanes and whether the output is per lane; an operand is per lane only if the output is. */
function lanes(l: GenLayout): { out: boolean; arg: () => boolean } {
  l.lanes = small(l.rng);
  const out = l.rng.next() < 0.7;
  return { out, arg: () => out && l.rng.next() < 0.7 };
}

const ints = (build: (ints: number[]) => void): Int32Array => {
  const out: number[] = [];
  build(out);
  return Int32Array.from(out);
};

export const REAL_GENERATORS: { readonly [K in RealKind]: (l: GenLayout) => Extract<Instr, { kind: K }> } = {
  fill(l) {
    const values = Float64Array.from({ length: small(l.rng) }, () => signed(l.rng));
    return { kind: 'fill', count: 1, ints: Int32Array.of(l.output(values.length)), values };
  },
  unary(l) {
    const fns = [...ACTIVATIONS.keys()];
    const fn = fns[l.rng.int(fns.length)]!;
    const alpha = fn === 'pow' ? [2, 3, 0.5, -1][l.rng.int(4)]! : activation(fn).alpha;
    const positive = fn === 'log' || fn === 'sqrt' || (fn === 'pow' && !Number.isInteger(alpha)) || (fn === 'pow' && alpha < 0);
    const fill = (rng: Rng): number => {
      for (;;) {
        const x = positive ? 0.2 + 2 * rng.next() : 4 * rng.next() - 2;
        if (activation(fn).smoothAt(x, alpha) && Math.abs(x) > 1e-2) return x;
      }
    };
    const { out } = lanes(l);
    const size = small(l.rng);
    return { kind: 'unary', count: 1, fn, alpha, size, ints: ints((i) => encodeUnary(i, realOut(l, size, out), realIn(l, size, out, fill))) };
  },
  binary(l) {
    const op = (['+', '-', '*', '/'] as const)[l.rng.int(4)]!;
    const shape = Array.from({ length: l.rng.int(3) }, () => small(l.rng));
    const squeeze = (): number[] => {
      const s = shape.map((d) => (l.rng.next() < 0.4 ? 1 : d));
      return s.slice(l.rng.int(s.length + 1)); // broadcasting also drops leading axes
    };
    const sa = l.rng.next() < 0.5 ? shape : squeeze();
    const sb = l.rng.next() < 0.5 ? shape : squeeze();
    const map = (s: readonly number[]): Int32Array | null => (sizeOf(s) === sizeOf(shape) ? null : broadcastIndex(s, shape));
    const { out, arg } = lanes(l);
    const size = sizeOf(shape);
    const a = realIn(l, sizeOf(sa), arg(), signed);
    // Sometimes the same tensor on both sides: its gradient must accumulate both contributions.
    const alias = op !== '/' && sizeOf(sa) === sizeOf(sb) && l.rng.next() < 0.25;
    const b = alias ? a : realIn(l, sizeOf(sb), arg(), op === '/' ? awayFromZero : signed);
    return { kind: 'binary', count: 1, op, size, mapA: map(sa), mapB: alias ? map(sa) : map(sb), ints: ints((i) => encodeBinary(i, realOut(l, size, out), a, b)) };
  },
  matmul(l) {
    const [m, k, n] = [small(l.rng), small(l.rng), l.rng.next() < 0.5 ? 1 : small(l.rng)];
    const { out, arg } = lanes(l);
    return { kind: 'matmul', count: 1, m, k, n, ints: ints((i) => encodeMatmul(i, realOut(l, m * n, out), realIn(l, m * k, arg(), signed), realIn(l, k * n, arg(), signed))) };
  },
  softmax(l) {
    const [rows, cols] = [small(l.rng), small(l.rng) + 1];
    const { out } = lanes(l);
    return { kind: 'softmax', count: 1, rows, cols, ints: ints((i) => encodeSoftmax(i, realOut(l, rows * cols, out), realIn(l, rows * cols, out, (r) => 4 * r.next() - 2))) };
  },
  reduce(l) {
    const shape = Array.from({ length: 1 + l.rng.int(3) }, () => small(l.rng));
    const axis = l.rng.next() < 0.3 ? null : l.rng.int(shape.length);
    const { shape: outShape, index } = reduceMap(shape, axis);
    const inSize = sizeOf(shape), outSize = sizeOf(outShape);
    const scale = l.rng.next() < 0.5 ? 1 : outSize / inSize;
    const { out } = lanes(l);
    return { kind: 'reduce', count: 1, inSize, outSize, index, scale, ints: ints((i) => encodeMove(i, realOut(l, outSize, out), [realIn(l, inSize, out, signed)])) };
  },
  gather(l) {
    const inSize = small(l.rng) + 1, outSize = small(l.rng) + 1;
    const index = Int32Array.from({ length: outSize }, () => l.rng.int(inSize)); // repeats: gradients add up
    const { out } = lanes(l);
    return { kind: 'gather', count: 1, inSize, outSize, index, ints: ints((i) => encodeMove(i, realOut(l, outSize, out), [realIn(l, inSize, out, signed)])) };
  },
  stack(l) {
    const items = small(l.rng), itemSize = small(l.rng);
    const { out, arg } = lanes(l);
    const args = Array.from({ length: items }, () => realIn(l, itemSize, arg(), signed));
    return { kind: 'stack', count: 1, items, itemSize, ints: ints((i) => encodeMove(i, realOut(l, items * itemSize, out), args)) };
  },
  realmix(l) {
    const size = small(l.rng), subjectDomain = small(l.rng);
    const { out, arg } = lanes(l);
    const subjectPerLane = arg();
    const subject = realIn(l, subjectDomain, subjectPerLane);
    const owner = Array.from({ length: subjectDomain }, () => l.rng.int(subjectDomain + 1) - 1);
    const groups = [...new Set(owner.filter((o) => o >= 0))].map((g) => ({
      source: realIn(l, size, arg(), signed),
      values: owner.flatMap((o, v) => (o === g ? [v] : [])),
    }));
    // A per-lane subject makes the output per lane.
    const outPerLane = out || subjectPerLane;
    return { kind: 'realmix', count: 1, size, subjectDomain, ints: ints((i) => encodeRealMix(i, realOut(l, size, outPerLane), subject, groups)) };
  },
  realloss(l) {
    l.lanes = small(l.rng);
    const out: number[] = [];
    let count = 0;
    for (let t = 0; t < 4; t++) {
      const kind = [SQUARED, BERNOULLI, CATEGORICAL][l.rng.int(3)]!;
      const n = small(l.rng), classes = kind === CATEGORICAL ? 1 + small(l.rng) : 1;
      const perLane = l.rng.next() < 0.7;
      const value = kind === SQUARED ? realIn(l, n, perLane, signed) : realIn(l, n * classes, perLane, (r) => 0.1 + 0.8 * r.next());
      const target = (r: Rng): number => (r.next() < 0.15 ? Number.NaN : kind === SQUARED ? signed(r) : r.int(kind === BERNOULLI ? 2 : classes));
      const targets = l.input(n * l.lanes, target, false); // data: no gradient
      encodeObservedTerm(out, kind, value, targets.val, n, classes);
      count++;
    }
    const alpha = l.rng.next() < 0.5 ? 0 : 0.1 + l.rng.next();
    if (alpha > 0) {
      const size = small(l.rng);
      const w = l.input(size, signed); // its gradient goes to itself or to the sink, never nowhere
      encodeL2Term(out, w.val, w.grad, size);
      count++;
    }
    return { kind: 'realloss', count, ints: Int32Array.from(out), half: l.rng.next() < 0.5, squaredMean: l.rng.next() < 0.5, crossMean: l.rng.next() < 0.5, alpha };
  },
};
