// The value graph between IR and tape: one node per distinct relaxed value, built by hash-consing so
// that a computation repeated in several branches (or a copy) is one node, and constants fold early.
import type { Table } from '../ir/ir.ts';

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
const NO_GROUPS: readonly (readonly number[])[] = [];

/** A mixture branch before grouping: the subject values it covers and the node it produced there. */
export interface MixBranch {
  readonly values: readonly number[];
  readonly source: number;
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
    return this.add(`param|${variable}`, { kind: 'param', variable, domain, args: [], label });
  }

  /** A constant; out-of-domain values give the zero vector. */
  constant(value: number, domain: number): number {
    if (!(value >= 0 && value < domain)) return ZERO;
    return this.add(`const|${domain}|${value}`, { kind: 'onehot', values: Int32Array.of(value), domain, args: [], label: `#${value}`, oneHot: true });
  }

  /** A clamped Input: one value per example (a constant when every example agrees). */
  input(values: Int32Array, domain: number, label: string): number {
    const clean = values.map((v) => (v >= 0 && v < domain ? v : -1));
    if (clean.length === 0 || clean.every((v) => v === clean[0])) return this.constant(clean[0] ?? -1, domain);
    return this.add(`input|${domain}|${clean.join(',')}`, { kind: 'onehot', values: clean, domain, args: [], label, oneHot: !clean.includes(-1) });
  }

  /** `from` seen in another domain; the identity (an alias) when the domains agree. */
  convert(from: number, domain: number): number {
    if (from === ZERO) return ZERO;
    const n = this.node(from);
    if (n.domain === domain) return from;
    const c = constantValue(n);
    if (c !== undefined) return this.constant(c, domain);
    return this.add(`copy|${domain}|${from}`, { kind: 'copy', domain, args: [from], label: n.label });
  }

  /** `table(args)` in `domain`; arguments are converted to the table's argument domains first. */
  apply(tableId: number, args: readonly number[], domain: number, label: string): number {
    const table = this.tables[tableId]!;
    const converted = args.map((a, i) => this.convert(a, table.argDomains[i]!));
    if (converted.includes(ZERO)) return ZERO; // a zero argument makes every product zero
    const consts = converted.map((a) => constantValue(this.node(a)));
    if (consts.every((c) => c !== undefined)) {
      let index = 0;
      consts.forEach((c, i) => (index = index * table.argDomains[i]! + c!));
      return this.constant(table.values[index]!, domain);
    }
    return this.add(`apply|${tableId}|${domain}|${converted.join(',')}`, { kind: 'apply', table: tableId, domain, args: converted, label });
  }

  /** The case merge of `branches` on `subject`, grouping branches that produced the same node. */
  mix(subject: number, branches: readonly MixBranch[], domain: number, label: string): number {
    if (subject === ZERO) return ZERO;
    const s = this.node(subject);
    const bySource = new Map<number, number[]>();
    for (const b of branches) {
      if (b.source === ZERO || b.values.length === 0) continue; // contributes nothing
      const values = bySource.get(b.source) ?? [];
      values.push(...b.values);
      bySource.set(b.source, values);
    }
    const c = constantValue(s);
    if (c !== undefined) {
      // A constant subject selects one branch with weight exactly 1: partial evaluation.
      for (const [source, values] of bySource) if (values.includes(c)) return source;
      return ZERO;
    }
    const groups = [...bySource].map(([source, values]) => ({ source, values: values.sort((a, b) => a - b) }));
    if (groups.length === 0) return ZERO;
    groups.sort((a, b) => a.values[0]! - b.values[0]!);
    // Every branch gives the same node and the subject's weights sum to exactly 1: no mixing needed.
    if (groups.length === 1 && s.oneHot && groups[0]!.values.length === s.domain) return groups[0]!.source;
    const key = `mix|${domain}|${subject}|${groups.map((g) => `${g.source}:${g.values.join(',')}`).join(';')}`;
    return this.add(key, { kind: 'mix', domain, args: [subject, ...groups.map((g) => g.source)], groups: groups.map((g) => g.values), label });
  }

  private add(key: string, init: NodeInit): number {
    const found = this.memo.get(key);
    if (found !== undefined) return found;
    const id = this.nodes.length;
    const args = init.args.map((a) => this.node(a));
    const shared = init.kind === 'onehot' ? init.values?.length === 1 || this.examples <= 1 : args.every((a) => a.shared);
    const dynamic = init.kind === 'param' || args.some((a) => a.dynamic);
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
