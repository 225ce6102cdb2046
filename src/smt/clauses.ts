// Clause encoding: one-hot values where every computed value gets fresh Booleans constrained by
// implications (table row -> result, branch condition and branch value -> result): the direct CNF
// of tables and case splits, with no auxiliary Tseitin variables.
import type { IrVar, Table } from '../ir/ir.ts';
import { tableRange, type Assert } from './encoding.ts';
import type { B, Logic } from './logic.ts';
import { OneHotEncoding, type Indicators, type ParamStyle } from './onehot.ts';
import type { Ast } from './z3.ts';

export class ClauseEncoding<T = Ast> extends OneHotEncoding<T> {
  /** Atoms and their negations. */
  private readonly literals = new Set<T>();
  /** Structural key of a table application or merge -> its fresh value, shared across examples. */
  private readonly memo = new Map<string, Indicators<T>>();
  private fresh = 0;

  constructor(logic: Logic<T>, assert: Assert<T>, paramStyle: ParamStyle = 'onehot') {
    super(logic, assert, paramStyle);
  }

  override param(v: IrVar): Indicators<T> {
    const xs = super.param(v);
    for (const b of xs) if (typeof b !== 'boolean') this.literals.add(b);
    return xs;
  }

  private atomic(x: Indicators<T>): boolean {
    return x.every((b) => typeof b === 'boolean' || this.literals.has(b));
  }

  /** Fresh indicators for a value of `domain` (one Boolean when binary), with at-most-one. */
  private value(domain: number): Indicators<T> {
    const { z } = this.logic;
    const n = this.fresh++;
    if (domain <= 2) {
      const t = z.fresh(`#v${n}`);
      const f = z.not(t);
      this.literals.add(t).add(f);
      return domain === 1 ? [true] : [f, t];
    }
    const xs = Array.from({ length: domain }, (_, k) => z.fresh(`#v${n}=${k}`));
    for (const x of xs) this.literals.add(x).add(z.not(x));
    for (let i = 0; i < domain; i++) for (let j = i + 1; j < domain; j++) this.assert(z.or([z.not(xs[i]!), z.not(xs[j]!)]));
    return xs;
  }

  private clause(...lits: B<T>[]): void {
    this.assert(this.logic.or(...lits));
  }

  override apply(table: Table, args: readonly Indicators<T>[]): Indicators<T> {
    const rows = this.rows(table, args);
    const values = new Set(rows.map((r) => r.value));
    if (values.size === 1) return this.constant(rows[0]!.value);
    // One literal selects each result: the result is those literals (e.g. a copy or a negation).
    let direct: B<T>[] | null = [];
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

  override merge(conds: readonly B<T>[], values: readonly Indicators<T>[], domain: number): Indicators<T> {
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

  override name(x: Indicators<T>, domain: number, label: string): Indicators<T> {
    return this.atomic(x) ? x : super.name(x, domain, label);
  }
}

function keyOf<T>(x: Indicators<T>): string {
  return x.map((b) => (b === true ? 'T' : b === false ? 'F' : String(b))).join(',');
}
