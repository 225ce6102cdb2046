// Boolean terms with constant folding: JS booleans stay JS booleans, so constants never reach the
// solver. The terms themselves come from a backend: Z3's (z3.ts) or the CNF builder's (src/sat).
import type { Ast } from './z3.ts';

/** The Boolean constructors the encodings need, over a backend's term type `T`. */
export interface BoolTerms<T> {
  /** A new Boolean constant named `name`. */
  fresh(name: string): T;
  not(a: T): T;
  and(xs: T[]): T;
  or(xs: T[]): T;
  implies(a: T, b: T): T;
  eq(a: T, b: T): T;
  /** The value of `a` in the backend's current model. */
  evalBool(a: T): boolean;
}

/** A Boolean that is either known at encoding time or a backend term (a Z3 term by default). */
export type B<T = Ast> = boolean | T;

export class Logic<T = Ast> {
  constructor(readonly z: BoolTerms<T>) {}

  not(a: B<T>): B<T> {
    return typeof a === 'boolean' ? !a : this.z.not(a);
  }

  and(...xs: B<T>[]): B<T> {
    const terms: T[] = [];
    for (const x of xs) {
      if (x === false) return false;
      if (x !== true) terms.push(x);
    }
    if (terms.length === 0) return true;
    return terms.length === 1 ? terms[0]! : this.z.and(terms);
  }

  or(...xs: B<T>[]): B<T> {
    const terms: T[] = [];
    for (const x of xs) {
      if (x === true) return true;
      if (x !== false) terms.push(x);
    }
    if (terms.length === 0) return false;
    return terms.length === 1 ? terms[0]! : this.z.or(terms);
  }

  implies(a: B<T>, b: B<T>): B<T> {
    if (a === false || b === true) return true;
    if (a === true) return b;
    if (b === false) return this.z.not(a);
    return this.z.implies(a, b);
  }
}
