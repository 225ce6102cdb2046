// One-hot Boolean encoding: a value of domain D is D indicator terms (exactly one true where defined);
// a binary value is a single Boolean. Params are one-hot (exactly-one) or binary (log-encoded bits).
import type { IrVar, Table } from '../ir/ir.ts';
import type { Assert, Encoding } from './encoding.ts';
import type { B, Logic } from './logic.ts';
import type { Ast } from './z3.ts';

export type Indicators = readonly B[];

export class OneHotEncoding implements Encoding<Indicators> {
  private readonly params = new Map<number, Indicators>();
  /** Terms that are Boolean constants already (Params, named values). */
  protected readonly atoms = new Set<Ast>();
  /** Term -> the constant naming it, shared by every example where the same term arises. */
  private readonly named = new Map<Ast, Ast>();

  constructor(
    readonly logic: Logic,
    protected readonly assert: Assert,
    private readonly paramStyle: 'onehot' | 'binary',
  ) {}

  constant(value: number): Indicators {
    const xs = new Array<B>(value + 1).fill(false);
    xs[value] = true;
    return xs;
  }

  known(x: Indicators): number | null {
    let found = -1;
    for (let k = 0; k < x.length; k++) {
      const b = x[k]!;
      if (typeof b !== 'boolean') return null;
      if (b) found = k;
    }
    return found >= 0 ? found : null;
  }

  param(v: IrVar): Indicators {
    let xs = this.params.get(v.id);
    if (!xs) {
      xs = this.paramStyle === 'binary' || v.domain <= 2 ? this.bitsParam(v) : this.oneHotParam(v);
      this.params.set(v.id, xs);
    }
    return xs;
  }

  private oneHotParam(v: IrVar): Indicators {
    const { z } = this.logic;
    const xs = Array.from({ length: v.domain }, (_, k) => z.constant(`${v.name}=${k}`, -1));
    for (const x of xs) this.atoms.add(x);
    this.assert(z.or(xs));
    // At most one, as pairwise clauses (a pseudo-Boolean AtMost keeps Z3 off its pure SAT path).
    for (let i = 0; i < xs.length; i++) for (let j = i + 1; j < xs.length; j++) this.assert(z.or([z.not(xs[i]!), z.not(xs[j]!)]));
    return xs;
  }

  private bitsParam(v: IrVar): Indicators {
    const { z } = this.logic;
    const width = Math.max(0, Math.ceil(Math.log2(v.domain)));
    const bits = Array.from({ length: width }, (_, i) => z.constant(`${v.name}.b${i}`, -1));
    for (const b of bits) this.atoms.add(b);
    const xs: B[] = [];
    for (let k = 0; k < 1 << width; k++) {
      const lits = bits.map((b, i) => ((k >> i) & 1 ? b : z.not(b)));
      xs.push(this.logic.and(...lits));
    }
    for (let k = v.domain; k < xs.length; k++) this.assert(this.logic.not(xs[k]!));
    return xs.slice(0, v.domain);
  }

  member(x: Indicators, values: readonly number[], range: number): B {
    if (values.length * 2 > range) {
      const inside = new Set(values);
      const outside: B[] = [];
      for (let k = 0; k < x.length; k++) if (!inside.has(k)) outside.push(x[k]!);
      return this.logic.not(this.logic.or(...outside));
    }
    return this.logic.or(...values.map((k) => x[k] ?? false));
  }

  apply(table: Table, args: readonly Indicators[]): Indicators {
    const out: B[][] = [];
    for (const row of this.rows(table, args)) (out[row.value] ??= []).push(this.logic.and(...row.conds));
    return Array.from({ length: out.length }, (_, k) => this.logic.or(...(out[k] ?? [])));
  }

  /** The table rows the arguments can select: the conditions selecting each, and its value. */
  protected rows(table: Table, args: readonly Indicators[]): { conds: B[]; value: number }[] {
    const rows: { conds: B[]; value: number }[] = [];
    const rec = (i: number, offset: number, conds: B[]): void => {
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

  fit(x: Indicators, from: number, to: number): Indicators {
    if (x.length === to) return x;
    if (x.length > to) return x.slice(0, to);
    return [...x, ...new Array<B>(to - x.length).fill(false)];
  }

  merge(conds: readonly B[], values: readonly Indicators[], domain: number): Indicators {
    const { logic } = this;
    const first = values[0]!;
    if (values.every((v) => v === first)) return first;
    const out: B[] = [];
    for (let k = 0; k < domain; k++) {
      const col = values.map((v) => v[k] ?? false);
      if (col.every((c) => c === col[0])) out.push(col[0]!);
      else out.push(logic.or(...col.map((c, b) => logic.and(conds[b]!, c))));
    }
    return out;
  }

  name(x: Indicators, domain: number, label: string): Indicators {
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
  private atom(b: Ast, label: string): Ast {
    if (this.atoms.has(b)) return b;
    let t = this.named.get(b);
    if (t === undefined) {
      t = this.logic.z.constant(label, -1);
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
