// Compile-time evaluation of expressions: integer folding with Python semantics and variable references.
import type { Expr } from '../syntax/ast.ts';
import type { LowerContext } from './context.ts';
import { describe, type Scope, type Value } from './values.ts';
import { DiagnosticError } from '../util/diagnostics.ts';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Evaluates `expr` to a compile-time value (a folded integer, a variable reference, a function...). */
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
      }
      return v;
    }
    case 'index':
      return evaluateIndex(ctx, expr, scope);
    case 'binary':
      return { kind: 'int', value: evaluateBinary(ctx, expr, scope) };
    case 'unary': {
      const x = evaluateInt(ctx, expr.operand, scope);
      return { kind: 'int', value: expr.op === '-' ? -x : expr.op === '+' ? x : x ? 0 : 1 };
    }
    case 'conditional':
      return evaluateInt(ctx, expr.test, scope) ? evaluate(ctx, expr.then, scope) : evaluate(ctx, expr.orelse, scope);
    case 'call':
      return { kind: 'int', value: evaluateBuiltinCall(ctx, expr, scope) };
    case 'list':
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
  const v = evaluate(ctx, expr, scope);
  if (v.kind !== 'int') {
    ctx.fail('not-constant', `${what} must be a compile-time integer, but it is ${describe(v)}`, expr.span);
  }
  return v.value;
}

/** Evaluates an expression that must name one scalar variable; records the read when `read` is set. */
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

function evaluateIndex(ctx: LowerContext, expr: Expr & { kind: 'index' }, scope: Scope): Value {
  const target = evaluate(ctx, expr.target, scope);
  if (target.kind !== 'group') {
    return ctx.fail('type-error', `only declared arrays can be indexed, not ${describe(target)}`, expr.target.span);
  }
  const group = ctx.groups[target.group]!;
  const prefix = [...target.prefix];
  for (const indexExpr of expr.indices) {
    if (indexExpr.kind === 'slice') ctx.fail('unsupported', 'slices of discrete arrays are not supported', indexExpr.span);
    const dim = prefix.length;
    if (dim >= group.dims.length) {
      ctx.fail('arity', `too many indices: ${group.name} has ${group.dims.length} dimension(s)`, indexExpr.span);
    }
    const i = evaluateInt(ctx, indexExpr, scope, 'an index');
    const size = group.dims[dim]!;
    if (i < 0 || i >= size) {
      ctx.fail('index-out-of-range', `index ${i} is out of range for dimension ${dim + 1} of ${group.name} (size ${size})`, indexExpr.span);
    }
    prefix.push(i);
  }
  if (prefix.length < group.dims.length) return { kind: 'group', group: target.group, prefix };
  let flat = 0;
  for (let d = 0; d < prefix.length; d++) flat = flat * group.dims[d]! + prefix[d]!;
  return { kind: 'var', id: group.vars[flat]! };
}

function evaluateBinary(ctx: LowerContext, expr: Expr & { kind: 'binary' }, scope: Scope): number {
  const a = evaluateInt(ctx, expr.left, scope);
  // `and` / `or` short-circuit and return an operand, as in Python.
  if (expr.op === 'and') return a ? evaluateInt(ctx, expr.right, scope) : a;
  if (expr.op === 'or') return a ? a : evaluateInt(ctx, expr.right, scope);
  const b = evaluateInt(ctx, expr.right, scope);
  let r: number;
  switch (expr.op) {
    case '+': r = a + b; break;
    case '-': r = a - b; break;
    case '*': r = a * b; break;
    case '//':
    case '%':
      if (b === 0) ctx.fail('division-by-zero', `${expr.op === '%' ? 'modulo' : 'division'} by zero`, expr.span);
      r = expr.op === '//' ? Math.floor(a / b) : a - b * Math.floor(a / b);
      break;
    case '**':
      if (b < 0) ctx.fail('unsupported', 'negative exponents give fractions; only integer arithmetic is supported', expr.span);
      r = a ** b;
      break;
    case '&': r = Number(BigInt(a) & BigInt(b)); break;
    case '|': r = Number(BigInt(a) | BigInt(b)); break;
    case '^': r = Number(BigInt(a) ^ BigInt(b)); break;
    case '==': r = a === b ? 1 : 0; break;
    case '!=': r = a !== b ? 1 : 0; break;
    case '<': r = a < b ? 1 : 0; break;
    case '<=': r = a <= b ? 1 : 0; break;
    case '>': r = a > b ? 1 : 0; break;
    case '>=': r = a >= b ? 1 : 0; break;
    case '/':
    case '@':
      return ctx.fail('unsupported', `'${expr.op}' is for real-valued expressions; use '//' for integer division`, expr.span);
    default: {
      const never: never = expr.op;
      throw new Error(`unknown operator ${String(never)}`);
    }
  }
  if (!Number.isSafeInteger(r) || Math.abs(r) > MAX_SAFE) {
    ctx.fail('overflow', 'this constant expression overflows the safe integer range', expr.span);
  }
  return r;
}

function evaluateBuiltinCall(ctx: LowerContext, expr: Expr & { kind: 'call' }, scope: Scope): number {
  const callee = evaluate(ctx, expr.callee, scope);
  if (callee.kind !== 'builtin' || !['int', 'min', 'max', 'abs'].includes(callee.name)) {
    return ctx.fail('unsupported', `a call of ${describe(callee)} cannot be used inside an expression here`, expr.span);
  }
  if (expr.keywords.length > 0) ctx.fail('unsupported', `${callee.name}() takes no keyword arguments`, expr.keywords[0]!.span);
  const args = expr.args.map((a) => evaluateInt(ctx, a, scope));
  const name = callee.name;
  if ((name === 'int' || name === 'abs') && args.length !== 1) {
    ctx.fail('arity', `${name}() takes exactly one argument (${args.length} given)`, expr.span);
  }
  if ((name === 'min' || name === 'max') && args.length < 1) ctx.fail('arity', `${name}() needs at least one argument`, expr.span);
  if (name === 'int') return args[0]!;
  if (name === 'abs') return Math.abs(args[0]!);
  return name === 'min' ? Math.min(...args) : Math.max(...args);
}
