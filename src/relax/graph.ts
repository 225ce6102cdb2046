// The value graph between IR and tape: one node per distinct relaxed value, built by hash-consing so
// that a computation repeated in several branches (or a copy) is one node, and constants fold early.
import type { Table } from '../ir/ir.ts';
import { InternalError } from '../util/diagnostics.ts';

/** Node id standing for the zero vector: a variable no path has assigned (p = 0 everywhere). */
export const ZERO = -1;

interface NodeBase {
  readonly id: number;
  readonly domain: number;
  /** Node ids read, in operand order (apply: the arguments; copy: the source; mix: subject then sources). */
  readonly args: readonly number[];
  /** One value for every example. */
  readonly shared: boolean;
  /** Depends on a Param. */
  readonly dynamic: boolean;
  /** Exactly one-hot for every example (so its entries sum to 1). */
  readonly oneHot: boolean;
  readonly label: string;
}

export type Node = NodeBase &
  (
    | { readonly kind: 'param'; readonly variable: number }
    /** One value when shared, else one per example; -1 = the zero vector for that example. */
    | { readonly kind: 'onehot'; readonly values: Int32Array }
    | { readonly kind: 'apply'; readonly table: number }
    | { readonly kind: 'copy' }
    /** `groups[g]` lists the subject values whose branch produced `args[1 + g]`. */
    | { readonly kind: 'mix'; readonly groups: readonly (readonly number[])[] }
  );

/** A node as its constructor describes it; `add` derives the rest. */
interface NodeInit {
  readonly kind: Node['kind'];
  readonly domain: number;
  readonly args: readonly number[];
  readonly label: string;
  readonly oneHot?: boolean;
  readonly variable?: number;
  readonly values?: Int32Array;
  readonly table?: number;
  readonly groups?: readonly (readonly number[])[];
}

const NO_VALUES = new Int32Array(0);
/** {@link Graph.mix}'s mark for a subject value no branch lists. */
const NO_BRANCH = -2;
const NO_GROUPS: readonly (readonly number[])[] = [];

/** A mixture branch before grouping: the subject values it covers and the node it produced there. */
export interface MixBranch {
  readonly values: readonly number[];
  /** Mutable so that one branch list can serve every variable a case writes. */
  source: number;
}

export class Graph {
  readonly nodes: Node[] = [];
  private readonly memo = new Map<string, number>();

  constructor(
    readonly examples: number,
    private readonly tables: readonly Table[],
  ) {}

  node(id: number): Node {
    return this.nodes[id]!;
  }

  /** A Param's supplied vector (never shared with another node). */
  param(variable: number, domain: number, label: string): number {
    const key = `param|${variable}`;
    return this.memo.get(key) ?? this.add(key, { kind: 'param', variable, domain, args: [], label });
  }

  /** A constant; out-of-domain values give the zero vector. */
  constant(value: number, domain: number): number {
    if (!(value >= 0 && value < domain)) return ZERO;
    const key = `const|${domain}|${value}`;
    return this.memo.get(key) ?? this.add(key, { kind: 'onehot', values: Int32Array.of(value), domain, args: [], label: `#${value}`, oneHot: true });
  }

  /** A clamped Input: one value per example (a constant when every example agrees). */
  input(values: Int32Array, domain: number, label: string): number {
    const clean = values.map((v) => (v >= 0 && v < domain ? v : -1));
    if (clean.length === 0 || clean.every((v) => v === clean[0])) return this.constant(clean[0] ?? -1, domain);
    const key = `input|${domain}|${clean.join(',')}`;
    return this.memo.get(key) ?? this.add(key, { kind: 'onehot', values: clean, domain, args: [], label, oneHot: !clean.includes(-1) });
  }

  /** `from` seen in another domain; the identity (an alias) when the domains agree. */
  convert(from: number, domain: number): number {
    if (from === ZERO) return ZERO;
    const n = this.node(from);
    if (n.domain === domain) return from;
    const c = constantValue(n);
    if (c !== undefined) return this.constant(c, domain);
    const key = `copy|${domain}|${from}`;
    return this.memo.get(key) ?? this.add(key, { kind: 'copy', domain, args: [from], label: n.label });
  }

  /** `table(args)` in `domain`; arguments are converted to the table's argument domains first. */
  apply(tableId: number, args: readonly number[], domain: number, label: string): number {
    const table = this.tables[tableId]!;
    // Every argument is converted before any is tested, so the copies made (and so node numbering)
    // do not depend on which argument is zero.
    const converted = new Array<number>(args.length);
    for (let i = 0; i < args.length; i++) converted[i] = this.convert(args[i]!, table.argDomains[i]!);
    let constant = true;
    let index = 0;
    for (let i = 0; i < args.length; i++) {
      const a = converted[i]!;
      if (a === ZERO) return ZERO; // a zero argument makes every product zero
      const c = constantValue(this.node(a));
      if (c === undefined) constant = false;
      else index = index * table.argDomains[i]! + c;
    }
    if (constant) return this.constant(table.values[index]!, domain);
    const key = `apply|${tableId}|${domain}|${converted.join(',')}`;
    return this.memo.get(key) ?? this.add(key, { kind: 'apply', table: tableId, domain, args: converted, label });
  }

