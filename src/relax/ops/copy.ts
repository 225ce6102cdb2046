// Copy between different domains: values beyond the target domain are dropped, missing ones are 0.
// (A copy within one domain costs nothing: the compiler aliases the slot instead.)
import type { Instr } from '../tape.ts';
import { pushOperand, type IntSink, type Operand, type OpRule } from './op.ts';

type Copy = Extract<Instr, { kind: 'copy' }>;

/** Instance layout: `out, fromVal, fromGrad`. */
export function encodeCopy(ints: IntSink, out: number, from: Operand): void {
  ints.push(out);
  pushOperand(ints, from);
}

export const copyOp: OpRule<Copy> = {
  kind: 'copy',
  forward(ins, m) {
    const { val } = m;
    const d = ins.domain;
    const shared = Math.min(d, ins.fromDomain);
    const ints = ins.ints;
    for (let p = 0; p < ins.count * 3; p += 3) {
      const o = ints[p]!, a = ints[p + 1]!;
      for (let k = 0; k < shared; k++) val[o + k] = val[a + k]!;
      for (let k = shared; k < d; k++) val[o + k] = 0;
    }
  },
  backward(ins, m) {
    const { grad } = m;
    const shared = Math.min(ins.domain, ins.fromDomain);
    const ints = ins.ints;
    for (let p = 0; p < ins.count * 3; p += 3) {
      const o = ints[p]!, ga = ints[p + 2]!;
      for (let k = 0; k < shared; k++) grad[ga + k] += grad[o + k]!;
    }
  },
  describe(ins, names) {
    const lines: string[] = [];
    for (let p = 0; p < ins.count * 3; p += 3) lines.push(`${names.vector(ins.ints[p]!)} = copy(${names.vector(ins.ints[p + 1]!)})`);
    return lines;
  },
};
