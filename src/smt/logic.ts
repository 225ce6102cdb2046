// Boolean terms with constant folding: JS booleans stay JS booleans, so constants never reach Z3.
import type { Ast, Z3Session } from './z3.ts';

/** A Boolean that is either known at encoding time or a Z3 term. */
export type B = boolean | Ast;

export class Logic {
  constructor(readonly z: Z3Session) {}

  not(a: B): B {
    return typeof a === 'boolean' ? !a : this.z.not(a);
  }

  and(...xs: B[]): B {
    const terms: Ast[] = [];
    for (const x of xs) {
      if (x === false) return false;
      if (x !== true) terms.push(x);
    }
    if (terms.length === 0) return true;
    return terms.length === 1 ? terms[0]! : this.z.and(terms);
  }

  or(...xs: B[]): B {
    const terms: Ast[] = [];
    for (const x of xs) {
      if (x === true) return true;
      if (x !== false) terms.push(x);
    }
    if (terms.length === 0) return false;
    return terms.length === 1 ? terms[0]! : this.z.or(terms);
  }

  implies(a: B, b: B): B {
    if (a === false || b === true) return true;
    if (a === true) return b;
    if (b === false) return this.z.not(a);
    return this.z.implies(a, b);
  }
}
