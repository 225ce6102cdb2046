// A one-line description of a trained hybrid or net for a legend: its discrete Params and the real
// Params the chosen branches read (`family = 1; parabola = [1.02, -0.01, 0.49]`), cut off when long.
import type { Program } from '../ir/ir.ts';
import type { RealExpr, RealStmt, RealTensor } from '../ir/real.ts';
import { withFixedParams } from '../ir/fixed-params.ts';
import { shapeValues } from '../data/values.ts';
import { shapeReal } from '../data/real-values.ts';

/** Numbers shown at most; a legend row has room for about this many. */
const MAX_NUMBERS = 10;

/** `name = value` for every discrete Param, then every real Param read under `assignment`, while they fit. */
export function describeFit(program: Program, searched: ArrayLike<number>, real: ArrayLike<number>): string {
  const assignment = withFixedParams(program.fixed, searched);
  const parts: string[] = [];
  let budget = MAX_NUMBERS;
  const add = (text: string, size: number): void => {
    if (size > budget) return void (budget = -1);
    budget -= size;
    parts.push(text);
  };
  for (const g of program.groups) {
    if (g.role === 'param' && budget >= 0) add(`${g.name} = ${JSON.stringify(shapeValues(g.vars.map((id) => assignment[id]!), g.dims))}`, g.vars.length);
  }
  const round = (v: number): number => Number(v.toPrecision(3));
  for (const t of realParamsRead(program, assignment)) {
    if (budget < 0) break;
    const values = Array.from({ length: t.size }, (_, i) => round(real[t.offset + i]!));
    add(`${t.name} = ${JSON.stringify(shapeReal(values, t.shape)).replace(/,/g, ', ')}`, t.size);
  }
  return parts.join('; ') + (budget < 0 ? '; …' : '');
}

/**
 * The real Params the program reads when its discrete Params take `assignment`: a case on a Param
 * follows the chosen branch only; a case on anything else may go either way, so all its branches count.
 */
export function realParamsRead(program: Program, assignment: ArrayLike<number>): RealTensor[] {
  const real = program.real;
  if (!real) return [];
  const read = new Set<number>();
  const expr = (e: RealExpr): void => {
    switch (e.kind) {
      case 'const': return;
      case 'read': return void read.add(e.tensor);
      case 'unary': case 'softmax': case 'reduce': case 'gather': return expr(e.arg);
      case 'binary': case 'matmul': return expr(e.left), expr(e.right);
      case 'stack': return e.items.forEach(expr);
      default: { const never: never = e; return never; }
    }
  };
  const stmts = (body: readonly RealStmt[]): void => {
    for (const s of body) {
      if (s.kind === 'set') expr(s.expr);
      else {
        const chosen = program.vars[s.subject]!.role === 'param' ? assignment[s.subject]! : null;
        for (const b of s.branches) if (chosen === null || b.values.includes(chosen)) stmts(b.body);
      }
    }
  };
  stmts(real.body);
  for (const b of real.bridges) expr(b.expr);
  return real.tensors.filter((t) => t.role === 'param' && read.has(t.id));
}
