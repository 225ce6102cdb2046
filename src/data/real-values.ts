// Real-valued data: a JSON number or nested arrays shaped like a real tensor, read into float64
// values (`null` = don't care where allowed), and the reverse for reports and params files.
import type { JsonNode } from './json.ts';
import type { RealTensor } from '../ir/real.ts';
import { error, type Diagnostic } from '../util/diagnostics.ts';

/** Flattens `node` into row-major values of `tensor`; NaN marks `null` when `allowNull`. Null after diagnostics. */
export function readRealValues(node: JsonNode, tensor: RealTensor, allowNull: boolean, what: string, out: Diagnostic[]): Float64Array | null {
  const values = new Float64Array(tensor.size).fill(Number.NaN);
  const before = out.length;
  let next = 0;
  const shape = tensor.shape;
  const skip = (dim: number): void => {
    next += shape.slice(dim).reduce((a, b) => a * b, 1);
  };
  const visit = (n: JsonNode, dim: number, path: string): void => {
    if (n.kind === 'null') {
      if (!allowNull) out.push(error('data-value', `${what}${path} is null, but a value is required here`, n.span));
      return skip(dim);
    }
    if (dim < shape.length) {
      if (n.kind !== 'array' || n.items.length !== shape[dim]) {
        const got = n.kind === 'array' ? `has ${n.items.length} entries` : 'is not an array';
        out.push(error('data-shape', `${what}${path} ${got}, expected ${shape[dim]} (${tensor.name} has shape [${shape.join(', ')}])`, n.span));
        return skip(dim);
      }
      n.items.forEach((item, i) => visit(item, dim + 1, `${path}[${i}]`));
      return;
    }
    if (n.kind === 'boolean') values[next++] = n.value ? 1 : 0;
    else if (n.kind === 'number' && Number.isFinite(n.value)) values[next++] = n.value;
    else if (n.kind === 'number') {
      // JSON allows 1e400; a float64 does not hold it, and one infinity makes every loss NaN.
      out.push(error('data-value', `${what}${path} is beyond the range of a float64 (about ±1.8e308)`, n.span));
      next++;
    } else {
      out.push(error('data-value', `${what}${path} should be a number`, n.span));
      next++;
    }
  };
  visit(node, 0, '');
  return out.length > before ? null : values;
}

/** Nested plain arrays of `values` shaped like `shape` (a bare number for a scalar; NaN becomes null). */
export function shapeReal(values: ArrayLike<number>, shape: readonly number[]): unknown {
  let i = 0;
  const build = (dim: number): unknown => {
    if (dim === shape.length) {
      const v = values[i++]!;
      return Number.isNaN(v) ? null : v;
    }
    return Array.from({ length: shape[dim]! }, () => build(dim + 1));
  };
  return build(0);
}
