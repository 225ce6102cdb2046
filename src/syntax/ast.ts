// The surface AST: a Python-subset tree with a span on every node. No semantics here; see src/check and src/ir.
import type { Span } from '../util/diagnostics.ts';

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '//' | '%' | '**' | '@'
  | '==' | '!=' | '<' | '<=' | '>' | '>='
  | 'and' | 'or'
  /** Bitwise operators on small ints: TerpreT's own circuit model writes `def XOR(a, b): return int(a ^ b)`. */
  | '&' | '|' | '^';

export type UnaryOp = '-' | '+' | 'not';

/** An expression of the surface syntax, with its span. */
export type Expr =
  | { readonly kind: 'number'; readonly value: number; readonly isFloat: boolean; readonly span: Span }
  | { readonly kind: 'string'; readonly value: string; readonly span: Span }
  | { readonly kind: 'name'; readonly name: string; readonly span: Span }
  /** `target[i, j]`; `a[i][j]` nests. An index may be a slice. */
  | { readonly kind: 'index'; readonly target: Expr; readonly indices: readonly Expr[]; readonly span: Span }
  | { readonly kind: 'slice'; readonly lower: Expr | null; readonly upper: Expr | null; readonly span: Span }
  /** `target.name` (only ever the callee of a method call such as `x.set_to(e)`). */
  | { readonly kind: 'attribute'; readonly target: Expr; readonly name: string; readonly span: Span }
  | { readonly kind: 'call'; readonly callee: Expr; readonly args: readonly Expr[]; readonly keywords: readonly Keyword[]; readonly span: Span }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly span: Span }
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly operand: Expr; readonly span: Span }
  /** `then if test else orelse` */
  | { readonly kind: 'conditional'; readonly test: Expr; readonly then: Expr; readonly orelse: Expr; readonly span: Span }
  | { readonly kind: 'list'; readonly items: readonly Expr[]; readonly span: Span }
  /** `[element for v in iterable ...]`: the clauses nest left to right, the first outermost. */
  | { readonly kind: 'listcomp'; readonly element: Expr; readonly clauses: readonly CompFor[]; readonly span: Span };

export interface CompFor {
  readonly variable: string;
  readonly variableSpan: Span;
  readonly iterable: Expr;
  readonly span: Span;
}

export interface Keyword {
  readonly name: string;
  readonly value: Expr;
  readonly span: Span;
}

export interface IfBranch {
  readonly test: Expr;
  readonly body: readonly Stmt[];
  readonly span: Span;
}

/** A statement of the surface syntax, with its span. */
export type Stmt =
  /** `from dummy import ...` or `import x`: accepted and ignored. */
  | { readonly kind: 'import'; readonly span: Span }
  /** `name = value`. */
  | { readonly kind: 'assign'; readonly target: string; readonly targetSpan: Span; readonly value: Expr; readonly span: Span }
  /** `list[index] = value`: fills an element of a compile-time list (`target` is the list, e.g. `xs` or `xs[i]`). */
  | { readonly kind: 'setitem'; readonly target: Expr; readonly index: Expr; readonly value: Expr; readonly span: Span }
  /** An expression used as a statement, e.g. `x.set_to(e)`. */
  | { readonly kind: 'expr'; readonly expr: Expr; readonly span: Span }
  /** `if a: ... elif b: ... else: ...`; `branches` holds the `if` and every `elif`. */
  | { readonly kind: 'if'; readonly branches: readonly IfBranch[]; readonly orelse: readonly Stmt[] | null; readonly span: Span }
  | { readonly kind: 'for'; readonly variable: string; readonly variableSpan: Span; readonly iterable: Expr; readonly body: readonly Stmt[]; readonly span: Span }
  | { readonly kind: 'with'; readonly subject: Expr; readonly variable: string; readonly variableSpan: Span; readonly body: readonly Stmt[]; readonly span: Span }
  | {
      readonly kind: 'def';
      readonly name: string;
      readonly nameSpan: Span;
      readonly params: readonly { readonly name: string; readonly span: Span }[];
      /** Decorator expressions without the `@`: a name (`Inline`) or a call (`Runtime([2, 2], 2)`). */
      readonly decorators: readonly Expr[];
      readonly body: readonly Stmt[];
      readonly span: Span;
    }
  | { readonly kind: 'return'; readonly value: Expr | null; readonly span: Span }
  | { readonly kind: 'pass'; readonly span: Span };

/** A parsed `.tpt` file: its statements with spans, before names are checked or hypers bound. */
export interface Module {
  readonly file: string;
  readonly source: string;
  readonly body: readonly Stmt[];
}
