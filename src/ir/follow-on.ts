// Follow-on errors: when a compound statement fails before its body is lowered (a bad `with`
// subject, loop bound or condition), the variables its body would have set are never written, and
// every later read of them would report read-before-write. They are marked failed instead.
import type { Expr, Stmt } from '../syntax/ast.ts';
import type { LowerContext } from './context.ts';
import type { Scope, Value } from './values.ts';

/** Marks every variable the statements `failed` would set (by the name their targets start from) as failed. */
export function markTargetsFailed(ctx: LowerContext, failed: Stmt, scope: Scope): void {
  const visit = (s: Stmt): void => {
    if (s.kind === 'if') {
      s.branches.forEach((b) => b.body.forEach(visit));
      s.orelse?.forEach(visit);
    } else if (s.kind === 'for' || s.kind === 'with') s.body.forEach(visit);
    else if (s.kind === 'expr' && s.expr.kind === 'call' && s.expr.callee.kind === 'attribute') {
      const root = rootName(s.expr.callee.target);
      const value = root ? scope.lookup(root) : undefined;
      if (value) markValue(ctx, value);
    }
  };
  visit(failed);
}

function rootName(e: Expr): string | null {
  if (e.kind === 'name') return e.name;
  return e.kind === 'index' ? rootName(e.target) : null;
}

function markValue(ctx: LowerContext, v: Value): void {
  if (v.kind === 'var') ctx.failed.add(v.id);
  else if (v.kind === 'group') for (const id of ctx.groups[v.group]!.vars) ctx.failed.add(id);
  else if (v.kind === 'list') v.items.forEach((item) => markValue(ctx, item));
}
