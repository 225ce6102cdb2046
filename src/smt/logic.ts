// Boolean terms with constant folding: JS booleans stay JS booleans, so constants never reach Z3.
import type { Z3Bool, Z3Context } from './z3.ts';

/** A Boolean that is either known at encoding time or a Z3 term. */
export type B = boolean | Z3Bool;

export class Logic {
  constructor(readonly ctx: Z3Context) {}

  not(a: B): B {
    return typeof a === 'boolean' ? !a : this.ctx.Not(a);
  }

  and(...xs: B[]): B {
    const terms: Z3Bool[] = [];
    for (const x of xs) {
      if (x === false) return false;
      if (x !== true) terms.push(x);
    }
    if (terms.length === 0) return true;
    return terms.length === 1 ? terms[0]! : this.ctx.And(...terms);
  }

  or(...xs: B[]): B {
    const terms: Z3Bool[] = [];
    for (const x of xs) {
      if (x === true) return true;
      if (x !== false) terms.push(x);
    }
    if (terms.length === 0) return false;
    return terms.length === 1 ? terms[0]! : this.ctx.Or(...terms);
  }

  implies(a: B, b: B): B {
    if (a === false || b === true) return true;
    if (a === true) return b;
    if (b === false) return this.ctx.Not(a);
    return this.ctx.Implies(a, b);
  }

  iff(a: B, b: B): B {
    if (typeof a === 'boolean') return a ? b : this.not(b);
    if (typeof b === 'boolean') return b ? a : this.ctx.Not(a);
    return this.ctx.Eq(a, b);
  }

  ite(c: B, a: B, b: B): B {
    if (c === true) return a;
    if (c === false) return b;
    if (a === b) return a;
    if (a === true && b === false) return c;
    if (a === false && b === true) return this.ctx.Not(c);
    if (typeof a === 'boolean' || typeof b === 'boolean') return this.or(this.and(c, a), this.and(this.ctx.Not(c), b));
    return this.ctx.If(c, a, b) as Z3Bool;
  }
}
