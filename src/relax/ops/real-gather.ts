// Moving real values by constant index maps: gather (indexing, slicing, transposing), reduce (sum and
// mean over axes, a scatter-add), and stack (a list of equally shaped tensors). Gradients flow back
// along the same maps.
import type { Instr } from '../tape.ts';
import { pushRealOperand, tensorName, type OpRule, type RealOperand } from './op.ts';

type Gather = Extract<Instr, { kind: 'gather' }>;
type Reduce = Extract<Instr, { kind: 'reduce' }>;
type Stack = Extract<Instr, { kind: 'stack' }>;

/** Instance layout of gather and reduce: `out, arg` (real operands); of stack: `out, item_0, item_1, ...`. */
export function encodeMove(ints: number[], out: RealOperand, args: readonly RealOperand[]): void {
  pushRealOperand(ints, out);
  for (const a of args) pushRealOperand(ints, a);
}

export const gatherOp: OpRule<Gather> = {
  kind: 'gather',
  forward(ins, m) {
    const { val } = m;
    const ints = ins.ints;
    const { index, outSize } = ins;
    const so = ints[2]!, sa = ints[5]!;
    const lanes = so === 0 ? 1 : m.lanes;
    for (let e = 0; e < lanes; e++) {
      const o = ints[0]! + e * so, a = ints[3]! + e * sa;
      for (let i = 0; i < outSize; i++) val[o + i] = val[a + index[i]!]!;
    }
  },
  backward(ins, m) {
    const { grad } = m;
    const ints = ins.ints;
    const { index, outSize } = ins;
    if (ints[4]! < 0) return;
    const so = ints[2]!, sa = ints[5]!;
    const lanes = so === 0 ? 1 : m.lanes;
    for (let e = 0; e < lanes; e++) {
      const go = ints[1]! + e * so, ga = ints[4]! + e * sa;
      for (let i = 0; i < outSize; i++) grad[ga + index[i]!] += grad[go + i]!;
    }
  },
  describe(ins, names) {
    const shown = ins.index.length <= 8 ? Array.from(ins.index).join(', ') : `${ins.index.length} indices`;
    return [`${tensorName(names, ins.ints[0]!)} = ${tensorName(names, ins.ints[3]!)}[${shown}]`];
  },
};

export const reduceOp: OpRule<Reduce> = {
  kind: 'reduce',
  forward(ins, m) {
    const { val } = m;
    const ints = ins.ints;
    const { index, inSize, outSize, scale } = ins;
    const so = ints[2]!, sa = ints[5]!;
    const lanes = so === 0 ? 1 : m.lanes;
    for (let e = 0; e < lanes; e++) {
      const o = ints[0]! + e * so, a = ints[3]! + e * sa;
      for (let i = 0; i < outSize; i++) val[o + i] = 0;
      for (let i = 0; i < inSize; i++) val[o + index[i]!] += scale * val[a + i]!;
    }
  },
  backward(ins, m) {
    const { grad } = m;
    const ints = ins.ints;
    const { index, inSize, scale } = ins;
    if (ints[4]! < 0) return;
    const so = ints[2]!, sa = ints[5]!;
    const lanes = so === 0 ? 1 : m.lanes;
    for (let e = 0; e < lanes; e++) {
      const go = ints[1]! + e * so, ga = ints[4]! + e * sa;
      for (let i = 0; i < inSize; i++) grad[ga + i] += scale * grad[go + index[i]!]!;
    }
  },
  describe(ins, names) {
    const what = ins.scale === 1 ? 'sum' : 'mean';
    return [`${tensorName(names, ins.ints[0]!)} = ${what}(${tensorName(names, ins.ints[3]!)})  (${ins.inSize} -> ${ins.outSize})`];
  },
};

export const stackOp: OpRule<Stack> = {
  kind: 'stack',
  forward(ins, m) {
    const { val } = m;
    const ints = ins.ints;
    const { itemSize, items } = ins;
    const so = ints[2]!;
    const lanes = so === 0 ? 1 : m.lanes;
    for (let e = 0; e < lanes; e++) {
      const o = ints[0]! + e * so;
      for (let j = 0; j < items; j++) {
        const a = ints[3 + 3 * j]! + e * ints[5 + 3 * j]!;
        for (let i = 0; i < itemSize; i++) val[o + j * itemSize + i] = val[a + i]!;
      }
    }
  },
  backward(ins, m) {
    const { grad } = m;
    const ints = ins.ints;
    const { itemSize, items } = ins;
    if (ints[1]! < 0) return;
    const so = ints[2]!;
    const lanes = so === 0 ? 1 : m.lanes;
    for (let e = 0; e < lanes; e++) {
      const go = ints[1]! + e * so;
      for (let j = 0; j < items; j++) {
        const gaBase = ints[4 + 3 * j]!;
        if (gaBase < 0) continue;
        const ga = gaBase + e * ints[5 + 3 * j]!;
        for (let i = 0; i < itemSize; i++) grad[ga + i] += grad[go + j * itemSize + i]!;
      }
    }
  },
  describe(ins, names) {
    const parts = Array.from({ length: ins.items }, (_, j) => tensorName(names, ins.ints[3 + 3 * j]!));
    return [`${tensorName(names, ins.ints[0]!)} = [${parts.join(', ')}]`];
  },
};
