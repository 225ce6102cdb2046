// Compile-time evaluation of expressions: integer folding with Python semantics, variable references
// and compile-time lists (literals, comprehensions, `+`, `*`, indexing, `len`).
import type { CompFor, Expr } from '../syntax/ast.ts';
import type { LowerContext } from './context.ts';
import { integerBinary } from './arithmetic.ts';
import { describe, Scope, type Value } from './values.ts';
import { DiagnosticError } from '../util/diagnostics.ts';

/** Evaluates `expr` to a compile-time value (a folded integer, a variable reference, a list, a function...). */
export function evaluate(ctx: LowerContext, expr: Expr, scope: Scope): Value {
  switch (expr.kind) {
    case 'number':
      if (expr.isFloat) ctx.fail('unsupported', 'only integer constants are supported here', expr.span);
      return { kind: 'int', value: expr.value };
    case 'string':
      return { kind: 'string', value: expr.value };
    case 'name': {
      const v = scope.lookup(expr.name);
      if (v === undefined) ctx.fail('unknown-name', `unknown name '${expr.name}'`, expr.span);
      if (v.kind === 'poisoned') throw new DiagnosticError(null);
      if (v.kind === 'builtin') {
        if (expr.name === 'True') return { kind: 'int', value: 1 };
        if (expr.name === 'False') return { kind: 'int', value: 0 };
        if (expr.name === 'None') return { kind: 'none' };
      }
      return v;
    }
    case 'index':
      return evaluateIndex(ctx, expr, scope);
    case 'binary':
      return evaluateBinary(ctx, expr, scope);
    case 'unary': {
      const x = evaluateInt(ctx, expr.operand, scope);
      return { kind: 'int', value: expr.op === '-' ? -x : expr.op === '+' ? x : x ? 0 : 1 };
    }
    case 'conditional':
      return evaluateInt(ctx, expr.test, scope) ? evaluate(ctx, expr.then, scope) : evaluate(ctx, expr.orelse, scope);
    case 'call':
      return { kind: 'int', value: evaluateBuiltinCall(ctx, expr, scope) };
    case 'list':
    case 'listcomp':
      return evaluateList(ctx, expr, scope, (e, s) => evaluate(ctx, e, s));
    case 'slice':
    case 'attribute':
      return ctx.fail('unsupported', `this ${expr.kind} expression is not supported here`, expr.span);
    default: {
      const never: never = expr;
      throw new Error(`unknown expression ${(never as Expr).kind}`);
    }
  }
}

/** Evaluates an expression that must fold to an integer. */
export function evaluateInt(ctx: LowerContext, expr: Expr, scope: Scope, what = 'this expression'): number {
  return intOf(ctx, evaluate(ctx, expr, scope), expr, what);
}

function intOf(ctx: LowerContext, v: Value, expr: Expr, what = 'this expression'): number {
  if (v.kind !== 'int') {
    ctx.fail('not-constant', `${what} must be a compile-time integer, but it is ${describe(v)}`, expr.span);
  }
  return v.value;
}

/** Evaluates an expression that must name one scalar variable. */
export function evaluateVar(ctx: LowerContext, expr: Expr, scope: Scope): number {
  const v = evaluate(ctx, expr, scope);
  if (v.kind === 'var') return v.id;
  if (v.kind === 'group') {
    const g = ctx.groups[v.group]!;
    const missing = g.dims.length - v.prefix.length;
    ctx.fail('arity', `${g.name} has ${g.dims.length} dimension(s): give ${missing} more index(es) to name one variable`, expr.span);
  }
  return ctx.fail('type-error', `expected a variable, but this is ${describe(v)}`, expr.span);
}

/** How a list's items are evaluated: as plain values, or (in a definition) as declarations named by their position. */
export type ItemEvaluator = (expr: Expr, scope: Scope, path: readonly number[]) => Value;

/** A list literal, a comprehension, or `+` / `*` with such an operand (what `evaluateList` builds). */
export function isListSyntax(e: Expr): boolean {
  return e.kind === 'list' || e.kind === 'listcomp' || (e.kind === 'binary' && (e.op === '+' || e.op === '*') && (isListSyntax(e.left) || isListSyntax(e.right)));
}

/**
 * Builds the list `expr` denotes (see `isListSyntax`); item k of the result is evaluated with path
 * `[...path, start + k]`, so a declaration inside knows where in the list it sits.
 */
