// The evaluator's storage, estimated from the lowered program and the data before anything compiles
// it: every non-Param value is held once per example, so examples times values must stay bounded.
import type { Program } from '../ir/ir.ts';
import type { Dataset } from '../data/dataset.ts';
import { error, type Diagnostic, type Span } from '../util/diagnostics.ts';
import { formatCount, limitMessage, type Limits } from '../util/limits.ts';

/** Pushes a `too-large` error at the largest declaration when the storage estimate passes the limit `storage`. */
export function checkStorage(program: Program, dataset: Dataset, limits: Limits, out: Diagnostic[]): void {
  const examples = dataset.examples.length;
  const parts: { name: string; floats: number; span: Span }[] = [
    ...program.groups.map((g) => ({ name: g.name, floats: g.domain * g.vars.length * (g.role === 'param' ? 1 : examples), span: g.span })),
    ...(program.real?.tensors ?? []).map((t) => ({ name: t.name, floats: t.size * (t.role === 'param' ? 1 : examples), span: t.span })),
  ];
  const total = parts.reduce((n, p) => n + p.floats, 0);
  if (total <= limits.storage || parts.length === 0) return;
  const largest = parts.reduce((a, b) => (b.floats > a.floats ? b : a));
  const what =
    `the evaluator would hold about ${formatCount(total)} floats for ${formatCount(examples)} example${examples === 1 ? '' : 's'}` +
    ` (${largest.name} alone ${formatCount(largest.floats)})`;
  out.push(error('too-large', limitMessage('storage', limits, what, total), largest.span));
}
