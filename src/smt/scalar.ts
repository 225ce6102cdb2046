// Scalar encodings: a value is one Z3 Int (with range constraints on Params) or one BitVec of the
// minimal width for its domain. Tables become if-then-else chains over their symbolic arguments.
import type { IrVar, Table } from '../ir/ir.ts';
import { tableRange, type Assert, type Encoding } from './encoding.ts';
import type { B, Logic } from './logic.ts';
import type { Ast, Z3Session } from './z3.ts';

/** A Z3 term with its BitVec width (0 for Int). */
export interface Term {
  readonly ast: Ast;
  readonly width: number;
}
/** A known value (JS number) or a term. */
export type Scalar = number | Term;

/** Bits of a BitVec holding 0..domain-1. */
export function widthOf(domain: number): number {
  return Math.max(1, Math.ceil(Math.log2(domain)));
}

export class ScalarEncoding implements Encoding<Scalar> {
  private readonly params = new Map<number, Term>();
  private readonly atoms = new Set<Ast>();
  private readonly named = new Map<Ast, Term>();
  constructor(
    readonly logic: Logic,
    private readonly z: Z3Session,
    private readonly assert: Assert,
    private readonly sort: 'int' | 'bv',
  ) {}

  constant(value: number): Scalar {
    return value;
  }

  known(x: Scalar): number | null {
    return typeof x === 'number' ? x : null;
  }

  private widthFor(domain: number): number {
    return this.sort === 'int' ? 0 : widthOf(domain);
  }

  private fresh(name: string, domain: number): Term {
    const width = this.widthFor(domain);
    const t = { ast: this.z.constant(name, width), width };
    this.atoms.add(t.ast);
    return t;
  }

  /** `x` as a term of the sort used for `domain` (BitVec width adjusted). */
  private lift(x: Scalar, domain: number): Term {
    const width = this.widthFor(domain);
    if (typeof x === 'number') return { ast: this.z.numeral(x, width), width };
    if (x.width === width) return x;
    const ast = x.width < width ? this.z.zeroExt(width - x.width, x.ast) : this.z.extract(width - 1, 0, x.ast);
    return { ast, width };
  }

  private eq(x: Term, k: number): B {
    if (x.width > 0 && k >= 2 ** x.width) return false;
    return this.z.eq(x.ast, this.z.numeral(k, x.width));
  }

  private less(x: Term, k: number): B {
    if (x.width > 0 && k >= 2 ** x.width) return true;
    return this.z.less(x.ast, this.z.numeral(k, x.width), x.width);
  }

  param(v: IrVar): Scalar {
    if (v.domain === 1) return 0;
    let t = this.params.get(v.id);
    if (!t) {
      t = this.fresh(v.name, v.domain);
      if (this.sort === 'int') this.assert(this.logic.not(this.less(t, 0)));
      this.assert(this.less(t, v.domain));
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
      for (let g = groups.length - 2; g >= 0; g--) acc = this.choose(this.member(a, groups[g]!.js, d), this.lift(groups[g]!.value, range), acc);
      return acc;
    };
    return rec(0, 0);
  }

  private choose(c: B, a: Term, b: Term): Term {
    if (c === true) return a;
    if (c === false) return b;
    return { ast: this.z.ite(c, a.ast, b.ast), width: a.width };
  }

  fit(x: Scalar, from: number, to: number): Scalar {
    return typeof x === 'number' || this.sort === 'int' ? x : this.lift(x, to);
  }

  merge(conds: readonly B[], values: readonly Scalar[], domain: number): Scalar {
    const last = values.length - 1;
    let acc: Scalar = values[last]!;
    for (let b = last - 1; b >= 0; b--) {
      if (same(values[b]!, acc)) continue;
      acc = this.choose(conds[b]!, this.lift(values[b]!, domain), this.lift(acc, domain));
    }
    return acc;
  }

  name(x: Scalar, domain: number, label: string): Scalar {
    if (typeof x === 'number' || this.atoms.has(x.ast)) return x;
    const term = this.lift(x, domain);
    let t = this.named.get(term.ast);
    if (!t) {
      t = this.fresh(label, domain);
      this.named.set(term.ast, t);
      this.assert(this.z.eq(t.ast, term.ast));
    }
    return t;
  }

  decode(v: IrVar): number {
    const t = this.param(v);
    return typeof t === 'number' ? t : this.z.evalNumber(t.ast);
  }
}

function same(a: Scalar, b: Scalar): boolean {
  if (typeof a === 'number' || typeof b === 'number') return a === b;
  return a.ast === b.ast;
}
