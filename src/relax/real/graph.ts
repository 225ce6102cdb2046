// The real-valued part as a value graph: one node per distinct tensor computation (hash-consed, so a
// named expression used twice is computed once), case splits merged into probability-weighted mixtures.
import type { Program } from '../../ir/ir.ts';
import type { UnaryFn } from '../../ir/activations.ts';
import { sizeOf, type RealBinaryOp, type RealExpr, type RealStmt, type Shape } from '../../ir/real.ts';
import { broadcastIndex, matmulDims, reduceMap } from '../../ir/real-shapes.ts';
import { InternalError } from '../../util/diagnostics.ts';

/** Node id of a tensor no path has set: the zero tensor (it contributes nothing to a mixture). */
export const RZERO = -1;

/** How the real graph sees a discrete variable's final value (a node of the discrete graph). */
export interface SubjectInfo {
  /** Discrete node id (-1: the variable is never set, so every branch has weight 0). */
  readonly node: number;
  /** The value when the subject is one constant for every example (its branch is then selected outright). */
  readonly constant: number | undefined;
  readonly domain: number;
  readonly shared: boolean;
  readonly dynamic: boolean;
}

interface Base {
  readonly id: number;
  readonly shape: Shape;
  readonly size: number;
  readonly args: readonly number[];
  /** One value per lane (example); false for values shared by every lane. */
  readonly perLane: boolean;
  /** Depends on a real Param or on a Param-dependent discrete subject: carries a gradient. */
  readonly dynamic: boolean;
  readonly label: string;
}

export type RNode = Base &
  (
    | { readonly kind: 'param'; readonly tensor: number }
    | { readonly kind: 'input'; readonly tensor: number }
    | { readonly kind: 'const'; readonly values: Float64Array }
    | { readonly kind: 'unary'; readonly fn: UnaryFn; readonly alpha: number }
    /** `maps[i]` is null when operand i is read element for element (same shape). */
    | { readonly kind: 'binary'; readonly op: RealBinaryOp; readonly maps: readonly (Int32Array | null)[] }
    | { readonly kind: 'matmul'; readonly m: number; readonly k: number; readonly n: number }
    | { readonly kind: 'softmax' }
    | { readonly kind: 'reduce'; readonly index: Int32Array; readonly scale: number }
    | { readonly kind: 'gather'; readonly index: Int32Array }
    | { readonly kind: 'stack' }
    /** `args[g]` is produced where the subject takes one of `groups[g]`. */
    | { readonly kind: 'mix'; readonly subject: SubjectInfo; readonly groups: readonly (readonly number[])[] }
  );

type Init = { kind: RNode['kind']; shape: Shape; args: readonly number[]; label: string } & Record<string, unknown>;

export class RealGraph {
  readonly nodes: RNode[] = [];
  private readonly memo = new Map<string, number>();
  private readonly constIds = new Map<Float64Array, number>();

  node(id: number): RNode {
    return this.nodes[id]!;
  }

  add(key: string, init: Init, leaf?: { perLane: boolean; dynamic: boolean }): number {
    const found = this.memo.get(key);
    if (found !== undefined) return found;
    const id = this.nodes.length;
    const args = init.args.map((a) => this.node(a));
    const subject = init['subject'] as SubjectInfo | undefined;
    const perLane = leaf?.perLane ?? (args.some((a) => a.perLane) || (subject !== undefined && !subject.shared));
    const dynamic = leaf?.dynamic ?? (args.some((a) => a.dynamic) || (subject?.dynamic ?? false));
    this.nodes.push({ ...init, id, size: sizeOf(init.shape), perLane, dynamic } as RNode);
    this.memo.set(key, id);
    return id;
  }

  constant(values: Float64Array, shape: Shape): number {
    let id = this.constIds.get(values);
    if (id === undefined) {
      id = this.add(`const#${this.nodes.length}`, { kind: 'const', shape, args: [], label: 'const', values }, { perLane: false, dynamic: false });
      this.constIds.set(values, id);
    }
    return id;
  }
}

/** Tensor id -> current node, layered like the discrete builder's scopes. */
class Scope {
  readonly writes = new Map<number, number>();
  constructor(private readonly parent: Scope | null) {}
  lookup(t: number): number {
    for (let s: Scope | null = this; s; s = s.parent) {
      const n = s.writes.get(t);
      if (n !== undefined) return n;
    }
    return RZERO;
  }
}

export interface BuiltReal {
  readonly graph: RealGraph;
  /** Final node of every tensor (RZERO when unset). */
  readonly finalOf: (tensor: number) => number;
  /** The node of each bridge's probabilities. */
  readonly bridges: readonly number[];
}

