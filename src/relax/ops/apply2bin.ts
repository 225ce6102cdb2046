// Fast path for the most common table: two binary arguments, binary result (XOR, AND, OR, ...).
// The four entries become 0/1 coefficients held in locals, so the loop has no table lookups or branches.
import type { Instr } from '../tape.ts';
import { describeApply } from './apply.ts';
import type { OpRule } from './op.ts';

type Apply2Bin = Extract<Instr, { kind: 'apply2bin' }>;

/** True when a table can use the fast path: 2 x 2 -> 2 with every result 0 or 1. */
export function isBinaryTable(argDomains: readonly number[], outDomain: number, entries: Int32Array): boolean {
  return argDomains.length === 2 && argDomains[0] === 2 && argDomains[1] === 2 && outDomain === 2 && entries.every((k) => k === 0 || k === 1);
}

export const apply2BinOp: OpRule<Apply2Bin> = {
  kind: 'apply2bin',
  forward(ins, m) {
    const { val } = m;
    const t = ins.table.entries;
    // t_ij is 1 where f(i, j) = 1; multiplying by an exact 0/1 keeps the sums exact at vertices.
    const t00 = t[0]!, t01 = t[1]!, t10 = t[2]!, t11 = t[3]!;
    const c00 = 1 - t00, c01 = 1 - t01, c10 = 1 - t10, c11 = 1 - t11;
    const ints = ins.ints;
    for (let p = 0; p < ins.count * 5; p += 5) {
      const o = ints[p]!, a = ints[p + 1]!, b = ints[p + 3]!;
      const a0 = val[a]!, a1 = val[a + 1]!, b0 = val[b]!, b1 = val[b + 1]!;
      const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
      val[o] = c00 * p00 + c01 * p01 + c10 * p10 + c11 * p11;
      val[o + 1] = t00 * p00 + t01 * p01 + t10 * p10 + t11 * p11;
    }
  },
  backward(ins, m) {
    const { val, grad } = m;
    const t = ins.table.entries;
    const t00 = t[0]!, t01 = t[1]!, t10 = t[2]!, t11 = t[3]!;
    const ints = ins.ints;
    for (let p = 0; p < ins.count * 5; p += 5) {
      const o = ints[p]!, a = ints[p + 1]!, ga = ints[p + 2]!, b = ints[p + 3]!, gb = ints[p + 4]!;
      const g0 = grad[o]!, g1 = grad[o + 1]!;
      // h_ij = d loss / d (a_i b_j): the gradient of the output the entry lands in.
      const h00 = t00 ? g1 : g0, h01 = t01 ? g1 : g0, h10 = t10 ? g1 : g0, h11 = t11 ? g1 : g0;
      const a0 = val[a]!, a1 = val[a + 1]!, b0 = val[b]!, b1 = val[b + 1]!;
      grad[ga] += h00 * b0 + h01 * b1;
      grad[ga + 1] += h10 * b0 + h11 * b1;
      grad[gb] += h00 * a0 + h10 * a1;
      grad[gb + 1] += h01 * a0 + h11 * a1;
    }
  },
  describe: (ins, names) => describeApply(ins.table, ins.count, ins.ints, names),
};
