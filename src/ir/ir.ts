// The lowered program: hypers bound, loops unrolled, macros expanded, @Runtime functions tabulated,
// arrays flattened into scalar variables. Straight-line code with case nodes; the input of every backend.
import type { Span } from '../util/diagnostics.ts';
import type { RealProgram } from './real.ts';

/** What a declaration is: `Param(D)`, `Var(D)`, `Input(D)` or `Output(D)`. */
export type VarRole = 'param' | 'var' | 'input' | 'output';

/** One declaration (`x = Var(4)[3, 2]`): a row-major array of scalar variables sharing a domain. */
export interface VarGroup {
  readonly name: string;
  readonly role: VarRole;
  readonly domain: number;
  /** [] for a scalar declaration. */
  readonly dims: readonly number[];
  /** Flat variable ids in row-major order; `vars.length` is the product of `dims`. */
  readonly vars: readonly number[];
  readonly span: Span;
  /**
   * For an element of a compile-time list of declarations (`xs[2] = Param(4)`, `xs = [Var(2) for ...]`):
   * the list's name and the element's position. Data and params files give such an element inside the
   * list's entry (`"xs": [.., .., value]`); `name` is then `xs[2]`.
   */
  readonly list?: { readonly name: string; readonly index: readonly number[] };
}

/** One scalar discrete variable with values in 0..domain-1. */
export interface IrVar {
  readonly id: number;
  /** Printable name such as `wires[1, 2]`. */
  readonly name: string;
  readonly group: number;
  /** Row-major position within its group. */
  readonly index: readonly number[];
  readonly domain: number;
  readonly role: VarRole;
}

/**
 * A tabulated @Runtime function (already specialised for constant arguments).
 * `values` is row-major over `argDomains` with the first argument most significant:
 * result of f(a0, a1, a2) is values[(a0 * D1 + a1) * D2 + a2].
 */
export interface Table {
  readonly id: number;
  readonly name: string;
  readonly argDomains: readonly number[];
  readonly outDomain: number;
  readonly values: Int32Array;
}

/** The right-hand side of an assignment: a constant, a copy of a variable, or a table applied to variables. */
export type Source =
  | { readonly kind: 'const'; readonly value: number }
  | { readonly kind: 'copy'; readonly from: number }
  | { readonly kind: 'apply'; readonly table: number; readonly args: readonly number[] };

/** One branch of a case node. */
export interface CaseBranch {
  /** The subject values that select this branch (sorted, disjoint across branches). */
  readonly values: readonly number[];
  readonly body: readonly Stmt[];
}

/** A statement of the lowered program. */
export type Stmt =
  | { readonly kind: 'assign'; readonly target: number; readonly source: Source; readonly span: Span }
  /**
   * Case split on a discrete variable. The branches partition 0..domain(subject)-1 exactly: lowering
   * adds an empty branch for values no `if`/`elif`/`else` covers.
   */
  | { readonly kind: 'case'; readonly subject: number; readonly branches: readonly CaseBranch[]; readonly span: Span };

/** `x.observe_value(k)` written in the program: an observation shared by every example. */
export interface Observation {
  readonly variable: number;
  readonly value: number;
  readonly span: Span;
}

/**
 * A Param the program fixes (`p.set_to_constant(k)` / `p.observe_value(k)`). Lowering turns its
 * variable into an ordinary one assigned `value` at the start of `body`; its group keeps role 'param'.
 */
export interface FixedParam {
  readonly variable: number;
  readonly value: number;
  readonly span: Span;
}

/** A lowered program: scalar variables, tabulated functions and straight-line code with case nodes (`tpt ir` prints it). */
export interface Program {
  readonly file: string;
  readonly hypers: Readonly<Record<string, number>>;
  readonly vars: readonly IrVar[];
  readonly groups: readonly VarGroup[];
  readonly tables: readonly Table[];
  readonly body: readonly Stmt[];
  readonly observations: readonly Observation[];
  /** Params fixed by the program, by variable id (absent or empty when none are). */
  readonly fixed?: readonly FixedParam[];
  /**
   * Real-valued tensors, statements, bridges and settings (see real.ts); absent for a purely discrete
   * program. Its statements run after `body`, and its bridges feed only observations.
   */
  readonly real?: RealProgram;
}
