// Turns the value graph into a tape: keeps only what reaches an observed output, splits Param-free
// work into a run-once prelude, lays out storage, and batches independent same-shaped nodes together.
import { DONT_CARE, type Dataset } from '../data/dataset.ts';
import type { Program } from '../ir/ir.ts';
import { InternalError } from '../util/diagnostics.ts';
import type { BuiltGraph } from './build.ts';
import { ZERO, type Node } from './graph.ts';
import { encodeApply } from './ops/apply.ts';
import { isBinaryTable } from './ops/apply2bin.ts';
import { applyNScratch } from './ops/applyN.ts';
import { encodeCopy } from './ops/copy.ts';
import { encodeLoss } from './ops/loss.ts';
import { encodeMix } from './ops/mix.ts';
import type { Operand } from './ops/op.ts';
import { encodeOneHot } from './ops/onehot.ts';
import type { Instr, Slot, TableRef, Tape } from './tape.ts';
import type { RealSchedule } from './real/schedule.ts';
import { IntList } from '../util/int-list.ts';

/** Storage decisions shared by the encoders. */
interface Layout {
  readonly nodes: readonly Node[];
  readonly examples: number;
  readonly offsetOf: Int32Array;
  /** Start of the gradient sink: gradients of Param-free operands land here and are never read. */
  readonly sink: number;
  /** A static cell that always holds 0 (the probability of a value nothing can produce). */
  readonly zeroCell: number;
  readonly tableRef: (n: Extract<Node, { kind: 'apply' }>) => TableRef;
}

/**
 * Schedules the discrete graph and, for a program with real values, the real part `real` around it:
 * real Params right after the discrete ones, real Param-dependent values after the discrete ones (all
 * in the gradient region), real instructions after the discrete loss. Observed variables a bridge
 * draws are scored by the real loss, not here.
 */
export function schedule(built: BuiltGraph, program: Program, dataset: Dataset, real?: RealSchedule): Tape {
  const { graph, params, observed } = built;
  const examples = dataset.examples.length;
  const nodes = graph.nodes;
  const bridged = new Set(program.real?.bridges.flatMap((b) => b.targets) ?? []);
  const scored = observed.map((n, i) => (bridged.has(dataset.observedVars[i]!) ? ZERO : n));

  // Dead-code elimination: only what an observed value (or the real part) depends on is evaluated.
  const live = new Uint8Array(nodes.length);
  const stack = [...scored, ...(real?.subjects ?? [])].filter((n) => n !== ZERO);
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (live[n]) continue;
    live[n] = 1;
    stack.push(...nodes[n]!.args);
  }

  // Storage: Params at their ParamSlot offsets, dynamic nodes, the sink, then static nodes, so the
  // region carrying gradients is one prefix.
  const paramOffset = new Map(params.map((p) => [p.variable, p.offset]));
  const paramSize = params.reduce((s, p) => s + p.domain, 0);
  const slotOf = new Int32Array(nodes.length).fill(-1);
  const offsetOf = new Int32Array(nodes.length).fill(-1);
  const slots: Slot[] = [];
  const place = (n: Node, offset: number): number => {
    slotOf[n.id] = slots.length;
    offsetOf[n.id] = offset;
    slots.push({ id: slots.length, offset, domain: n.domain, shared: n.shared, dynamic: n.dynamic, label: n.label });
    return n.shared ? n.domain : n.domain * examples;
  };
  for (const n of nodes) if (n.kind === 'param') place(n, paramOffset.get(n.variable)!);
  let size = paramSize + (program.real?.paramSize ?? 0);
  for (const n of nodes) if (live[n.id] && n.dynamic && n.kind !== 'param') size += place(n, size);
  if (real) size = real.placeDynamic(size);
  const sink = size;
  const gradientSize = sink + nodes.reduce((d, n) => Math.max(d, n.domain), 1);
  const zeroCell = gradientSize;
  size = zeroCell + 1;
  for (const n of nodes) if (live[n.id] && !n.dynamic) size += place(n, size);
  if (real) size = real.placeStatic(size);

  const tableRefs = new Map<string, TableRef>();
  const tableRef = (n: Extract<Node, { kind: 'apply' }>): TableRef => {
    const key = `${n.table}|${n.domain}`;
    let ref = tableRefs.get(key);
    if (!ref) {
      const t = program.tables[n.table]!;
      const entries = t.values.map((k) => (k >= 0 && k < n.domain ? k : -1));
      ref = { id: t.id, name: t.name, argDomains: t.argDomains, outDomain: n.domain, entries };
      tableRefs.set(key, ref);
    }
    return ref;
  };
  const layout: Layout = { nodes, examples, offsetOf, sink, zeroCell, tableRef };
  const scratch = new Scratch();

  // Level = longest path from a leaf; nodes of one level are independent, so same-shaped ones batch.
  const level = new Int32Array(nodes.length);
  for (const n of nodes) {
    if (!live[n.id] || n.kind === 'param') continue;
    let l = 0;
    for (const a of n.args) if (nodes[a]!.dynamic === n.dynamic) l = Math.max(l, level[a]!);
    level[n.id] = l + 1;
  }
  const batch = (dynamic: boolean): Instr[] => {
    const groups = new Map<string, Node[]>();
    const order = nodes.filter((n) => live[n.id] && n.dynamic === dynamic && n.kind !== 'param');
    order.sort((a, b) => level[a.id]! - level[b.id]! || a.id - b.id);
    for (const n of order) {
      const key = `${level[n.id]}|${shapeKey(n, layout)}`;
      const g = groups.get(key);
      if (g) g.push(n);
      else groups.set(key, [n]);
    }
    return [...groups.values()].map((g) => emit(g, layout, scratch));
  };
  const prelude = batch(false);
  const body = batch(true);
  body.push(lossInstr(dataset, scored, layout, bridged));

  const observedSlots = Int32Array.from(scored, (n) => (n === ZERO ? -1 : slotOf[n]!));
  const observedDomains = Int32Array.from(dataset.observedVars, (v) => program.vars[v]!.domain);
  const tape = { examples, params, slots, observedSlots, observedDomains, storageSize: size, gradientSize, sink, zeroCell, paramSize, prelude, body };
  if (!real) return tape;
  const lossCount = body[body.length - 1]!.count;
  const realPart = real.emit((n) => {
    const node = nodes[n]!;
    return { val: offsetOf[n]!, grad: node.dynamic ? offsetOf[n]! : -1, stride: node.shared ? 0 : node.domain };
  }, lossCount > 0 || slots.some((s) => !s.shared));
  return {
    ...tape,
    slots: [...slots, ...real.slots(slots.length)],
    prelude: [...prelude, ...realPart.prelude],
    body: [...body, ...realPart.body],
    real: realPart.tape,
  };
}

