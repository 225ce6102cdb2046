// Compile-time values that names can stand for while a program is lowered.
import type { Stmt, Expr } from '../syntax/ast.ts';
import type { Span } from '../util/diagnostics.ts';
import type { RealExpr } from './real.ts';

export interface RuntimeFunction {
  readonly name: string;
  readonly params: readonly string[];
  readonly argDomains: readonly number[];
  readonly outDomain: number;
  readonly body: readonly Stmt[];
  readonly span: Span;
  /** Module scope at definition time (constants and hypers the body may use). */
  readonly scope: Scope;
}

export interface InlineFunction {
  readonly name: string;
  readonly params: readonly string[];
  readonly body: readonly Stmt[];
  readonly span: Span;
  readonly scope: Scope;
}

export type Value =
  | { readonly kind: 'int'; readonly value: number }
  /** A whole declaration, or a prefix of it when partially indexed (`wires[g]` of a 2-D group). */
  | { readonly kind: 'group'; readonly group: number; readonly prefix: readonly number[] }
  /** One scalar variable. */
  | { readonly kind: 'var'; readonly id: number }
  | { readonly kind: 'runtime'; readonly fn: RuntimeFunction }
  | { readonly kind: 'inline'; readonly fn: InlineFunction }
  | { readonly kind: 'builtin'; readonly name: string }
  | { readonly kind: 'string'; readonly value: string }
  /** A real declaration (`W = Param(Real)[3, 2]`). */
  | { readonly kind: 'tensor'; readonly tensor: number }
  /** A name bound to a real expression or a float constant (`h = sigmoid(W @ x)`, `lr = 0.5`). */
  | { readonly kind: 'real'; readonly expr: RealExpr }
  /** A training setting such as `SquaredError(half=True)`, recorded where it was evaluated. */
  | { readonly kind: 'setting'; readonly name: string }
  /**
   * A compile-time list (`[None] * n`, `[Param(2), Var(3)]`, `[Param(i + 2) for i in range(n)]`) of
   * any values; `xs[i] = e` replaces an element in place, as in Python.
   */
  | { readonly kind: 'list'; readonly items: Value[] }
  | { readonly kind: 'none' }
  /** A name whose definition already failed; using it aborts quietly to avoid cascading errors. */
  | { readonly kind: 'poisoned' };

/** A chain of name bindings; function bodies get a child of the module scope. */
export class Scope {
  private readonly names = new Map<string, Value>();

  constructor(readonly parent: Scope | null) {}

  lookup(name: string): Value | undefined {
    return this.names.get(name) ?? this.parent?.lookup(name);
  }

  bind(name: string, value: Value): void {
    this.names.set(name, value);
  }
}

export function describe(v: Value): string {
  switch (v.kind) {
    case 'int': return `the constant ${v.value}`;
    case 'group': return 'an array of variables';
    case 'var': return 'a variable';
    case 'runtime': return `the @Runtime function ${v.fn.name}`;
    case 'inline': return `the @Inline function ${v.fn.name}`;
    case 'builtin': return `the built-in ${v.name}`;
    case 'string': return 'a string';
    case 'tensor': return 'a real-valued variable';
    case 'real': return 'a real-valued expression';
    case 'setting': return `the setting ${v.name}`;
    case 'list': return `a list of ${v.items.length} element(s)`;
    case 'none': return 'None';
    case 'poisoned': return 'an invalid definition';
    default: {
      const never: never = v;
      return String(never);
    }
  }
}

export type { Expr };
