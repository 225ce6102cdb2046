// Lowers real-valued AST expressions (`sigmoid(W @ x + b)`, `x[0:2]`, `sum(h, axis=0)`) into typed
// RealExpr trees, checking shapes; folds constants; recognises which expressions are real-valued.
import type { Expr } from '../syntax/ast.ts';
import type { LowerContext } from './context.ts';
import { activation, callableActivation } from './activations.ts';
import { evaluate, evaluateInt } from './evaluate.ts';
import { sizeOf, showShape, type RealBinaryOp, type RealExpr } from './real.ts';
import { broadcastIndex, broadcastShape, matmulDims, reduceMap, subscriptMap, transposeMap, type Subscript } from './real-shapes.ts';
import { describe, type Scope } from './values.ts';
import { DiagnosticError } from '../util/diagnostics.ts';

/** Built-in functions that take and return real tensors (besides the elementwise activations). */
export const REAL_BUILTINS = ['softmax', 'sum', 'mean', 'matmul', 'transpose'] as const;

const ARITH: readonly string[] = ['+', '-', '*', '/'];

function isRealBuiltin(name: string, scope: Scope): boolean {
  if (scope.lookup(name)?.kind !== 'builtin') return false;
  return (REAL_BUILTINS as readonly string[]).includes(name) || callableActivation(name) !== undefined;
}

/** True when `expr` denotes a real value: it mentions a real tensor or expression, a float, or a real function. */
export function isRealExpr(expr: Expr, scope: Scope): boolean {
  switch (expr.kind) {
    case 'number':
      return expr.isFloat;
    case 'name': {
      const v = scope.lookup(expr.name);
      return v?.kind === 'tensor' || v?.kind === 'real';
    }
    case 'index':
    case 'attribute':
      return isRealExpr(expr.target, scope);
    case 'call':
      return expr.callee.kind === 'name' && isRealBuiltin(expr.callee.name, scope);
    case 'binary':
      return expr.op === '/' || expr.op === '@' || isRealExpr(expr.left, scope) || isRealExpr(expr.right, scope);
    case 'unary':
      return isRealExpr(expr.operand, scope);
    case 'conditional':
      return isRealExpr(expr.then, scope) || isRealExpr(expr.orelse, scope);
    case 'list':
      return expr.items.some((i) => isRealExpr(i, scope));
    default:
      return false;
  }
}

const scalar = (value: number): RealExpr => ({ kind: 'const', shape: [], values: Float64Array.of(value) });

/** Lowers a real expression; reads of tensors are checked (set on every path) at this point. */
export function lowerReal(ctx: LowerContext, expr: Expr, scope: Scope): RealExpr {
  switch (expr.kind) {
    case 'number':
      return scalar(expr.value);
    case 'name': {
      const v = scope.lookup(expr.name);
      if (v?.kind === 'tensor') {
        const t = ctx.real.tensors[v.tensor]!;
        ctx.real.noteRead(t.id, expr.span, ctx.diagnostics);
        return { kind: 'read', shape: t.shape, tensor: t.id };
      }
      if (v?.kind === 'real') return v.expr;
      return fromValue(ctx, expr, scope);
    }
    case 'index':
      return lowerIndex(ctx, expr, scope);
    case 'attribute': {
      if (expr.name !== 'T') return ctx.fail('unsupported', `real values have no attribute '${expr.name}' (only .T)`, expr.span);
      return transposed(lowerReal(ctx, expr.target, scope));
    }
    case 'call':
      return lowerCall(ctx, expr, scope);
    case 'binary':
      return lowerBinary(ctx, expr, scope);
    case 'unary': {
      if (expr.op === 'not') return ctx.fail('type-error', "'not' is not defined on real values", expr.span);
      const operand = lowerReal(ctx, expr.operand, scope);
      return expr.op === '-' ? unary('neg', 0, operand) : operand;
    }
    case 'conditional':
      return evaluateInt(ctx, expr.test, scope, 'a condition') ? lowerReal(ctx, expr.then, scope) : lowerReal(ctx, expr.orelse, scope);
    case 'list': {
      if (expr.items.length === 0) return ctx.fail('unsupported', 'an empty list is not a real value', expr.span);
      const items = expr.items.map((i) => lowerReal(ctx, i, scope));
      const shape = items[0]!.shape;
      const bad = items.findIndex((i) => showShape(i.shape) !== showShape(shape));
      if (bad >= 0) ctx.fail('shape-mismatch', `list items have shapes ${showShape(shape)} and ${showShape(items[bad]!.shape)}`, expr.items[bad]!.span);
      if (items.every((i) => i.kind === 'const')) {
        const values = new Float64Array(items.length * sizeOf(shape));
        items.forEach((i, n) => values.set((i as { values: Float64Array }).values, n * sizeOf(shape)));
        return { kind: 'const', shape: [items.length, ...shape], values };
      }
      return { kind: 'stack', shape: [items.length, ...shape], items };
    }
    default:
      return ctx.fail('type-error', `this ${expr.kind} is not a real value`, expr.span);
  }
}

