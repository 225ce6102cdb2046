// Params fixed by the program (`p.set_to_constant(k)` or `p.observe_value(k)`, as TerpreT's models fix
// a halting block). A fixed Param is lowered to an ordinary variable assigned its constant at the
// start of the program, so no optimizer, evaluator or solver searches it; `Program.fixed` keeps the
// value for reports and params files.
import type { Expr } from '../syntax/ast.ts';
import type { FixedParam, IrVar, Stmt } from './ir.ts';
import type { LowerContext } from './context.ts';
import { evaluateInt } from './evaluate.ts';
import type { Scope } from './values.ts';
import type { Span } from '../util/diagnostics.ts';

/** Records that Param variable `id` is fixed to the value of `arg`. */
export function fixParam(ctx: LowerContext, id: number, arg: Expr, span: Span, scope: Scope, method: string): void {
  const v = ctx.vars[id]!;
  if (ctx.caseDepth > 0) {
    ctx.fail('unsupported', `${method} on a Param fixes it for every example: move it out of the if/with`, span);
  }
  const value = evaluateInt(ctx, arg, scope, 'the value of a fixed Param');
  if (value < 0 || value >= v.domain) {
    ctx.fail('domain-mismatch', `${value} is outside the domain 0..${v.domain - 1} of ${v.name}`, arg.span);
  }
  const earlier = ctx.fixed.get(id);
  if (earlier && earlier.value !== value) {
    ctx.fail('write-twice', `${v.name} is already fixed to ${earlier.value} at ${earlier.span.file}:${earlier.span.line}:${earlier.span.column}`, span);
  }
  if (!earlier) ctx.fixed.set(id, { variable: id, value, span });
}

/**
 * The program's variables and body with every fixed Param turned into a variable assigned its value
 * before anything else runs (so the relaxed evaluator folds it and the exact run sees it).
 */
export function applyFixedParams(ctx: LowerContext, vars: readonly IrVar[], body: readonly Stmt[]): { vars: IrVar[]; body: Stmt[]; fixed: FixedParam[] } {
  const fixed = [...ctx.fixed.values()].sort((a, b) => a.variable - b.variable);
  if (fixed.length === 0) return { vars: [...vars], body: [...body], fixed };
  const assigns: Stmt[] = fixed.map((f) => ({ kind: 'assign', target: f.variable, source: { kind: 'const', value: f.value }, span: f.span }));
  return {
    vars: vars.map((v) => (ctx.fixed.has(v.id) ? { ...v, role: 'var' as const } : v)),
    body: [...assigns, ...body],
    fixed,
  };
}

/** `values` (indexed by variable id) with every fixed Param's value written in. */
export function withFixedParams(fixed: readonly FixedParam[] | undefined, values: ArrayLike<number>): Int32Array {
  const out = Int32Array.from(values);
  for (const f of fixed ?? []) out[f.variable] = f.value;
  return out;
}
