// Probability files (`tpt grad --probs F`): per Param, nested arrays whose last dimension is the domain.
import type { JsonNode } from './json.ts';
import type { Program, VarGroup } from '../ir/ir.ts';
import { groupEntry, groupKey } from './values.ts';
import { error, type Diagnostic } from '../util/diagnostics.ts';

/**
 * Reads per-Param probability vectors into a flat array laid out like `slots` (by variable id:
 * `offsets[varId]` is where that variable's vector starts). Values are used as given (no renormalising).
 */
export function readProbs(program: Program, root: JsonNode, offsets: ReadonlyMap<number, number>, size: number, out: Diagnostic[]): Float64Array | null {
  if (root.kind !== 'object') {
    out.push(error('params-format', 'a probs file is an object: {"paramName": nested arrays of probabilities}', root.span));
    return null;
  }
  const before = out.length;
  const probs = new Float64Array(size);
  const fixed = new Set((program.fixed ?? []).map((f) => f.variable));
  for (const g of program.groups.filter((x) => x.role === 'param')) {
    const entry = groupEntry(root, g);
    if (!entry && g.vars.every((id) => fixed.has(id))) continue;
    if (!entry) {
      out.push(error('params-missing', `no probabilities for Param ${g.name}`, root.span));
      continue;
    }
    readGroup(entry, g, offsets, probs, out);
  }
  for (const [name, entry] of root.entries) {
    if (!program.groups.some((g) => g.role === 'param' && groupKey(g) === name)) {
      out.push({ ...error('params-unknown', `'${name}' is not a Param of the program`, entry.key), severity: 'warning' });
    }
  }
  return out.slice(before).some((d) => d.severity === 'error') ? null : probs;
}

function readGroup(node: JsonNode, g: VarGroup, offsets: ReadonlyMap<number, number>, probs: Float64Array, out: Diagnostic[]): void {
  const shape = [...g.dims, g.domain];
  let variable = 0;
  const visit = (n: JsonNode, dim: number, path: string): boolean => {
    if (n.kind !== 'array' || n.items.length !== shape[dim]) {
      out.push(error('data-shape', `${g.name}${path} should be an array of ${shape[dim]} (dims [${g.dims.join(', ')}] then the domain ${g.domain})`, n.span));
      return false;
    }
    if (dim < g.dims.length) return n.items.every((item, i) => visit(item, dim + 1, `${path}[${i}]`));
    const id = g.vars[variable++]!;
    const offset = offsets.get(id);
    for (let k = 0; k < g.domain; k++) {
      const item = n.items[k]!;
      if (item.kind !== 'number' || item.value < 0) {
        out.push(error('data-value', `${g.name}${path}[${k}] should be a non-negative number`, item.span));
        return false;
      }
      if (offset !== undefined) probs[offset + k] = item.value;
    }
    return true;
  };
  visit(node, 0, '');
}
