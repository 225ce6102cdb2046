// Param values files (`tpt run --params F`): param name -> int or nested int arrays shaped like its dims.
import { parseJson, type JsonNode } from './json.ts';
import type { Program, VarGroup } from '../ir/ir.ts';
import { withFixedParams } from '../ir/fixed-params.ts';
import { DONT_CARE } from './dataset.ts';
import type { RealTensor } from '../ir/real.ts';
import { groupEntry, groupKey, placeGroupValue, readGroupValues, shapeValues } from './values.ts';
import { readRealValues, shapeReal } from './real-values.ts';
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
  const fixed = new Map((program.fixed ?? []).map((f) => [f.variable, f.value]));
  for (const g of params) {
    const entry = groupEntry(obj, g);
    // A Param the program fixes entirely needs no entry; a partly fixed one needs its free values.
    if (!entry && g.vars.every((id) => fixed.has(id))) continue;
    if (!entry) {
      out.push(error('params-missing', `no value for Param ${g.name}`, obj.span));
      continue;
    }
    const v = readGroupValues(entry, g, fixed.size > 0, g.name, out);
    if (v) g.vars.forEach((id, i) => (values[id] = v[i]!));
    if (v && fixed.size > 0) checkFixed(program, g, entry, v, fixed, out);
  }
  const names = new Set([...params.map(groupKey), ...realParamTensors(program).map((t) => t.name)]);
  for (const [name, entry] of obj.entries) {
    if (!names.has(name)) out.push({ ...error('params-unknown', `'${name}' is not a Param of the program`, entry.key), severity: 'warning' });
  }
  return out.slice(before).some((d) => d.severity === 'error') ? null : values;
}

/**
 * Checks a Param's values read with nulls allowed against the values the program fixes: a fixed
 * position may hold its value or null, a free one must hold a value.
 */
function checkFixed(program: Program, g: VarGroup, node: JsonNode, values: Int32Array, fixed: ReadonlyMap<number, number>, out: Diagnostic[]): void {
  g.vars.forEach((id, i) => {
    const want = fixed.get(id);
    const name = program.vars[id]!.name;
    if (want === undefined && values[i] === DONT_CARE) {
      out.push(error('data-value', `${name} is null, but a value is required here`, elementNode(node, g.dims, i).span));
    } else if (want !== undefined && values[i] !== DONT_CARE && values[i] !== want) {
      const at = program.fixed!.find((f) => f.variable === id)!.span;
      out.push(error('params-conflict', `${name} = ${values[i]}, but the program fixes it to ${want} at ${at.file}:${at.line}:${at.column}`, elementNode(node, g.dims, i).span));
    }
  });
}

/** The JSON node of row-major element `flat` of an array shaped `dims`, or the deepest node on its path. */
function elementNode(node: JsonNode, dims: readonly number[], flat: number): JsonNode {
  let n = node;
  let stride = dims.reduce((a, b) => a * b, 1);
  for (const size of dims) {
    stride /= size;
    const i = Math.floor(flat / stride) % size;
    if (n.kind !== 'array' || !n.items[i]) return n;
    n = n.items[i]!;
  }
  return n;
}

/** The params object for an assignment indexed by variable id: the format `readParams` accepts. */
export function paramsToJson(program: Program, assignment: ArrayLike<number>, real?: ArrayLike<number>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const values = withFixedParams(program.fixed, assignment);
  for (const g of program.groups) {
    if (g.role !== 'param') continue;
    placeGroupValue(result, g, shapeValues(g.vars.map((id) => values[id]!), g.dims));
  }
  if (real) {
    for (const t of realParamTensors(program)) result[t.name] = shapeReal(Array.prototype.slice.call(real, t.offset, t.offset + t.size) as number[], t.shape);
  }
  return result;
}

function realParamTensors(program: Program): RealTensor[] {
  return (program.real?.tensors ?? []).filter((t) => t.role === 'param');
}

/**
 * Reads the real Params of a params object (JSON numbers or nested arrays shaped like each tensor) into
 * the flat real-parameter vector (`Program.real.paramSize` values). Discrete entries are left to
 * `readParams`; an empty vector for a program without real Params.
 */
export function readRealParams(program: Program, root: JsonNode, out: Diagnostic[]): Float64Array | null {
  const real = new Float64Array(program.real?.paramSize ?? 0);
  if (root.kind !== 'object') return null;
  const assignment = root.entries.get('assignment')?.value;
  const obj = assignment?.kind === 'object' && root.entries.has('success') ? assignment : root;
  if (obj.kind !== 'object') return null;
  const before = out.length;
  for (const t of realParamTensors(program)) {
    const entry = obj.entries.get(t.name);
    if (!entry) {
      out.push(error('params-missing', `no value for real Param ${t.name}`, obj.span));
      continue;
    }
    const v = readRealValues(entry.value, t, false, t.name, out);
    if (v) real.set(v, t.offset);
  }
  return out.slice(before).some((d) => d.severity === 'error') ? null : real;
}

/**
 * Reads a plain params object (as `paramsToJson` makes it, e.g. kept in a comparison record) back into
 * Param values by variable id and the flat real-parameter vector; null, with diagnostics in `out`, when
 * it does not fit `program`.
 */
export function paramsFromJson(program: Program, params: unknown, out: Diagnostic[]): { assignment: Int32Array; real: Float64Array } | null {
  const parsed = parseJson(JSON.stringify(params) ?? 'null', '<params>');
  out.push(...parsed.diagnostics);
  if (!parsed.node) return null;
  const assignment = readParams(program, parsed.node, out);
  const real = readRealParams(program, parsed.node, out);
  return assignment && real ? { assignment, real } : null;
}