/** An integer constant (hyper, loop index, True) as a real scalar; anything else is a type error here. */
function fromValue(ctx: LowerContext, expr: Expr, scope: Scope): RealExpr {
  const v = evaluate(ctx, expr, scope);
  if (v.kind === 'int') return scalar(v.value);
  if (v.kind === 'poisoned') throw new DiagnosticError(null);
  const hint = v.kind === 'var' || v.kind === 'group' ? ': a discrete variable cannot be used in a real expression (test it with if/with instead)' : '';
  return ctx.fail('type-error', `expected a real value, but this is ${describe(v)}${hint}`, expr.span);
}

function unary(fn: Parameters<typeof activation>[0], alpha: number, arg: RealExpr): RealExpr {
  if (arg.kind === 'const') {
    const f = activation(fn);
    return { kind: 'const', shape: arg.shape, values: arg.values.map((x) => f.f(x, alpha)) };
  }
  return { kind: 'unary', shape: arg.shape, fn, alpha, arg };
}

function transposed(arg: RealExpr): RealExpr {
  if (arg.shape.length < 2) return arg;
  const { shape, index } = transposeMap(arg.shape);
  return { kind: 'gather', shape, index, label: '.T', arg };
}

function lowerBinary(ctx: LowerContext, expr: Expr & { kind: 'binary' }, scope: Scope): RealExpr {
  if (expr.op === '**') {
    const base = lowerReal(ctx, expr.left, scope);
    const exponent = lowerReal(ctx, expr.right, scope);
    if (exponent.kind !== 'const' || exponent.shape.length !== 0) {
      return ctx.fail('not-constant', 'the exponent of ** must be a constant number', expr.right.span);
    }
    const k = exponent.values[0]!;
    return k === 1 ? base : unary('pow', k, base);
  }
  if (expr.op !== '@' && !ARITH.includes(expr.op)) {
    return ctx.fail('type-error', `'${expr.op}' is not defined on real values (use + - * / @ **)`, expr.span);
  }
  const left = lowerReal(ctx, expr.left, scope);
  const right = lowerReal(ctx, expr.right, scope);
  if (expr.op === '@') return matmul(ctx, left, right, expr.span);
  const shape = broadcastShape(left.shape, right.shape);
  if (!shape) {
    return ctx.fail('shape-mismatch', `cannot broadcast ${showShape(left.shape)} and ${showShape(right.shape)} in '${expr.op}'`, expr.span);
  }
  const op = expr.op as RealBinaryOp;
  if (left.kind === 'const' && right.kind === 'const') {
    const li = broadcastIndex(left.shape, shape);
    const ri = broadcastIndex(right.shape, shape);
    const values = new Float64Array(sizeOf(shape)).map((_, i) => applyBinary(op, left.values[li[i]!]!, right.values[ri[i]!]!));
    return { kind: 'const', shape, values };
  }
  return { kind: 'binary', shape, op, left, right };
}

/** The scalar rule of each elementwise binary operator. */
export function applyBinary(op: RealBinaryOp, a: number, b: number): number {
  return op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a / b;
}

function matmul(ctx: LowerContext, left: RealExpr, right: RealExpr, span: Expr['span']): RealExpr {
  const dims = matmulDims(left.shape, right.shape);
  if (!dims) {
    return ctx.fail('shape-mismatch', `cannot multiply ${showShape(left.shape)} @ ${showShape(right.shape)} (1-D and 2-D operands, inner sizes equal)`, span);
  }
  return { kind: 'matmul', shape: dims.shape, left, right };
}

