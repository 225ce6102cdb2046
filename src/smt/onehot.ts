// One-hot Boolean encoding: a value of domain D is D indicator terms (exactly one true where defined);
// a binary value is a single Boolean. Params are one-hot (exactly-one) or binary (log-encoded bits).
import type { IrVar, Table } from '../ir/ir.ts';
import type { Assert, Encoding } from './encoding.ts';
import type { B, Logic } from './logic.ts';
import type { Z3Bool, Z3Model } from './z3.ts';

export type Indicators = readonly B[];

export class OneHotEncoding implements Encoding<Indicators> {
  private readonly params = new Map<number, Indicators>();
  private readonly atoms = new Set<number>();
  private readonly named = new Map<number, Z3Bool>();

  constructor(
    readonly logic: Logic,
    private readonly assert: Assert,
    private readonly paramStyle: 'onehot' | 'binary',
    /** At-most-one over a one-hot Param: a pseudo-Boolean constraint or pairwise clauses. */
    private readonly amo: 'pb' | 'pairwise' = 'pairwise',
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
      xs = this.paramStyle === 'binary' || v.domain === 2 ? this.bitsParam(v) : this.oneHotParam(v);
      this.params.set(v.id, xs);
    }
    return xs;
  }

  private oneHotParam(v: IrVar): Indicators {
    const { ctx } = this.logic;
    if (v.domain === 1) return [true];
    const xs = Array.from({ length: v.domain }, (_, k) => ctx.Bool.const(`${v.name}=${k}`));
    for (const x of xs) this.atoms.add(x.id());
    this.assert(ctx.Or(...xs));
    if (this.amo === 'pb') this.assert(ctx.AtMost(xs as [Z3Bool, ...Z3Bool[]], 1));
    else for (let i = 0; i < xs.length; i++) for (let j = i + 1; j < xs.length; j++) this.assert(ctx.Or(ctx.Not(xs[i]!), ctx.Not(xs[j]!)));
    return xs;
  }

  private bitsParam(v: IrVar): Indicators {
    const { ctx } = this.logic;
    const width = Math.max(0, Math.ceil(Math.log2(v.domain)));
    const bits = Array.from({ length: width }, (_, i) => ctx.Bool.const(`${v.name}.b${i}`));
    for (const b of bits) this.atoms.add(b.id());
    const xs: B[] = [];
    for (let k = 0; k < 1 << width; k++) {
      const lits = bits.map((b, i) => ((k >> i) & 1 ? b : ctx.Not(b)));
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
    const { logic } = this;
    const out: B[][] = [];
    const rec = (i: number, offset: number, conds: B[]): void => {
      if (i === args.length) {
        const r = table.values[offset]!;
        (out[r] ??= []).push(logic.and(...conds));
        return;
      }
      const d = table.argDomains[i]!;
      const a = args[i]!;
      for (let j = 0; j < d; j++) {
        const c = a[j] ?? false;
        if (c !== false) rec(i + 1, offset * d + j, c === true ? conds : [...conds, c]);
      }
    };
    rec(0, 0, []);
    return Array.from({ length: out.length }, (_, k) => logic.or(...(out[k] ?? [])));
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
      return t === b ? x : [this.logic.ctx.Not(t), t];
    }
    return x.map((b, k) => (typeof b === 'boolean' ? b : this.atom(b, `${label}=${k}`)));
  }

  /** A Boolean constant equivalent to `b`, shared by every occurrence of the same term. */
  private atom(b: Z3Bool, label: string): Z3Bool {
    const id = b.id();
    if (this.atoms.has(id)) return b;
    let t = this.named.get(id);
    if (!t) {
      t = this.logic.ctx.Bool.const(label);
      this.atoms.add(t.id());
      this.named.set(id, t);
      this.assert(this.logic.ctx.Eq(t, b));
    }
    return t;
  }

  decode(model: Z3Model, v: IrVar): number {
    const xs = this.param(v);
    for (let k = 0; k < xs.length; k++) {
      const b = xs[k]!;
      if (b === true || (b !== false && model.eval(b, true).eqIdentity(this.logic.ctx.Bool.val(true)))) return k;
    }
    return 0;
  }
}
