// Shows a synthesized program: the sketch's source with each Param's value beside the lines that use
// it, and Params that share an index (gate, in1, in2, out per gate) as one table row per index.
import type { Program } from '../ir/ir.ts';
import { groupKey } from '../data/values.ts';

function valueText(v: unknown): string {
  return Array.isArray(v) ? `[${v.map(valueText).join(' ')}]` : String(v);
}

/** The program source with `# name = value` after every line that mentions a Param. */
export function annotatedSource(program: Program, source: string, params: Record<string, unknown>): string {
  // A list of Params (`xs[i] = Param(4)`) shows as one entry, the list's.
  const names = [...new Set(program.groups.filter((g) => g.role === 'param').map(groupKey))];
  const all = source.replace(/\s+$/, '').split(/\r\n|\r|\n/);
  // Skip the header comment block and imports: the reader wants the program, not its preamble.
  let start = 0;
  while (start < all.length && /^\s*(#.*|from\s.*|import\s.*)?$/.test(all[start]!)) start++;
  const lines = all.slice(start);
  const width = Math.min(72, Math.max(...lines.map((l) => l.length)));
  return lines
    .map((line) => {
      const code = line.replace(/#.*$/, '');
      const used = names.filter((n) => new RegExp(`(^|[^A-Za-z0-9_.])${n}(?![A-Za-z0-9_])`).test(code));
      // Declarations show the value too, since the name is right there.
      if (used.length === 0) return line;
      return `${line.padEnd(width)}  # ${used.map((n) => `${n} = ${valueText(params[n])}`).join(', ')}`;
    })
    .join('\n');
}

/** Tables of Params that share their dims (e.g. one row per gate); null when no two Params share a shape. */
export function paramTables(program: Program, params: Record<string, unknown>): string | null {
  const byShape = new Map<string, string[]>();
  for (const g of program.groups) {
    if (g.role !== 'param' || g.dims.length !== 1 || g.list) continue;
    const key = g.dims.join('x');
    byShape.set(key, [...(byShape.get(key) ?? []), g.name]);
  }
  const tables: string[] = [];
  for (const [shape, names] of byShape) {
    if (names.length < 2) continue;
    const rows = [['#', ...names]];
    for (let i = 0; i < Number(shape); i++) rows.push([String(i), ...names.map((n) => valueText((params[n] as unknown[])[i]))]);
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    tables.push(rows.map((r) => r.map((cell, c) => cell.padStart(widths[c]!)).join('  ')).join('\n'));
  }
  return tables.length > 0 ? tables.join('\n\n') : null;
}

/** Compact numbers for status lines: 12.3k, 1.5M. */
export function compact(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (Math.abs(n) >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return Math.abs(n) >= 100 ? n.toFixed(0) : n.toPrecision(3);
}

/** `fixed by the program: instructions[0] = 0, ...`, or null when the program fixes no Param. */
export function fixedParamsLine(program: Program): string | null {
  const fixed = program.fixed ?? [];
  if (fixed.length === 0) return null;
  return `fixed by the program: ${fixed.map((f) => `${program.vars[f.variable]!.name} = ${f.value}`).join(', ')}`;
}

