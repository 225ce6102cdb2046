// One-hot constants and clamped Inputs: the leaves of the relaxed program, computed once.
import type { Instr } from '../tape.ts';
import type { IntSink, OpRule } from './op.ts';

type OneHot = Extract<Instr, { kind: 'onehot' }>;

/** Instance layout: `out, value`; a value outside 0..domain-1 (such as -1) gives the zero vector. */
export function encodeOneHot(ints: IntSink, out: number, value: number): void {
  ints.push(out);
  ints.push(value);
}

export const oneHotOp: OpRule<OneHot> = {
  kind: 'onehot',
  forward(ins, m) {
    const { val } = m;
    const { ints, domain } = ins;
    for (let p = 0; p < ins.count * 2; p += 2) {
      const o = ints[p]!, v = ints[p + 1]!;
      for (let k = 0; k < domain; k++) val[o + k] = 0;
      if (v >= 0 && v < domain) val[o + v] = 1;
    }
  },
  backward() {
    // Constants and Inputs have no upstream: nothing to propagate.
  },
  describe(ins, names) {
    const lines: string[] = [];
    for (let p = 0; p < ins.count * 2; p += 2) {
      const v = ins.ints[p + 1]!;
      lines.push(`${names.vector(ins.ints[p]!)} = ${v >= 0 && v < ins.domain ? `onehot(${v})` : 'zero'}`);
    }
    return lines;
  },
};
