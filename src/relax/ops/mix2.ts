// Fast path of the case merge for binary variables (domain 2), the common case in circuits and
// parity-style programs: same instance layout as `mix`, with the output held in two locals.
import type { Instr } from '../tape.ts';
import { mixOp } from './mix.ts';
import type { OpRule } from './op.ts';

type Mix2 = Extract<Instr, { kind: 'mix2' }>;

export const mix2Op: OpRule<Mix2> = {
  kind: 'mix2',
  forward(ins, m) {
    const { val } = m;
    const ints = ins.ints;
    let p = 0;
    for (let n = 0; n < ins.count; n++) {
      const o = ints[p]!, c = ints[p + 1]!, groups = ints[p + 3]!;
      p += 4;
      let o0 = 0;
      let o1 = 0;
      for (let g = 0; g < groups; g++) {
        const s = ints[p]!, nv = ints[p + 2]!;
        const vp = p + 3;
        p = vp + nv;
        let w = 0;
        for (let v = 0; v < nv; v++) w += val[c + ints[vp + v]!]!;
        o0 += w * val[s]!;
        o1 += w * val[s + 1]!;
      }
      val[o] = o0;
      val[o + 1] = o1;
    }
  },
  backward(ins, m) {
    const { val, grad } = m;
    const ints = ins.ints;
    let p = 0;
    for (let n = 0; n < ins.count; n++) {
      const o = ints[p]!, c = ints[p + 1]!, gc = ints[p + 2]!, groups = ints[p + 3]!;
      p += 4;
      const g0 = grad[o]!, g1 = grad[o + 1]!;
      for (let g = 0; g < groups; g++) {
        const s = ints[p]!, gs = ints[p + 1]!, nv = ints[p + 2]!;
        const vp = p + 3;
        p = vp + nv;
        const dot = g0 * val[s]! + g1 * val[s + 1]!;
        let w = 0;
        for (let v = 0; v < nv; v++) {
          const cv = ints[vp + v]!;
          grad[gc + cv] += dot;
          w += val[c + cv]!;
        }
        grad[gs] += w * g0;
        grad[gs + 1] += w * g1;
      }
    }
  },
  describe: (ins, names) => mixOp.describe({ ...ins, kind: 'mix', domain: 2 }, names),
};
