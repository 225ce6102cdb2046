// Case merge of real branches: a tensor assigned under `if k == j:` becomes, per lane,
// sum_g w_g * source_g with w_g the probability the discrete subject gives to group g's values.
import type { Instr } from '../tape.ts';
import { pushRealOperand, tensorName, type OpRule, type RealOperand } from './op.ts';

type RealMix = Extract<Instr, { kind: 'realmix' }>;

/** One group of a real mixture: the subject values whose branches all produce `source`. */
export interface RealMixGroup {
  readonly source: RealOperand;
  readonly values: readonly number[];
}

/**
 * Layout: `out, subject` (real operands; the subject's stride is its domain per lane or 0), `groupCount`,
 * then per group `source` (a real operand), `valueCount`, the values.
 */
export function encodeRealMix(ints: number[], out: RealOperand, subject: RealOperand, groups: readonly RealMixGroup[]): void {
  pushRealOperand(ints, out);
  pushRealOperand(ints, subject);
  ints.push(groups.length);
  for (const g of groups) {
    pushRealOperand(ints, g.source);
    ints.push(g.values.length, ...g.values);
  }
}

export const realMixOp: OpRule<RealMix> = {
  kind: 'realmix',
  forward(ins, m) {
    const { val } = m;
    const ints = ins.ints;
    const size = ins.size;
    const so = ints[2]!, sc = ints[5]!, groups = ints[6]!;
    const lanes = so === 0 ? 1 : m.lanes;
    for (let e = 0; e < lanes; e++) {
      const o = ints[0]! + e * so, c = ints[3]! + e * sc;
      for (let i = 0; i < size; i++) val[o + i] = 0;
      let p = 7;
      for (let g = 0; g < groups; g++) {
        const s = ints[p]! + e * ints[p + 2]!, nv = ints[p + 3]!;
        let w = 0;
        for (let v = 0; v < nv; v++) w += val[c + ints[p + 4 + v]!]!;
        p += 4 + nv;
        if (w === 0) continue; // exact skip: an unselected branch at a vertex
        for (let i = 0; i < size; i++) val[o + i] += w * val[s + i]!;
      }
    }
  },
  backward(ins, m) {
    const { val, grad } = m;
    const ints = ins.ints;
    const size = ins.size;
    if (ints[1]! < 0) return;
    const so = ints[2]!, gc0 = ints[4]!, sc = ints[5]!, groups = ints[6]!;
    const lanes = so === 0 ? 1 : m.lanes;
    for (let e = 0; e < lanes; e++) {
      const go = ints[1]! + e * so, c = ints[3]! + e * sc, gc = gc0 + e * sc;
      let p = 7;
      for (let g = 0; g < groups; g++) {
        const s = ints[p]! + e * ints[p + 2]!, gs0 = ints[p + 1]!, nv = ints[p + 3]!;
        // d out / d mu_subject[k] = source (for every k of the group); d out / d source = the group weight.
        let dot = 0;
        for (let i = 0; i < size; i++) dot += grad[go + i]! * val[s + i]!;
        let w = 0;
        for (let v = 0; v < nv; v++) {
          const k = ints[p + 4 + v]!;
          if (gc0 >= 0) grad[gc + k] += dot;
          w += val[c + k]!;
        }
        if (gs0 >= 0 && w !== 0) {
          const gs = gs0 + e * ints[p + 2]!;
          for (let i = 0; i < size; i++) grad[gs + i] += w * grad[go + i]!;
        }
        p += 4 + nv;
      }
    }
  },
  describe(ins, names) {
    const ints = ins.ints;
    const parts: string[] = [];
    let p = 7;
    for (let g = 0; g < ints[6]!; g++) {
      const nv = ints[p + 3]!;
      parts.push(`{${Array.from(ints.subarray(p + 4, p + 4 + nv)).join(',')}}: ${tensorName(names, ints[p]!)}`);
      p += 4 + nv;
    }
    return [`${tensorName(names, ints[0]!)} = mix ${tensorName(names, ints[3]!)} [${parts.join('; ')}]`];
  },
};
