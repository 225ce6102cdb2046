// One-hot Boolean encoding: a value of domain D is D indicator terms (exactly one true where defined);
// a binary value is a single Boolean. Params are one-hot (exactly-one), binary (log-encoded bits) or
// order-encoded (`value >= k` bits, each implying the one below).
// Generic in the Boolean term type `T`: the same encoding serves Z3 and the CNF builder.
import type { IrVar, Table } from '../ir/ir.ts';
import type { Assert, Encoding } from './encoding.ts';
import type { B, Logic } from './logic.ts';
import type { Ast } from './z3.ts';

export type Indicators<T = Ast> = readonly B<T>[];

/** How a Param's value is represented: one Boolean per value, log-encoded bits, or `value >= k` bits. */
export type ParamStyle = 'onehot' | 'binary' | 'order';

export class OneHotEncoding<T = Ast> implements Encoding<Indicators<T>, T> {
  private readonly params = new Map<number, Indicators<T>>();
  /** Terms that are Boolean constants already (Params, named values). */
  protected readonly atoms = new Set<T>();
  /** Term -> the constant naming it, shared by every example where the same term arises. */
  private readonly named = new Map<T, T>();

  constructor(
    readonly logic: Logic<T>,
    protected readonly assert: Assert<T>,
    private readonly paramStyle: ParamStyle,
  ) {}

  constant(value: number): Indicators<T> {
    const xs = new Array<B<T>>(value + 1).fill(false);
    xs[value] = true;
    return xs;
  }

  known(x: Indicators<T>): number | null {
    let found = -1;
    for (let k = 0; k < x.length; k++) {
      const b = x[k]!;
      if (typeof b !== 'boolean') return null;
      if (b) found = k;
    }
    return found >= 0 ? found : null;
  }

  param(v: IrVar): Indicators<T> {
    let xs = this.params.get(v.id);
    if (!xs) {
      if (this.paramStyle === 'binary' || v.domain <= 2) xs = this.bitsParam(v);
      else xs = this.paramStyle === 'order' ? this.orderParam(v) : this.oneHotParam(v);
      this.params.set(v.id, xs);
    }
    return xs;
  }

  private oneHotParam(v: IrVar): Indicators<T> {
    const { z } = this.logic;
    const xs = Array.from({ length: v.domain }, (_, k) => z.fresh(`${v.name}=${k}`));
    for (const x of xs) this.atoms.add(x);
    this.assert(z.or(xs));
    // At most one, as pairwise clauses (a pseudo-Boolean AtMost keeps Z3 off its pure SAT path).
    for (let i = 0; i < xs.length; i++) for (let j = i + 1; j < xs.length; j++) this.assert(z.or([z.not(xs[i]!), z.not(xs[j]!)]));
    return xs;
  }

  private bitsParam(v: IrVar): Indicators<T> {
    const { z } = this.logic;
    const width = Math.max(0, Math.ceil(Math.log2(v.domain)));
    const bits = Array.from({ length: width }, (_, i) => z.fresh(`${v.name}.b${i}`));
    for (const b of bits) this.atoms.add(b);
    const xs: B<T>[] = [];
    for (let k = 0; k < 1 << width; k++) {
      const lits = bits.map((b, i) => ((k >> i) & 1 ? b : z.not(b)));
      xs.push(this.logic.and(...lits));
    }
    for (let k = v.domain; k < xs.length; k++) this.assert(this.logic.not(xs[k]!));
    return xs.slice(0, v.domain);
  }

  /** Order encoding: `ge[k - 1]` stands for value >= k, each implying the one below; value k is ge[k-1] and not ge[k]. */
  private orderParam(v: IrVar): Indicators<T> {
    const { z } = this.logic;
    const ge = Array.from({ length: v.domain - 1 }, (_, i) => z.fresh(`${v.name}>=${i + 1}`));
    for (const b of ge) this.atoms.add(b);
    for (let k = 1; k < ge.length; k++) this.assert(this.logic.implies(ge[k]!, ge[k - 1]!));
    return Array.from({ length: v.domain }, (_, k) => this.logic.and(k === 0 ? true : ge[k - 1]!, k === ge.length ? true : this.logic.not(ge[k]!)));
  }

  member(x: Indicators<T>, values: readonly number[], range: number): B<T> {
    if (values.length * 2 > range) {
      const inside = new Set(values);
      const outside: B<T>[] = [];
      for (let k = 0; k < x.length; k++) if (!inside.has(k)) outside.push(x[k]!);
      return this.logic.not(this.logic.or(...outside));
    }
    return this.logic.or(...values.map((k) => x[k] ?? false));
  }

  apply(table: Table, args: readonly Indicators<T>[]): Indicators<T> {
    const out: B<T>[][] = [];
    for (const row of this.rows(table, args)) (out[row.value] ??= []).push(this.logic.and(...row.conds));
    return Array.from({ length: out.length }, (_, k) => this.logic.or(...(out[k] ?? [])));
  }

  /** The table rows the arguments can select: the conditions selecting each, and its value. */
  protected rows(table: Table, args: readonly Indicators<T>[]): { conds: B<T>[]; value: number }[] {
    const rows: { conds: B<T>[]; value: number }[] = [];
    const rec = (i: number, offset: number, conds: B<T>[]): void => {
      if (i === args.length) return void rows.push({ conds, value: table.values[offset]! });
      const d = table.argDomains[i]!;
      const a = args[i]!;
      for (let j = 0; j < d; j++) {
        const c = a[j] ?? false;
        if (c !== false) rec(i + 1, offset * d + j, c === true ? conds : [...conds, c]);
      }
    };
    rec(0, 0, []);
    return rows;
  }

  fit(x: Indicators<T>, from: number, to: number): Indicators<T> {
    if (x.length === to) return x;
    if (x.length > to) return x.slice(0, to);
    return [...x, ...new Array<B<T>>(to - x.length).fill(false)];
  }

  merge(conds: readonly B<T>[], values: readonly Indicators<T>[], domain: number): Indicators<T> {
    const { logic } = this;
    const first = values[0]!;
    if (values.every((v) => v === first)) return first;
    const out: B<T>[] = [];
    for (let k = 0; k < domain; k++) {
      const col = values.map((v) => v[k] ?? false);
      if (col.every((c) => c === col[0])) out.push(col[0]!);
      else out.push(logic.or(...col.map((c, b) => logic.and(conds[b]!, c))));
    }
    return out;
  }

  name(x: Indicators<T>, domain: number, label: string): Indicators<T> {
    if (this.known(x) !== null) return x;
    if (domain === 2) {
      const b = x[1] ?? false;
      if (typeof b === 'boolean') return x;
      const t = this.atom(b, label);
      return t === b ? x : [this.logic.z.not(t), t];
    }
    return x.map((b, k) => (typeof b === 'boolean' ? b : this.atom(b, `${label}=${k}`)));
  }

  /** A Boolean constant equivalent to `b`, shared by every occurrence of the same term. */
  private atom(b: T, label: string): T {
    if (this.atoms.has(b)) return b;
    let t = this.named.get(b);
    if (t === undefined) {
      t = this.logic.z.fresh(label);
      this.atoms.add(t);
      this.named.set(b, t);
      this.assert(this.logic.z.eq(t, b));
    }
    return t;
  }

  decode(v: IrVar): number {
    const xs = this.param(v);
    for (let k = 0; k < xs.length; k++) {
      const b = xs[k]!;
      if (b === true || (b !== false && this.logic.z.evalBool(b))) return k;
    }
    return 0;
  }
}
