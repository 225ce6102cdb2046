// Clause encoding: one-hot values where every computed value gets fresh Booleans constrained by
// implications (table row -> result, branch condition and branch value -> result): the direct CNF
// of tables and case splits, with no auxiliary Tseitin variables.
import type { IrVar, Table } from '../ir/ir.ts';
import { tableRange, type Assert } from './encoding.ts';
import type { B, Logic } from './logic.ts';
import { OneHotEncoding, type Indicators } from './onehot.ts';
import type { Ast } from './z3.ts';

export class ClauseEncoding extends OneHotEncoding {
  /** Atoms and their negations. */
  private readonly literals = new Set<Ast>();
  /** Structural key of a table application or merge -> its fresh value, shared across examples. */
  private readonly memo = new Map<string, Indicators>();
  private fresh = 0;

  constructor(logic: Logic, assert: Assert) {
    super(logic, assert, 'onehot');
  }

  override param(v: IrVar): Indicators {
    const xs = super.param(v);
    for (const b of xs) if (typeof b !== 'boolean') this.literals.add(b);
    return xs;
  }

  private atomic(x: Indicators): boolean {
    return x.every((b) => typeof b === 'boolean' || this.literals.has(b));
  }

  /** Fresh indicators for a value of `domain` (one Boolean when binary), with at-most-one. */
  private value(domain: number): Indicators {
    const { z } = this.logic;
    const n = this.fresh++;
    if (domain <= 2) {
      const t = z.constant(`#v${n}`, -1);
      const f = z.not(t);
      this.literals.add(t).add(f);
      return domain === 1 ? [true] : [f, t];
    }
    const xs = Array.from({ length: domain }, (_, k) => z.constant(`#v${n}=${k}`, -1));
    for (const x of xs) this.literals.add(x).add(z.not(x));
    for (let i = 0; i < domain; i++) for (let j = i + 1; j < domain; j++) this.assert(z.or([z.not(xs[i]!), z.not(xs[j]!)]));
    return xs;
  }

  private clause(...lits: B[]): void {
    this.assert(this.logic.or(...lits));
  }

  override apply(table: Table, args: readonly Indicators[]): Indicators {
    const rows = this.rows(table, args);
    const values = new Set(rows.map((r) => r.value));
    if (values.size === 1) return this.constant(rows[0]!.value);
    // One literal selects each result: the result is those literals (e.g. a copy or a negation).
    let direct: B[] | null = [];
    for (const row of rows) {
      if (row.conds.length !== 1 || direct[row.value] !== undefined) {
        direct = null;
        break;
      }
      direct[row.value] = row.conds[0]!;
    }
    if (direct) {
      const out = Array.from({ length: tableRange(table) }, (_, k) => direct![k] ?? false);
      if (this.atomic(out)) return out;
    }
    const key = `a${table.id}:${args.map(keyOf).join('|')}`;
    let xs = this.memo.get(key);
    if (!xs) {
      xs = this.value(tableRange(table));
      for (const row of rows) this.clause(...row.conds.map((c) => this.logic.not(c)), xs[row.value]!);
      this.memo.set(key, xs);
    }
    return xs;
  }

  override merge(conds: readonly B[], values: readonly Indicators[], domain: number): Indicators {
    const columns = Array.from({ length: domain }, (_, k) => values.map((v) => v[k] ?? false));
    if (columns.every((col) => col.every((c) => c === col[0]))) return columns.map((col) => col[0]!);
    const key = `m${conds.map((c) => keyOf([c])).join(',')}:${values.map(keyOf).join('|')}`;
    let xs = this.memo.get(key);
    if (!xs) {
      xs = this.value(domain);
      const { logic } = this;
      for (let k = 0; k < domain; k++) {
        columns[k]!.forEach((c, b) => {
          if (c !== false) this.clause(logic.not(conds[b]!), logic.not(c), xs![k]!);
        });
      }
      this.memo.set(key, xs);
    }
    return xs;
  }

  override name(x: Indicators, domain: number, label: string): Indicators {
    return this.atomic(x) ? x : super.name(x, domain, label);
  }
}

function keyOf(x: Indicators): string {
  return x.map((b) => (b === true ? 'T' : b === false ? 'F' : String(b))).join(',');
}
