// Shape rules of real expressions (numpy's broadcasting and matmul on 1-D / 2-D operands) and the
// constant index maps that implement broadcasting, indexing, slicing, transposing and reductions.
import { sizeOf, type Shape } from './real.ts';

/** numpy broadcasting of two shapes, or null when they are incompatible. */
export function broadcastShape(a: Shape, b: Shape): Shape | null {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return null;
    out.push(Math.max(da, db));
  }
  return out;
}

/** Row-major strides of a shape. */
function strides(shape: Shape): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1]! * shape[i + 1]!;
  return s;
}

/** For every element of `to`, the element of `from` (broadcast to `to`) it reads. */
export function broadcastIndex(from: Shape, to: Shape): Int32Array {
  const out = new Int32Array(sizeOf(to));
  const fromStrides = strides(from);
  const offset = to.length - from.length;
  const index = new Array<number>(to.length).fill(0);
  for (let i = 0; i < out.length; i++) {
    let flat = 0;
    for (let d = 0; d < from.length; d++) if (from[d] !== 1) flat += index[d + offset]! * fromStrides[d]!;
    out[i] = flat;
    for (let d = to.length - 1; d >= 0; d--) {
      if (++index[d]! < to[d]!) break;
      index[d] = 0;
    }
  }
  return out;
}

/** `a @ b` as an (m x k) @ (k x n) product plus the result shape, or null when the shapes do not fit. */
export function matmulDims(a: Shape, b: Shape): { m: number; k: number; n: number; shape: Shape } | null {
  if (a.length < 1 || a.length > 2 || b.length < 1 || b.length > 2) return null;
  const m = a.length === 2 ? a[0]! : 1;
  const k = a[a.length - 1]!;
  const kb = b[0]!;
  const n = b.length === 2 ? b[1]! : 1;
  if (k !== kb) return null;
  const shape = [...(a.length === 2 ? [m] : []), ...(b.length === 2 ? [n] : [])];
  return { m, k, n, shape };
}

/** One position of a constant subscript: an index (drops the axis) or a half-open slice (keeps it). */
export type Subscript = { readonly kind: 'index'; readonly at: number } | { readonly kind: 'slice'; readonly lower: number; readonly upper: number };

/**
 * The gather map of `x[subscripts]` (missing trailing subscripts take the whole axis). Indices and
 * bounds must already be normalised into range.
 */
export function subscriptMap(shape: Shape, subscripts: readonly Subscript[]): { shape: Shape; index: Int32Array } {
  const st = strides(shape);
  const axes: { base: number; count: number; stride: number }[] = [];
  let base = 0;
  shape.forEach((dim, d) => {
    const s: Subscript = subscripts[d] ?? { kind: 'slice', lower: 0, upper: dim };
    if (s.kind === 'index') base += s.at * st[d]!;
    else axes.push({ base: s.lower * st[d]!, count: Math.max(0, s.upper - s.lower), stride: st[d]! });
  });
  const outShape = axes.map((a) => a.count);
  const index = new Int32Array(sizeOf(outShape));
  const pos = new Array<number>(axes.length).fill(0);
  for (let i = 0; i < index.length; i++) {
    let flat = base;
    axes.forEach((a, d) => (flat += a.base + pos[d]! * a.stride));
    index[i] = flat;
    for (let d = axes.length - 1; d >= 0; d--) {
      if (++pos[d]! < axes[d]!.count) break;
      pos[d] = 0;
    }
  }
  return { shape: outShape, index };
}

/** numpy's `x.T`: the axes reversed. */
export function transposeMap(shape: Shape): { shape: Shape; index: Int32Array } {
  const out = [...shape].reverse();
  const st = strides(shape).reverse();
  const index = new Int32Array(sizeOf(out));
  const pos = new Array<number>(out.length).fill(0);
  for (let i = 0; i < index.length; i++) {
    let flat = 0;
    for (let d = 0; d < out.length; d++) flat += pos[d]! * st[d]!;
    index[i] = flat;
    for (let d = out.length - 1; d >= 0; d--) {
      if (++pos[d]! < out[d]!) break;
      pos[d] = 0;
    }
  }
  return { shape: out, index };
}

/** For every element of `shape`, the element of the reduction over `axis` (all axes when null) it adds to. */
export function reduceMap(shape: Shape, axis: number | null): { shape: Shape; index: Int32Array } {
  const n = sizeOf(shape);
  if (axis === null) return { shape: [], index: new Int32Array(n) };
  const out = shape.filter((_, d) => d !== axis);
  const inner = sizeOf(shape.slice(axis + 1));
  const dim = shape[axis]!;
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const outer = Math.floor(i / (inner * dim));
    index[i] = outer * inner + (i % inner);
  }
  return { shape: out, index };
}