function lowerIndex(ctx: LowerContext, expr: Expr & { kind: 'index' }, scope: Scope): RealExpr {
  const target = lowerReal(ctx, expr.target, scope);
  if (expr.indices.length > target.shape.length) {
    return ctx.fail('arity', `too many indices: the value has shape ${showShape(target.shape)}`, expr.span);
  }
  const subscripts: Subscript[] = expr.indices.map((e, d) => {
    const dim = target.shape[d]!;
    if (e.kind === 'slice') {
      const bound = (b: Expr | null, fallback: number): number => {
        if (!b) return fallback;
        const v = evaluateInt(ctx, b, scope, 'a slice bound');
        return Math.min(dim, Math.max(0, v < 0 ? v + dim : v)); // clamped, as in Python
      };
      return { kind: 'slice', lower: bound(e.lower, 0), upper: bound(e.upper, dim) };
    }
    const raw = evaluateInt(ctx, e, scope, 'an index');
    const at = raw < 0 ? raw + dim : raw;
    if (at < 0 || at >= dim) ctx.fail('index-out-of-range', `index ${raw} is out of range for axis ${d} of size ${dim}`, e.span);
    return { kind: 'index', at };
  });
  const { shape, index } = subscriptMap(target.shape, subscripts);
  const label = `[${subscripts.map((s) => (s.kind === 'index' ? String(s.at) : `${s.lower}:${s.upper}`)).join(', ')}]`;
  if (target.kind === 'const') return { kind: 'const', shape, values: Float64Array.from(index, (i) => target.values[i]!) };
  return { kind: 'gather', shape, index, label, arg: target };
}

function lowerCall(ctx: LowerContext, expr: Expr & { kind: 'call' }, scope: Scope): RealExpr {
  const name = (expr.callee as { name: string }).name;
  const keyword = (k: string): Expr | undefined => expr.keywords.find((w) => w.name === k)?.value;
  const allowed = (names: string[]): void => {
    const bad = expr.keywords.find((w) => !names.includes(w.name));
    if (bad) ctx.fail('unsupported', `${name}() has no keyword argument '${bad.name}'`, bad.span);
  };
  const arity = (min: number, max: number): void => {
    const n = expr.args.length + expr.keywords.length;
    if (n < min || n > max) ctx.fail('arity', `${name}() takes ${min === max ? min : `${min} to ${max}`} argument(s) (${n} given)`, expr.span);
  };
  const act = callableActivation(name);
  if (act) {
    allowed(['alpha']);
    arity(1, act.alpha === 0 ? 1 : 2);
    const alphaExpr = expr.args[1] ?? keyword('alpha');
    const alpha = alphaExpr ? constant(ctx, alphaExpr, scope) : act.alpha;
    return unary(act.name, alpha, lowerReal(ctx, expr.args[0]!, scope));
  }
  switch (name) {
    case 'softmax': {
      allowed([]);
      arity(1, 1);
      const arg = lowerReal(ctx, expr.args[0]!, scope);
      if (arg.shape.length === 0) ctx.fail('shape-mismatch', 'softmax needs a vector (it normalises the last axis)', expr.span);
      return { kind: 'softmax', shape: arg.shape, arg };
    }
    case 'sum':
    case 'mean': {
      allowed(['axis']);
      arity(1, 2);
      const arg = lowerReal(ctx, expr.args[0]!, scope);
      const axisExpr = expr.args[1] ?? keyword('axis');
      let axis: number | null = null;
      if (axisExpr) {
        const raw = evaluateInt(ctx, axisExpr, scope, 'an axis');
        axis = raw < 0 ? raw + arg.shape.length : raw;
        if (axis < 0 || axis >= arg.shape.length) ctx.fail('index-out-of-range', `axis ${raw} is out of range for shape ${showShape(arg.shape)}`, axisExpr.span);
      }
      return { kind: 'reduce', shape: reduceMap(arg.shape, axis).shape, op: name, axis, arg };
    }
    case 'matmul':
      allowed([]);
      arity(2, 2);
      return matmul(ctx, lowerReal(ctx, expr.args[0]!, scope), lowerReal(ctx, expr.args[1]!, scope), expr.span);
    case 'transpose':
      allowed([]);
      arity(1, 1);
      return transposed(lowerReal(ctx, expr.args[0]!, scope));
    default:
      return ctx.fail('unsupported', `${name}() is not a real-valued function`, expr.span);
  }
}

/** A constant number: an integer expression or a float literal (possibly negated). */
export function constant(ctx: LowerContext, expr: Expr, scope: Scope): number {
  const e = lowerReal(ctx, expr, scope);
  if (e.kind !== 'const' || e.shape.length !== 0) return ctx.fail('not-constant', 'expected a constant number', expr.span);
  return e.values[0]!;
}

/** Checks, at a statement, that every tensor the expression reads is set on every path reaching it. */
export function noteReads(ctx: LowerContext, expr: RealExpr, span: Expr['span']): void {
  const seen = new Set<RealExpr>();
  const visit = (e: RealExpr): void => {
    if (seen.has(e)) return;
    seen.add(e);
    switch (e.kind) {
      case 'read': ctx.real.noteRead(e.tensor, span, ctx.diagnostics); return;
      case 'const': return;
      case 'binary': case 'matmul': visit(e.left); visit(e.right); return;
      case 'stack': e.items.forEach(visit); return;
      default: visit(e.arg);
    }
  };
  visit(expr);
}
