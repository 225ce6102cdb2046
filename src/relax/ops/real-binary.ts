// Elementwise + - * / with numpy broadcasting: operand element i of the output reads `map[i]` (i
// itself when the map is null), and its gradient scatters back to the same element.
import type { Instr } from '../tape.ts';
import { pushRealOperand, tensorName, type OpRule, type RealOperand } from './op.ts';

type Binary = Extract<Instr, { kind: 'binary' }>;

/** Instance layout: `out, a, b` (real operands). */
export function encodeBinary(ints: number[], out: RealOperand, a: RealOperand, b: RealOperand): void {
  pushRealOperand(ints, out);
  pushRealOperand(ints, a);
  pushRealOperand(ints, b);
}

export const binaryOp: OpRule<Binary> = {
  kind: 'binary',
  forward(ins, m) {
    const { val } = m;
    const ints = ins.ints;
    const { size, mapA, mapB } = ins;
    const so = ints[2]!, sa = ints[5]!, sb = ints[8]!;
    const lanes = so === 0 ? 1 : m.lanes;
    for (let e = 0; e < lanes; e++) {
      const o = ints[0]! + e * so, a = ints[3]! + e * sa, b = ints[6]! + e * sb;
      for (let i = 0; i < size; i++) {
        const x = val[a + (mapA ? mapA[i]! : i)]!;
        const y = val[b + (mapB ? mapB[i]! : i)]!;
        switch (ins.op) {
          case '+': val[o + i] = x + y; break;
          case '-': val[o + i] = x - y; break;
          case '*': val[o + i] = x * y; break;
          case '/': val[o + i] = x / y; break;
        }
      }
    }
  },
  backward(ins, m) {
    const { val, grad } = m;
    const ints = ins.ints;
    const { size, mapA, mapB } = ins;
    const go0 = ints[1]!, ga0 = ints[4]!, gb0 = ints[7]!;
    if (go0 < 0) return;
    const so = ints[2]!, sa = ints[5]!, sb = ints[8]!;
    const lanes = so === 0 ? 1 : m.lanes;
    for (let e = 0; e < lanes; e++) {
      const go = go0 + e * so, a = ints[3]! + e * sa, b = ints[6]! + e * sb;
      const ga = ga0 + e * sa, gb = gb0 + e * sb;
      for (let i = 0; i < size; i++) {
        const g = grad[go + i]!;
        const ia = mapA ? mapA[i]! : i;
        const ib = mapB ? mapB[i]! : i;
        switch (ins.op) {
          case '+':
            if (ga0 >= 0) grad[ga + ia] += g;
            if (gb0 >= 0) grad[gb + ib] += g;
            break;
          case '-':
            if (ga0 >= 0) grad[ga + ia] += g;
            if (gb0 >= 0) grad[gb + ib] -= g;
            break;
          case '*':
            if (ga0 >= 0) grad[ga + ia] += g * val[b + ib]!;
            if (gb0 >= 0) grad[gb + ib] += g * val[a + ia]!;
            break;
          case '/': {
            const y = val[b + ib]!;
            if (ga0 >= 0) grad[ga + ia] += g / y;
            if (gb0 >= 0) grad[gb + ib] -= (g * val[a + ia]!) / (y * y);
            break;
          }
        }
      }
    }
  },
  describe(ins, names) {
    const ints = ins.ints;
    return [`${tensorName(names, ints[0]!)} = ${tensorName(names, ints[3]!)} ${ins.op} ${tensorName(names, ints[6]!)}`];
  },
};