/** Which op runs a node; nodes with equal keys (and levels) share one instruction. */
function shapeKey(n: Node, l: Layout): string {
  switch (n.kind) {
    case 'onehot':
      return `onehot|${n.domain}`;
    case 'apply':
      return `${applyKind(l.tableRef(n))}|${n.table}|${n.domain}`;
    case 'copy':
    case 'mix':
      return `${n.kind}|${n.domain}|${l.nodes[n.args[0]!]!.domain}`;
    case 'param':
      throw new InternalError('a Param is never computed');
    default: {
      const never: never = n;
      throw new InternalError(`unknown node ${(never as Node).kind}`);
    }
  }
}

function applyKind(t: TableRef): 'apply1' | 'apply2' | 'apply2bin' | 'applyN' {
  if (t.argDomains.length === 1) return 'apply1';
  if (t.argDomains.length === 2) return isBinaryTable(t.argDomains, t.outDomain, t.entries) ? 'apply2bin' : 'apply2';
  return 'applyN';
}

/** Offset of node `id`'s vector for example `e` (the same vector for every example when shared). */
function at(l: Layout, id: number, e: number): number {
  const n = l.nodes[id]!;
  return l.offsetOf[id]! + (n.shared ? 0 : e * n.domain);
}

/** An operand the encoders read and the scheduler rewrites from instance to instance. */
interface OperandSlot {
  val: number;
  grad: number;
}

const operandSlot = (): OperandSlot => ({ val: 0, grad: 0 });

/** A mixture group the scheduler rewrites from instance to instance. */
interface GroupSlot {
  readonly source: OperandSlot;
  values: readonly number[];
}

/** Node `id` read by the instance for example `e`, written into `into`. */
function operand(l: Layout, id: number, e: number, into: OperandSlot): Operand {
  const v = at(l, id, e);
  into.val = v;
  into.grad = l.nodes[id]!.dynamic ? v : l.sink;
  return into;
}

/**
 * What encoding instances reuses within one schedule: the ints of the instruction being encoded
 * (copied out at its end), operand lists of each length and mixture groups of each count (the
 * encoders copy what they read): a large machine has hundreds of thousands of instances.
 */
