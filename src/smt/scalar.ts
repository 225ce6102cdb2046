// Scalar encodings: a value is one Z3 Int (with range constraints on Params) or one BitVec of the
// minimal width for its domain. Tables become if-then-else chains over their symbolic arguments.
import type { IrVar, Table } from '../ir/ir.ts';
import { tableRange, type Assert, type Encoding } from './encoding.ts';
import type { B, Logic } from './logic.ts';
import type { Z3BitVec, Z3Bool, Z3Context, Z3Int, Z3Model } from './z3.ts';

type Term = Z3Int | Z3BitVec;
export type Scalar = number | Term;

/** Bits of a BitVec holding 0..domain-1. */
export function widthOf(domain: number): number {
  return Math.max(1, Math.ceil(Math.log2(domain)));
}

export class ScalarEncoding implements Encoding<Scalar> {
  private readonly params = new Map<number, Term>();
  private readonly atoms = new Set<number>();
  private readonly named = new Map<number, Term>();
  private readonly ctx: Z3Context;

  constructor(
    readonly logic: Logic,
    private readonly assert: Assert,
    private readonly sort: 'int' | 'bv',
  ) {
    this.ctx = logic.ctx;
  }

  constant(value: number): Scalar {
    return value;
  }

  known(x: Scalar): number | null {
    return typeof x === 'number' ? x : null;
  }

  private fresh(name: string, domain: number): Term {
    const t = this.sort === 'int' ? this.ctx.Int.const(name) : this.ctx.BitVec.const(name, widthOf(domain));
    this.atoms.add(t.id());
    return t;
  }

  /** `x` as a term of the sort used for `domain` (BitVec width adjusted). */
  private lift(x: Scalar, domain: number): Term {
    if (this.sort === 'int') return typeof x === 'number' ? this.ctx.Int.val(x) : x;
    const w = widthOf(domain);
    if (typeof x === 'number') return this.ctx.BitVec.val(x, w);
    const bv = x as Z3BitVec;
    const have = bv.size();
    if (have === w) return bv;
    return have < w ? bv.zeroExt(w - have) : bv.extract(w - 1, 0);
  }

  private eq(x: Term, k: number): Z3Bool {
    if (this.sort === 'int') return (x as Z3Int).eq(k);
    const bv = x as Z3BitVec;
    if (k >= 2 ** bv.size()) return this.ctx.Bool.val(false);
    return bv.eq(this.ctx.BitVec.val(k, bv.size()));
  }

  private less(x: Term, k: number): Z3Bool {
    if (this.sort === 'int') return (x as Z3Int).lt(k);
    const bv = x as Z3BitVec;
    return bv.ult(this.ctx.BitVec.val(k, bv.size()));
  }

  param(v: IrVar): Scalar {
    let t = this.params.get(v.id);
    if (!t) {
      if (v.domain === 1) return 0;
      t = this.fresh(v.name, v.domain);
      if (this.sort === 'int') this.assert((t as Z3Int).ge(0));
      if (this.sort === 'int' || v.domain < 2 ** widthOf(v.domain)) this.assert(this.less(t, v.domain));
      this.params.set(v.id, t);
    }
    return t;
  }

  member(x: Scalar, values: readonly number[], range: number): B {
    if (typeof x === 'number') return values.includes(x);
    const lo = values[0]!;
    const hi = values[values.length - 1]!;
    if (hi - lo + 1 === values.length) {
      const parts: B[] = [];
      if (lo > 0) parts.push(this.logic.not(this.less(x, lo)));
      if (hi < range - 1) parts.push(this.less(x, hi + 1));
      return this.logic.and(...parts);
    }
    return this.logic.or(...values.map((k) => this.eq(x, k)));
  }

  apply(table: Table, args: readonly Scalar[]): Scalar {
    const range = tableRange(table);
    const rec = (i: number, offset: number): Scalar => {
      if (i === args.length) return table.values[offset]!;
      const d = table.argDomains[i]!;
      const a = args[i]!;
      if (typeof a === 'number') return rec(i + 1, offset * d + a);
      const subs = Array.from({ length: d }, (_, j) => rec(i + 1, offset * d + j));
      if (subs.every((s) => same(s, subs[0]!))) return subs[0]!;
      if (subs.every((s, j) => s === j)) return this.lift(a, range);
      // Group argument values by result, then chain: ite(a in group, result, ...).
      const groups: { value: Scalar; js: number[] }[] = [];
      subs.forEach((s, j) => {
        const g = groups.find((x) => same(x.value, s));
        if (g) g.js.push(j);
        else groups.push({ value: s, js: [j] });
      });
      let acc = this.lift(groups[groups.length - 1]!.value, range);
      for (let g = groups.length - 2; g >= 0; g--) {
        const cond = this.member(a, groups[g]!.js, d) as Z3Bool;
        acc = this.ctx.If(cond, this.lift(groups[g]!.value, range), acc) as Term;
      }
      return acc;
    };
    return rec(0, 0);
  }

  fit(x: Scalar, from: number, to: number): Scalar {
    return typeof x === 'number' || this.sort === 'int' ? x : this.lift(x, to);
  }

  merge(conds: readonly B[], values: readonly Scalar[], domain: number): Scalar {
    const last = values.length - 1;
    if (values.every((v) => same(v, values[0]!))) return values[0]!;
    let acc: Scalar = values[last]!;
    for (let b = last - 1; b >= 0; b--) {
      const c = conds[b]!;
      if (c === false || same(values[b]!, acc)) continue;
      if (c === true) acc = values[b]!;
      else acc = this.ctx.If(c, this.lift(values[b]!, domain), this.lift(acc, domain)) as Term;
    }
    return acc;
  }

  name(x: Scalar, domain: number, label: string): Scalar {
    if (typeof x === 'number' || this.atoms.has(x.id())) return x;
    const term = this.lift(x, domain);
    let t = this.named.get(term.id());
    if (!t) {
      t = this.fresh(label, domain);
      this.named.set(term.id(), t);
      this.assert(this.ctx.Eq(t, term));
    }
    return t;
  }

  decode(model: Z3Model, v: IrVar): number {
    const t = this.param(v);
    if (typeof t === 'number') return t;
    return Number((model.eval(t, true) as unknown as { value(): bigint }).value());
  }
}

function same(a: Scalar, b: Scalar): boolean {
  if (typeof a === 'number' || typeof b === 'number') return a === b;
  return a.id() === b.id();
}