export function evaluateList(ctx: LowerContext, expr: Expr, scope: Scope, item: ItemEvaluator, path: readonly number[] = [], start = 0): Value {
  const operand = (e: Expr, at: number): Value => (isListSyntax(e) ? evaluateList(ctx, e, scope, item, path, at) : item(e, scope, path));
  if (expr.kind === 'list') return { kind: 'list', items: expr.items.map((e, i) => item(e, scope, [...path, start + i])) };
  if (expr.kind === 'listcomp') {
    const items: Value[] = [];
    comprehend(ctx, expr.clauses, 0, new Scope(scope), (inner) => void items.push(item(expr.element, inner, [...path, start + items.length])));
    return { kind: 'list', items };
  }
  if (expr.kind === 'binary') {
    const left = operand(expr.left, start);
    const right = operand(expr.right, start + (left.kind === 'list' ? left.items.length : 0));
    return listOperation(ctx, expr, left, right);
  }
  return item(expr, scope, path);
}

function comprehend(ctx: LowerContext, clauses: readonly CompFor[], at: number, scope: Scope, emit: (scope: Scope) => void): void {
  if (at === clauses.length) return emit(scope);
  const clause = clauses[at]!;
  for (const v of loopValues(ctx, clause.iterable, scope)) {
    ctx.spend(1, clause.span);
    scope.bind(clause.variable, v);
    comprehend(ctx, clauses, at + 1, scope, emit);
  }
}

/** `xs + ys` (concatenation) and `xs * n` / `n * xs` (repetition: the same elements n times, as in Python). */
function listOperation(ctx: LowerContext, expr: Expr & { kind: 'binary' }, left: Value, right: Value): Value {
  if (left.kind !== 'list' && right.kind !== 'list') return { kind: 'int', value: integerBinary(ctx, expr.op, intOf(ctx, left, expr.left), intOf(ctx, right, expr.right), expr.span) };
  if (expr.op === '+') {
    if (left.kind !== 'list' || right.kind !== 'list') ctx.fail('type-error', `'+' joins two lists; this joins ${describe(left)} and ${describe(right)}`, expr.span);
    return { kind: 'list', items: [...left.items, ...right.items] };
  }
  if (expr.op !== '*') return ctx.fail('type-error', `'${expr.op}' does not apply to a list`, expr.span);
  const [list, count, countExpr] = left.kind === 'list' ? [left, right, expr.right] : [right as Value & { kind: 'list' }, left, expr.left];
  const n = Math.max(0, intOf(ctx, count, countExpr, 'a list repetition count'));
  // Every element costs a lowering step, so the statements limit bounds a list before it is built.
  ctx.spend(n * list.items.length, expr.span);
  const items: Value[] = [];
  for (let k = 0; k < n; k++) items.push(...list.items);
  return { kind: 'list', items };
}

/**
 * The values a `for` loop or a comprehension clause iterates over: `range(...)` (yielded lazily) or
 * the elements of a compile-time list.
 */
export function* loopValues(ctx: LowerContext, iterable: Expr, scope: Scope): Generator<Value> {
  const isRange = iterable.kind === 'call' && iterable.callee.kind === 'name' && iterable.callee.name === 'range' && scope.lookup('range')?.kind === 'builtin';
  if (!isRange || iterable.kind !== 'call') {
    const value = evaluate(ctx, iterable, scope);
    if (value.kind !== 'list') ctx.fail('unsupported', `a for loop iterates over range(...) or a list, not ${describe(value)}`, iterable.span);
    yield* [...value.items];
    return;
  }
  if (iterable.args.length < 1 || iterable.args.length > 3) ctx.fail('arity', 'range takes 1 to 3 arguments', iterable.span);
  const n = iterable.args.map((a) => evaluateInt(ctx, a, scope, 'a range bound'));
  const [start, stop, step] = n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? 1];
  if (step === 0) ctx.fail('range-step', 'range step must not be zero', iterable.args[2]!.span);
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) yield { kind: 'int', value: i };
}

function evaluateIndex(ctx: LowerContext, expr: Expr & { kind: 'index' }, scope: Scope): Value {
  let value = evaluate(ctx, expr.target, scope);
  for (const indexExpr of expr.indices) {
    if (indexExpr.kind === 'slice') ctx.fail('unsupported', 'slices are not supported', indexExpr.span);
    if (value.kind === 'list') value = listElement(ctx, value, evaluateInt(ctx, indexExpr, scope, 'an index'), indexExpr);
    else if (value.kind === 'group') value = groupElement(ctx, value, evaluateInt(ctx, indexExpr, scope, 'an index'), indexExpr);
    else return ctx.fail('type-error', `only declared arrays and lists can be indexed, not ${describe(value)}`, expr.target.span);
  }
  return value;
}