/** Builds the real graph of `program`; `subject(v)` describes discrete variable v's final value. */
export function buildRealGraph(program: Program, subject: (v: number) => SubjectInfo): BuiltReal {
  const real = program.real!;
  const graph = new RealGraph();
  const root = new Scope(null);
  for (const t of real.tensors) {
    if (t.role === 'param') root.writes.set(t.id, graph.add(`param|${t.id}`, { kind: 'param', shape: t.shape, args: [], label: `param ${t.name}`, tensor: t.id }, { perLane: false, dynamic: true }));
    if (t.role === 'input') root.writes.set(t.id, graph.add(`input|${t.id}`, { kind: 'input', shape: t.shape, args: [], label: `input ${t.name}`, tensor: t.id }, { perLane: true, dynamic: false }));
  }
  const walk = (body: readonly RealStmt[], scope: Scope): void => {
    for (const s of body) {
      if (s.kind === 'set') {
        scope.writes.set(s.target, expression(graph, s.expr, scope, real.tensors[s.target]!.name));
        continue;
      }
      const info = subject(s.subject);
      if (info.constant !== undefined) {
        // Partial evaluation: a constant subject selects one branch with weight exactly 1.
        const taken = s.branches.find((b) => b.values.includes(info.constant!));
        if (taken) walk(taken.body, scope);
        continue;
      }
      const inner = s.branches.map((b) => {
        const branchScope = new Scope(scope);
        walk(b.body, branchScope);
        return branchScope;
      });
      const written = [...new Set(inner.flatMap((sc) => [...sc.writes.keys()]))].sort((a, b) => a - b);
      for (const t of written) {
        const before = scope.lookup(t);
        const bySource = new Map<number, number[]>();
        s.branches.forEach((b, k) => {
          const src = inner[k]!.writes.get(t) ?? before;
          if (src !== RZERO) bySource.set(src, [...(bySource.get(src) ?? []), ...b.values]);
        });
        const groups = info.node < 0 ? [] : [...bySource].map(([src, values]) => ({ src, values: values.sort((a, b) => a - b) }));
        const tensor = real.tensors[t]!;
        const key = `mix|${info.node}|${groups.map((g) => `${g.src}:${g.values.join(',')}`).join(';')}`;
        scope.writes.set(t, groups.length === 0 ? RZERO : graph.add(key, {
          kind: 'mix', shape: tensor.shape, args: groups.map((g) => g.src), label: `${tensor.name} (mix)`, subject: info, groups: groups.map((g) => g.values),
        }));
      }
    }
  };
  walk(real.body, root);
  const bridges = real.bridges.map((b) => expression(graph, b.expr, root, 'bridge'));
  return { graph, finalOf: (t) => root.lookup(t), bridges };
}

/** The node computing `e` in `scope` (reads resolve to the scope's current version of each tensor). */
function expression(graph: RealGraph, e: RealExpr, scope: Scope, label: string): number {
  const ev = (x: RealExpr): number => expression(graph, x, scope, label);
  const add = (key: string, init: Omit<Init, 'shape' | 'label'>): number =>
    graph.add(key, { ...init, shape: e.shape, label: `${label}: ${e.kind === 'unary' ? e.fn : e.kind}` } as Init);
  switch (e.kind) {
    case 'const':
      return graph.constant(e.values, e.shape);
    case 'read': {
      const n = scope.lookup(e.tensor);
      if (n === RZERO) return graph.constant(new Float64Array(sizeOf(e.shape)), e.shape);
      return n;
    }
    case 'unary': {
      const a = ev(e.arg);
      return add(`unary|${e.fn}|${e.alpha}|${a}`, { kind: 'unary', args: [a], fn: e.fn, alpha: e.alpha });
    }
    case 'binary': {
      const l = ev(e.left), r = ev(e.right);
      const map = (s: Shape): Int32Array | null => (sizeOf(s) === sizeOf(e.shape) ? null : broadcastIndex(s, e.shape));
      return add(`binary|${e.op}|${l}|${r}|${e.shape.join(',')}`, { kind: 'binary', args: [l, r], op: e.op, maps: [map(e.left.shape), map(e.right.shape)] });
    }
    case 'matmul': {
      const l = ev(e.left), r = ev(e.right);
      const { m, k, n } = matmulDims(e.left.shape, e.right.shape)!;
      return add(`matmul|${l}|${r}`, { kind: 'matmul', args: [l, r], m, k, n });
    }
    case 'softmax': {
      const a = ev(e.arg);
      return add(`softmax|${a}`, { kind: 'softmax', args: [a] });
    }
    case 'reduce': {
      const a = ev(e.arg);
      const { index } = reduceMap(e.arg.shape, e.axis);
      const scale = e.op === 'mean' ? sizeOf(e.shape) / sizeOf(e.arg.shape) : 1;
      return add(`reduce|${e.op}|${e.axis}|${a}`, { kind: 'reduce', args: [a], index, scale });
    }
    case 'gather': {
      const a = ev(e.arg);
      if (e.index.length === sizeOf(e.arg.shape) && e.index.every((v, i) => v === i)) return a; // same values, new shape
      return add(`gather|${e.label}|${a}`, { kind: 'gather', args: [a], index: e.index });
    }
    case 'stack': {
      const items = e.items.map(ev);
      return add(`stack|${items.join(',')}`, { kind: 'stack', args: items });
    }
    default: {
      const never: never = e;
      throw new InternalError(`unknown real expression ${(never as RealExpr).kind}`);
    }
  }
}
