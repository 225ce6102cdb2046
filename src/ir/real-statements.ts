// Real-valued statements: `h.set_to(e)` on a real tensor, and the bridges `y.set_to(Bernoulli(p))` /
// `y.set_to(Categorical(probs))` that draw discrete variables from real probabilities.
import type { Expr } from '../syntax/ast.ts';
import type { LowerContext } from './context.ts';
import { evaluate } from './evaluate.ts';
import { showShape, type RealStmt, type Shape } from './real.ts';
import { lowerReal, noteReads } from './real-lower.ts';
import { describe, type Scope } from './values.ts';
import type { Span } from '../util/diagnostics.ts';

/** The real tensor an assignment target names, if it is one (indexing a real tensor is not a target). */
function realTarget(ctx: LowerContext, target: Expr, scope: Scope): number | null {
  let base = target;
  while (base.kind === 'index') base = base.target;
  if (base.kind !== 'name') return null;
  const v = scope.lookup(base.name);
  if (v?.kind !== 'tensor') return null;
  if (base !== target) ctx.fail('unsupported', 'assign a whole real tensor (x.set_to(e)); build it from parts with a list [a, b]', target.span);
  return v.tensor;
}

/**
 * `x.set_to(e)` where x is a real Var or Output: returns the statement, or null when x is not real.
 * A real statement inside a case may only test variables that no case split assigns (their value at
 * the split is then their final value, which is what the real part reads).
 */
export function lowerRealSet(
  ctx: LowerContext, targetExpr: Expr, method: string, arg: Expr, span: Span, scope: Scope, subjects: readonly number[],
): RealStmt | null {
  const tensor = realTarget(ctx, targetExpr, scope);
  if (tensor === null) return null;
  const t = ctx.real.tensors[tensor]!;
  if (method !== 'set_to') ctx.fail('unsupported', `${method} is for discrete variables; assign a real tensor with ${t.name}.set_to(e)`, span);
  const expr = lowerReal(ctx, arg, scope);
  if (showShape(expr.shape) !== showShape(t.shape)) {
    ctx.fail('shape-mismatch', `${t.name} has shape ${showShape(t.shape)} but the value has shape ${showShape(expr.shape)}`, arg.span);
  }
  for (const s of subjects) {
    if (ctx.assignedInCase.has(s)) {
      ctx.fail('unsupported', `a real-valued branch must test a Param, an Input or a variable set outside any case split; ${ctx.vars[s]!.name} is set inside one`, span);
    }
  }
  noteReads(ctx, expr, arg.span);
  ctx.real.noteWrite(tensor, targetExpr.span, ctx.diagnostics);
  return { kind: 'set', target: tensor, expr, span };
}

/** The discrete variables a target names (one variable, or a whole array or row) and their dims. */
function discreteTargets(ctx: LowerContext, target: Expr, scope: Scope): { ids: number[]; dims: Shape } {
  const v = evaluate(ctx, target, scope);
  if (v.kind === 'var') return { ids: [v.id], dims: [] };
  if (v.kind !== 'group') return ctx.fail('type-error', `Bernoulli and Categorical draw discrete variables, not ${describe(v)}`, target.span);
  const g = ctx.groups[v.group]!;
  const dims = g.dims.slice(v.prefix.length);
  const inner = dims.reduce((a, b) => a * b, 1);
  let flat = 0;
  v.prefix.forEach((p, d) => (flat = flat * g.dims[d]! + p));
  return { ids: g.vars.slice(flat * inner, (flat + 1) * inner), dims };
}

/** `y.set_to(Bernoulli(p))` or `y.set_to(Categorical(probs))`; returns false when `arg` is neither. */
export function lowerBridge(ctx: LowerContext, targetExpr: Expr, method: string, arg: Expr, span: Span, scope: Scope): boolean {
  if (arg.kind !== 'call' || arg.callee.kind !== 'name') return false;
  const dist = arg.callee.name;
  if ((dist !== 'Bernoulli' && dist !== 'Categorical') || scope.lookup(dist)?.kind !== 'builtin') return false;
  if (method !== 'set_to') ctx.fail('unsupported', `${dist}(...) is assigned with set_to`, span);
  if (ctx.caseDepth > 0) ctx.fail('unsupported', `${dist}(...) must not depend on a case split: mix the probabilities in the branches, then draw once`, span);
  if (arg.args.length !== 1 || arg.keywords.length > 0) ctx.fail('arity', `${dist} takes one argument, the probabilities`, arg.span);
  const { ids, dims } = discreteTargets(ctx, targetExpr, scope);
  const expr = lowerReal(ctx, arg.args[0]!, scope);
  const want = dist === 'Bernoulli' ? dims : [...dims, expr.shape[expr.shape.length - 1] ?? 0];
  if (showShape(expr.shape) !== showShape(want) || (dist === 'Categorical' && expr.shape.length === 0)) {
    const hint = dist === 'Bernoulli' ? showShape(dims) : `${showShape(dims)} plus a last axis of class probabilities`;
    ctx.fail('shape-mismatch', `${dist} needs probabilities of shape ${hint}, got ${showShape(expr.shape)}`, arg.args[0]!.span);
  }
  const classes = dist === 'Bernoulli' ? 2 : expr.shape[expr.shape.length - 1]!;
  for (const id of ids) {
    const v = ctx.vars[id]!;
    if (v.domain !== classes) {
      ctx.fail('domain-mismatch', `${dist} gives values in 0..${classes - 1} but ${v.name} has domain ${v.domain}`, targetExpr.span);
    }
  }
  noteReads(ctx, expr, arg.span);
  for (const id of ids) {
    ctx.noteWrite(id, targetExpr.span);
    ctx.real.bridged.add(id);
  }
  ctx.real.bridges.push({ dist: dist === 'Bernoulli' ? 'bernoulli' : 'categorical', targets: ids, expr, span });
  return true;
}
