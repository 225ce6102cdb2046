// Case merge: a variable assigned in the branches of a case on c becomes sum_k mu_c[k] * mu_x^(k).
// Branches that produce the same slot form one group weighted by the sum of their mu_c entries, so
// a value identical in several branches is mixed once; branches that assign nothing contribute 0.
import type { Instr } from '../tape.ts';
import { pushOperand, type IntSink, type Operand, type OpRule } from './op.ts';

type Mix = Extract<Instr, { kind: 'mix' }>;

/** One group of a mixture: the subject values whose branches all produce `source`. */
export interface MixGroup {
  readonly source: Operand;
  readonly values: readonly number[];
}

/**
 * Instance layout (variable length, read sequentially): `out, subjectVal, subjectGrad, groupCount,`
 * then per group `sourceVal, sourceGrad, valueCount, value_0 .. value_(valueCount-1)`.
 */
export function encodeMix(ints: IntSink, out: number, subject: Operand, groups: readonly MixGroup[]): void {
  ints.push(out);
  pushOperand(ints, subject);
  ints.push(groups.length);
  for (const g of groups) {
    pushOperand(ints, g.source);
    ints.push(g.values.length);
    for (const v of g.values) ints.push(v);
  }
}

export const mixOp: OpRule<Mix> = {
  kind: 'mix',
  forward(ins, m) {
    const { val } = m;
    const d = ins.domain;
    const ints = ins.ints;
    let p = 0;
    for (let n = 0; n < ins.count; n++) {
      const o = ints[p]!, c = ints[p + 1]!, groups = ints[p + 3]!;
      p += 4;
      for (let k = 0; k < d; k++) val[o + k] = 0;
      for (let g = 0; g < groups; g++) {
        const s = ints[p]!, nv = ints[p + 2]!;
        const vp = p + 3;
        p = vp + nv;
        let w = 0;
        for (let v = 0; v < nv; v++) w += val[c + ints[vp + v]!]!;
        if (w === 0) continue; // exact skip: an unselected branch at a vertex
        for (let k = 0; k < d; k++) val[o + k] += w * val[s + k]!;
      }
    }
  },
  backward(ins, m) {
    const { val, grad } = m;
    const d = ins.domain;
    const ints = ins.ints;
    let p = 0;
    for (let n = 0; n < ins.count; n++) {
      const o = ints[p]!, c = ints[p + 1]!, gc = ints[p + 2]!, groups = ints[p + 3]!;
      p += 4;
      for (let g = 0; g < groups; g++) {
        const s = ints[p]!, gs = ints[p + 1]!, nv = ints[p + 2]!;
        const vp = p + 3;
        p = vp + nv;
        // d out / d mu_c[k] = source for every k of the group; d out / d source = the group weight.
        let dot = 0;
        for (let k = 0; k < d; k++) dot += grad[o + k]! * val[s + k]!;
        let w = 0;
        for (let v = 0; v < nv; v++) {
          const cv = ints[vp + v]!;
          grad[gc + cv] += dot;
          w += val[c + cv]!;
        }
        if (w !== 0) for (let k = 0; k < d; k++) grad[gs + k] += w * grad[o + k]!;
      }
    }
  },
  describe(ins, names) {
    const ints = ins.ints;
    const lines: string[] = [];
    let p = 0;
    for (let n = 0; n < ins.count; n++) {
      const o = ints[p]!, c = ints[p + 1]!, groups = ints[p + 3]!;
      p += 4;
      const parts: string[] = [];
      for (let g = 0; g < groups; g++) {
        const nv = ints[p + 2]!;
        parts.push(`{${Array.from(ints.subarray(p + 3, p + 3 + nv)).join(',')}}: ${names.vector(ints[p]!)}`);
        p += 3 + nv;
      }
      lines.push(`${names.vector(o)} = mix ${names.vector(c)} [${parts.join('; ')}]`);
    }
    return lines;
  },
};