class Scratch {
  readonly ints = new IntList(1024);
  private readonly operandLists: OperandSlot[][] = [];
  private readonly groupLists: GroupSlot[][] = [];

  operands(length: number): OperandSlot[] {
    return Scratch.sized(this.operandLists, length, operandSlot);
  }

  groups(length: number): GroupSlot[] {
    return Scratch.sized(this.groupLists, length, () => ({ source: operandSlot(), values: [] }));
  }

  private static sized<T>(lists: T[][], length: number, make: () => T): T[] {
    while (lists.length <= length) lists.push(Array.from({ length: lists.length }, make));
    return lists[length]!;
  }
}

/**
 * Encodes a group of same-shaped nodes (same kind, tables and domains) as one instruction with one
 * instance per (node, example), or per node when the node is shared by every example.
 */
function emit(group: readonly Node[], l: Layout, scratch: Scratch): Instr {
  const ints = scratch.ints;
  ints.clear();
  let count = 0;
  const first = group[0]!;
  for (const n of group) {
    for (let e = 0; e < (n.shared ? 1 : l.examples); e++, count++) {
      const out = at(l, n.id, e);
      switch (n.kind) {
        case 'onehot':
          encodeOneHot(ints, out, n.values[n.values.length === 1 ? 0 : e]!);
          break;
        case 'apply': {
          const args = scratch.operands(n.args.length);
          for (let i = 0; i < args.length; i++) operand(l, n.args[i]!, e, args[i]);
          encodeApply(ints, out, args);
          break;
        }
        case 'copy':
          encodeCopy(ints, out, operand(l, n.args[0]!, e, scratch.operands(1)[0]));
          break;
        case 'mix': {
          const groups = scratch.groups(n.groups.length);
          for (let g = 0; g < groups.length; g++) {
            operand(l, n.args[1 + g]!, e, groups[g]!.source);
            groups[g]!.values = n.groups[g]!;
          }
          encodeMix(ints, out, operand(l, n.args[0]!, e, scratch.operands(1)[0]), groups);
          break;
        }
        case 'param':
          throw new InternalError('a Param is never computed');
        default: {
          const never: never = n;
          throw new InternalError(`unknown node ${(never as Node).kind}`);
        }
      }
    }
  }
  const packed = ints.copy();
  switch (first.kind) {
    case 'onehot':
      return { kind: 'onehot', domain: first.domain, count, ints: packed };
    case 'apply': {
      const table = l.tableRef(first);
      const kind = applyKind(table);
      if (kind === 'applyN') return { kind, table, count, ints: packed, ...applyNScratch(table.argDomains.length) };
      return { kind, table, count, ints: packed };
    }
    case 'copy':
      return { kind: 'copy', fromDomain: l.nodes[first.args[0]!]!.domain, domain: first.domain, count, ints: packed };
    case 'mix': {
      const subjectDomain = l.nodes[first.args[0]!]!.domain;
      if (first.domain === 2) return { kind: 'mix2', subjectDomain, count, ints: packed };
      return { kind: 'mix', domain: first.domain, subjectDomain, count, ints: packed };
    }
    case 'param':
      throw new InternalError('a Param is never computed');
    default: {
      const never: never = first;
      throw new InternalError(`unknown node ${(never as Node).kind}`);
    }
  }
}

/** The loss over every unmasked (example, observed output) term, example-major. */
function lossInstr(dataset: Dataset, observed: readonly number[], l: Layout, bridged: ReadonlySet<number>): Instr {
  const ints = new IntList(3 * dataset.examples.length * observed.length);
  const slot = operandSlot();
  let count = 0;
  dataset.examples.forEach((ex, e) => {
    observed.forEach((n, i) => {
      const want = ex.expected[i]!;
      if (want === DONT_CARE || bridged.has(dataset.observedVars[i]!)) return;
      count++;
      const term = e * observed.length + i;
      if (n === ZERO || !(want >= 0 && want < l.nodes[n]!.domain)) {
        // Nothing can produce this value: p = 0, a constant term.
        encodeLoss(ints, l.zeroCell, l.sink, term);
        return;
      }
      const o = operand(l, n, e, slot);
      encodeLoss(ints, o.val + want, o.grad === l.sink ? l.sink : o.grad + want, term);
    });
  });
  const scale = dataset.examples.length > 0 ? 1 / dataset.examples.length : 0;
  return { kind: 'loss', count, ints: ints.finish(), scale };
}
