// The exact meaning of the real-valued part: a direct tree-walking evaluation of real expressions on
// float64 arrays (deliberately simple: the reference the compiled relaxed ops are checked against).
import type { Program } from '../ir/ir.ts';
import { activation } from '../ir/activations.ts';
import { sizeOf, type RealExpr, type RealProgram, type RealStmt } from '../ir/real.ts';
import { broadcastIndex, matmulDims, reduceMap } from '../ir/real-shapes.ts';
import { applyBinary } from '../ir/real-lower.ts';

/** A fault of the real-valued part of an exact run. */
export interface RealFault {
  readonly message: string;
}

/** The real state of one example after its run. */
export interface RealRun {
  /** Every tensor's value by id (null when no path set it). */
  readonly tensors: (Float64Array | null)[];
  /** Each bridge's probabilities (null when they could not be computed). */
  readonly bridgeProbs: (Float64Array | null)[];
}

/** Evaluates one expression given the tensors set so far; unset reads give NaN and a fault. */
export function evalRealExpr(real: RealProgram, e: RealExpr, tensors: readonly (Float64Array | null)[], faults: RealFault[], memo = new Map<RealExpr, Float64Array>()): Float64Array {
  const known = memo.get(e);
  if (known) return known;
  const ev = (x: RealExpr): Float64Array => evalRealExpr(real, x, tensors, faults, memo);
  let out: Float64Array;
  switch (e.kind) {
    case 'const':
      out = e.values;
      break;
    case 'read': {
      const v = tensors[e.tensor];
      if (!v) faults.push({ message: `read of ${real.tensors[e.tensor]!.name} before it was set` });
      out = v ?? new Float64Array(sizeOf(e.shape)).fill(Number.NaN);
      break;
    }
    case 'unary': {
      const f = activation(e.fn);
      out = ev(e.arg).map((x) => f.f(x, e.alpha));
      break;
    }
    case 'binary': {
      const a = ev(e.left), b = ev(e.right);
      const ia = broadcastIndex(e.left.shape, e.shape), ib = broadcastIndex(e.right.shape, e.shape);
      out = new Float64Array(sizeOf(e.shape)).map((_, i) => applyBinary(e.op, a[ia[i]!]!, b[ib[i]!]!));
      break;
    }
    case 'matmul': {
      const a = ev(e.left), b = ev(e.right);
      const { m, k, n } = matmulDims(e.left.shape, e.right.shape)!;
      out = new Float64Array(m * n);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let t = 0; t < k; t++) out[i * n + j]! += a[i * k + t]! * b[t * n + j]!;
      break;
    }
    case 'softmax': {
      const a = ev(e.arg);
      const cols = e.shape[e.shape.length - 1]!;
      out = new Float64Array(a.length);
      for (let r = 0; r < a.length; r += cols) {
        // Shift by the row maximum so exp never overflows (the lecture's stable softmax).
        let max = -Infinity;
        for (let j = 0; j < cols; j++) max = Math.max(max, a[r + j]!);
        let sum = 0;
        for (let j = 0; j < cols; j++) sum += out[r + j] = Math.exp(a[r + j]! - max);
        for (let j = 0; j < cols; j++) out[r + j]! /= sum;
      }
      break;
    }
    case 'reduce': {
      const a = ev(e.arg);
      const { index } = reduceMap(e.arg.shape, e.axis);
      out = new Float64Array(sizeOf(e.shape));
      for (let i = 0; i < a.length; i++) out[index[i]!]! += a[i]!;
      if (e.op === 'mean') {
        const count = a.length / Math.max(1, out.length);
        for (let i = 0; i < out.length; i++) out[i]! /= count;
      }
      break;
    }
    case 'gather': {
      const a = ev(e.arg);
      out = Float64Array.from(e.index, (i) => a[i]!);
      break;
    }
    case 'stack': {
      const parts = e.items.map(ev);
      out = new Float64Array(sizeOf(e.shape));
      parts.forEach((p, i) => out.set(p, i * p.length));
      break;
    }
    default: {
      const never: never = e;
      throw new Error(`unknown real expression ${(never as RealExpr).kind}`);
    }
  }
  memo.set(e, out);
  return out;
}

/**
 * Runs the real statements and bridges of one example after its discrete statements: `values` holds
 * the discrete values (case subjects are read from it, bridge targets are written into it).
 */
export function runRealExample(
  program: Program, values: Int32Array, realParams: ArrayLike<number>, realInputs: readonly number[], inputValues: Float64Array | undefined, unset: number, faults: RealFault[],
): RealRun {
  const real = program.real!;
  const tensors: (Float64Array | null)[] = real.tensors.map(() => null);
  for (const t of real.tensors) {
    if (t.role === 'param') tensors[t.id] = Float64Array.from({ length: t.size }, (_, i) => realParams[t.offset + i] ?? Number.NaN);
  }
  let at = 0;
  for (const id of realInputs) {
    const size = real.tensors[id]!.size;
    tensors[id] = inputValues ? inputValues.slice(at, at + size) : new Float64Array(size).fill(Number.NaN);
    at += size;
  }
  const memo = new Map<RealExpr, Float64Array>();
  const run = (body: readonly RealStmt[]): void => {
    for (const s of body) {
      if (s.kind === 'set') {
        if (tensors[s.target]) faults.push({ message: `${real.tensors[s.target]!.name} written twice` });
        tensors[s.target] = evalRealExpr(real, s.expr, tensors, faults, memo);
        continue;
      }
      const c = values[s.subject]!;
      if (c === unset) {
        faults.push({ message: `read of ${program.vars[s.subject]!.name} before it was set` });
        continue;
      }
      const branch = s.branches.find((b) => b.values.includes(c));
      if (branch) run(branch.body);
    }
  };
  run(real.body);
  const bridgeProbs = real.bridges.map((b) => {
    const p = evalRealExpr(real, b.expr, tensors, faults, memo);
    const classes = b.dist === 'bernoulli' ? 1 : b.expr.shape[b.expr.shape.length - 1]!;
    b.targets.forEach((v, i) => (values[v] = b.dist === 'bernoulli' ? (p[i]! >= 0.5 ? 1 : 0) : argmax(p, i * classes, classes)));
    return p;
  });
  return { tensors, bridgeProbs };
}

/** The first index of the largest of `p[start .. start + n)` (NaN-safe: -1 when all are NaN). */
function argmax(p: Float64Array, start: number, n: number): number {
  let best = -1;
  for (let k = 0; k < n; k++) if (best < 0 ? !Number.isNaN(p[start + k]!) : p[start + k]! > p[start + best]!) best = k;
  return best;
}