  /**
   * The case merge of `branches` on `subject`, grouping branches that produced the same node. Branch
   * values are disjoint and non-negative (the IR's case invariant, checked here), so walking the
   * subject's values in order meets the groups in order of their smallest value, each group's values
   * ascending.
   */
  mix(subject: number, branches: readonly MixBranch[], domain: number, label: string): number {
    if (subject === ZERO) return ZERO;
    const s = this.node(subject);
    // The node each subject value's branch produced (ZERO: a branch producing the zero vector, or none).
    let values = 0;
    for (const b of branches) for (const v of b.values) values = Math.max(values, v + 1);
    if (this.sourceOf.length < values) this.sourceOf = new Int32Array(Math.max(values, 2 * this.sourceOf.length));
    const sourceOf = this.sourceOf;
    sourceOf.fill(NO_BRANCH, 0, values);
    for (const b of branches) {
      for (const v of b.values) {
        if (!(v >= 0) || sourceOf[v] !== NO_BRANCH) throw new InternalError(`case on ${s.label}: branch value ${v} is negative or in two branches`);
        sourceOf[v] = b.source;
      }
    }
    for (let v = 0; v < values; v++) if (sourceOf[v] === NO_BRANCH) sourceOf[v] = ZERO;
    const c = constantValue(s);
    // A constant subject selects one branch with weight exactly 1: partial evaluation.
    if (c !== undefined) return c < values ? sourceOf[c]! : ZERO;
    // Groups by source node: a node's group is found through a mark per node id, set in this call.
    if (this.groupOf.length < this.nodes.length) this.groupOf = new Int32Array(Math.max(this.nodes.length, 2 * this.groupOf.length));
    const groupOf = this.groupOf;
    const sources: number[] = [];
    const groups: number[][] = [];
    for (let v = 0; v < values; v++) {
      const source = sourceOf[v]!;
      if (source === ZERO) continue;
      const g = groupOf[source]!;
      if (g < sources.length && sources[g] === source) groups[g]!.push(v);
      else groupOf[source] = sources.length, sources.push(source), groups.push([v]);
    }
    if (groups.length === 0) return ZERO;
    // Every branch gives the same node and the subject's weights sum to exactly 1: no mixing needed.
    if (groups.length === 1 && s.oneHot && groups[0]!.length === s.domain) return sources[0]!;
    let key = `mix|${domain}|${subject}|`;
    for (let g = 0; g < groups.length; g++) key += `${g > 0 ? ';' : ''}${sources[g]}:${groups[g]!.join(',')}`;
    return this.memo.get(key) ?? this.add(key, { kind: 'mix', domain, args: [subject, ...sources], groups, label });
  }

  /** Scratch of {@link mix}: per subject value, the node its branch produced; per node id, its group in the current call. */
  private sourceOf = new Int32Array(16);
  private groupOf = new Int32Array(16);

  private add(key: string, init: NodeInit): number {
    // Callers look `key` up first, so that a node is described only when it is new.
    if (this.memo.has(key)) throw new InternalError(`graph node ${key} added twice`);
    const id = this.nodes.length;
    let shared = init.kind === 'onehot' ? init.values?.length === 1 || this.examples <= 1 : true;
    let dynamic = init.kind === 'param';
    for (const a of init.args) {
      const n = this.nodes[a]!;
      if (!n.shared) shared = false;
      if (n.dynamic) dynamic = true;
    }
    // Every node gets every field, in one order: one hidden class keeps graph walks fast
    // (spreading `init` measured 10x slower on a 200k-node graph).
    const node = {
      id,
      kind: init.kind,
      domain: init.domain,
      args: init.args,
      shared,
      dynamic,
      oneHot: init.oneHot ?? false,
      label: init.label,
      variable: init.variable ?? -1,
      values: init.values ?? NO_VALUES,
      table: init.table ?? -1,
      groups: init.groups ?? NO_GROUPS,
    };
    this.nodes.push(node as Node);
    this.memo.set(key, id);
    return id;
  }
}

/** The value of a shared constant node, if it is one. */
export function constantValue(n: Node): number | undefined {
  return n.kind === 'onehot' && n.values.length === 1 && n.values[0]! >= 0 ? n.values[0] : undefined;
}