/** The position `i` (negative counts from the end, as in Python) designates in a list of `length`. */
export function listPosition(ctx: LowerContext, length: number, i: number, indexExpr: Expr): number {
  const at = i < 0 ? i + length : i;
  if (at < 0 || at >= length) ctx.fail('index-out-of-range', `index ${i} is out of range for a list of ${length} element(s)`, indexExpr.span);
  return at;
}

function listElement(ctx: LowerContext, list: Value & { kind: 'list' }, i: number, indexExpr: Expr): Value {
  const v = list.items[listPosition(ctx, list.items.length, i, indexExpr)]!;
  if (v.kind === 'poisoned') throw new DiagnosticError(null);
  return v;
}

function groupElement(ctx: LowerContext, target: Value & { kind: 'group' }, i: number, indexExpr: Expr): Value {
  const group = ctx.groups[target.group]!;
  const dim = target.prefix.length;
  if (dim >= group.dims.length) ctx.fail('arity', `too many indices: ${group.name} has ${group.dims.length} dimension(s)`, indexExpr.span);
  const size = group.dims[dim]!;
  if (i < 0 || i >= size) {
    ctx.fail('index-out-of-range', `index ${i} is out of range for dimension ${dim + 1} of ${group.name} (size ${size})`, indexExpr.span);
  }
  const prefix = [...target.prefix, i];
  if (prefix.length < group.dims.length) return { kind: 'group', group: target.group, prefix };
  let flat = 0;
  for (let d = 0; d < prefix.length; d++) flat = flat * group.dims[d]! + prefix[d]!;
  return { kind: 'var', id: group.vars[flat]! };
}

function evaluateBinary(ctx: LowerContext, expr: Expr & { kind: 'binary' }, scope: Scope): Value {
  const a = evaluate(ctx, expr.left, scope);
  // `and` / `or` short-circuit and return an operand, as in Python.
  if (expr.op === 'and' || expr.op === 'or') {
    const x = intOf(ctx, a, expr.left);
    if (expr.op === 'and' ? !x : x) return { kind: 'int', value: x };
    return { kind: 'int', value: evaluateInt(ctx, expr.right, scope) };
  }
  return listOperation(ctx, expr, a, evaluate(ctx, expr.right, scope));
}

function evaluateBuiltinCall(ctx: LowerContext, expr: Expr & { kind: 'call' }, scope: Scope): number {
  const callee = evaluate(ctx, expr.callee, scope);
  if (callee.kind !== 'builtin' || !['int', 'min', 'max', 'abs', 'len'].includes(callee.name)) {
    return ctx.fail('unsupported', `a call of ${describe(callee)} cannot be used inside an expression here`, expr.span);
  }
  if (expr.keywords.length > 0) ctx.fail('unsupported', `${callee.name}() takes no keyword arguments`, expr.keywords[0]!.span);
  const name = callee.name;
  if ((name === 'int' || name === 'abs' || name === 'len') && expr.args.length !== 1) {
    ctx.fail('arity', `${name}() takes exactly one argument (${expr.args.length} given)`, expr.span);
  }
  if (name === 'len') return lengthOf(ctx, evaluate(ctx, expr.args[0]!, scope), expr.args[0]!);
  const args = expr.args.map((a) => evaluateInt(ctx, a, scope));
  if ((name === 'min' || name === 'max') && args.length < 1) ctx.fail('arity', `${name}() needs at least one argument`, expr.span);
  if (name === 'int') return args[0]!;
  if (name === 'abs') return Math.abs(args[0]!);
  return name === 'min' ? Math.min(...args) : Math.max(...args);
}

/** `len(x)`: a list's elements, or the size of an array's next dimension. */
function lengthOf(ctx: LowerContext, v: Value, arg: Expr): number {
  if (v.kind === 'list') return v.items.length;
  if (v.kind === 'group') {
    const g = ctx.groups[v.group]!;
    if (v.prefix.length < g.dims.length) return g.dims[v.prefix.length]!;
  }
  return ctx.fail('type-error', `len() takes a list or an array, not ${describe(v)}`, arg.span);
}
