// Reads the value of one declaration (an int or nested arrays shaped like its dims) from a JSON node.
import type { JsonNode } from './json.ts';
import type { VarGroup } from '../ir/ir.ts';
import { DONT_CARE } from './dataset.ts';
import { error, type Diagnostic } from '../util/diagnostics.ts';

/**
 * Flattens `node` into row-major values of `group`. `null` (whole value or any element) becomes
 * DONT_CARE when `allowNull`, otherwise an error. Returns null after pushing diagnostics.
 */
export function readGroupValues(node: JsonNode, group: VarGroup, allowNull: boolean, what: string, out: Diagnostic[]): Int32Array | null {
  const values = new Int32Array(group.vars.length).fill(DONT_CARE);
  const before = out.length;
  let next = 0;
  const visit = (n: JsonNode, dim: number, path: string): void => {
    if (n.kind === 'null') {
      if (!allowNull) out.push(error('data-value', `${what}${path} is null, but a value is required here`, n.span));
      next += group.dims.slice(dim).reduce((a, b) => a * b, 1);
      return;
    }
    if (dim < group.dims.length) {
      if (n.kind !== 'array') {
        out.push(error('data-shape', `${what}${path} should be an array of ${group.dims[dim]} (${group.name} has dims [${group.dims.join(', ')}])`, n.span));
        next += group.dims.slice(dim).reduce((a, b) => a * b, 1);
        return;
      }
      if (n.items.length !== group.dims[dim]) {
        out.push(error('data-shape', `${what}${path} has ${n.items.length} entries, expected ${group.dims[dim]} (${group.name} has dims [${group.dims.join(', ')}])`, n.span));
        next += group.dims.slice(dim).reduce((a, b) => a * b, 1);
        return;
      }
      n.items.forEach((item, i) => visit(item, dim + 1, `${path}[${i}]`));
      return;
    }
    if (n.kind === 'boolean') {
      values[next++] = n.value ? 1 : 0;
      return;
    }
    if (n.kind !== 'number' || !Number.isInteger(n.value)) {
      out.push(error('data-value', `${what}${path} should be an integer in 0..${group.domain - 1}`, n.span));
      next++;
      return;
    }
    if (n.value < 0 || n.value >= group.domain) {
      out.push(error('data-domain', `${what}${path} = ${n.value} is outside the domain 0..${group.domain - 1} of ${group.name}`, n.span));
    }
    values[next++] = n.value;
  };
  visit(node, 0, '');
  return out.length > before ? null : values;
}

/** Nested plain arrays of `values` shaped like `dims` (a bare number for a scalar). */
export function shapeValues(values: ArrayLike<number>, dims: readonly number[]): unknown {
  let i = 0;
  const build = (dim: number): unknown => {
    if (dim === dims.length) {
      const v = values[i++]!;
      return v === DONT_CARE ? null : v;
    }
    return Array.from({ length: dims[dim]! }, () => build(dim + 1));
  };
  return build(0);
}

type JsonObject = JsonNode & { kind: 'object' };

/** The key of a declaration in data and params files: its name, or for an element of a list of declarations the list's name. */
export function groupKey(group: VarGroup): string {
  return group.list?.name ?? group.name;
}

/** The value of `group` in a data or params object: under its name, or at its position inside its list's entry. */
export function groupEntry(obj: JsonObject, group: VarGroup): JsonNode | undefined {
  let node = obj.entries.get(groupKey(group))?.value;
  for (const i of group.list?.index ?? []) node = node?.kind === 'array' ? node.items[i] : undefined;
  return node;
}

/** Stores `value` for `group` in a data or params object the way `groupEntry` finds it (list holes are null). */
export function placeGroupValue(result: Record<string, unknown>, group: VarGroup, value: unknown): void {
  if (!group.list) {
    result[group.name] = value;
    return;
  }
  const { name, index } = group.list;
  if (!Array.isArray(result[name])) result[name] = [];
  let list = result[name] as unknown[];
  index.forEach((i, d) => {
    while (list.length <= i) list.push(null);
    if (d === index.length - 1) list[i] = value;
    else {
      if (!Array.isArray(list[i])) list[i] = [];
      list = list[i] as unknown[];
    }
  });
}
