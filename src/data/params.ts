// Param values files (`tpt run --params F`): param name -> int or nested int arrays shaped like its dims.
import type { JsonNode } from './json.ts';
import type { Program } from '../ir/ir.ts';
import { readGroupValues, shapeValues } from './values.ts';
import { error, type Diagnostic } from '../util/diagnostics.ts';

/** Reads a params object into an array indexed by variable id (-1 for non-Params). */
export function readParams(program: Program, root: JsonNode, out: Diagnostic[]): Int32Array | null {
  if (root.kind !== 'object') {
    out.push(error('params-format', 'a params file is an object: {"paramName": value or nested arrays}', root.span));
    return null;
  }
  // Accept a `tpt synth --out` result file as well: its assignment is under "assignment".
  const assignment = root.entries.get('assignment')?.value;
  const obj = assignment?.kind === 'object' && root.entries.has('success') ? assignment : root;
  if (obj.kind !== 'object') return null;
  const before = out.length;
  const values = new Int32Array(program.vars.length).fill(-1);
  const params = program.groups.filter((g) => g.role === 'param');
  for (const g of params) {
    const entry = obj.entries.get(g.name);
    if (!entry) {
      out.push(error('params-missing', `no value for Param ${g.name}`, obj.span));
      continue;
    }
    const v = readGroupValues(entry.value, g, false, g.name, out);
    if (v) g.vars.forEach((id, i) => (values[id] = v[i]!));
  }
  const names = new Set(params.map((g) => g.name));
  for (const [name, entry] of obj.entries) {
    if (!names.has(name)) out.push({ ...error('params-unknown', `'${name}' is not a Param of the program`, entry.key), severity: 'warning' });
  }
  return out.slice(before).some((d) => d.severity === 'error') ? null : values;
}

/** The params object for an assignment indexed by variable id: the format `readParams` accepts. */
export function paramsToJson(program: Program, values: ArrayLike<number>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const g of program.groups) {
    if (g.role !== 'param') continue;
    result[g.name] = shapeValues(g.vars.map((id) => values[id]!), g.dims);
  }
  return result;
}
