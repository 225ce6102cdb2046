// Matrix product per lane: out (m x n) = a (m x k) @ b (k x n); vectors are m = 1 or n = 1.
// Backward: d a += d out @ b^T, d b += a^T @ d out (a shared operand accumulates over lanes).
import type { Instr } from '../tape.ts';
import { pushRealOperand, tensorName, type OpRule, type RealOperand } from './op.ts';

type Matmul = Extract<Instr, { kind: 'matmul' }>;

/** Instance layout: `out, a, b` (real operands). */
export function encodeMatmul(ints: number[], out: RealOperand, a: RealOperand, b: RealOperand): void {
  pushRealOperand(ints, out);
  pushRealOperand(ints, a);
  pushRealOperand(ints, b);
}

export const matmulOp: OpRule<Matmul> = {
  kind: 'matmul',
  forward(ins, m) {
    const { val } = m;
    const ints = ins.ints;
    const { m: rows, k, n } = ins;
    const so = ints[2]!, sa = ints[5]!, sb = ints[8]!;
    const lanes = so === 0 ? 1 : m.lanes;
    for (let e = 0; e < lanes; e++) {
      const o = ints[0]! + e * so, a = ints[3]! + e * sa, b = ints[6]! + e * sb;
      if (n === 1) {
        // Matrix-vector: the common layer `W @ x`.
        for (let i = 0; i < rows; i++) {
          const ai = a + i * k;
          let s = 0;
          for (let t = 0; t < k; t++) s += val[ai + t]! * val[b + t]!;
          val[o + i] = s;
        }
        continue;
      }
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let t = 0; t < k; t++) s += val[a + i * k + t]! * val[b + t * n + j]!;
          val[o + i * n + j] = s;
        }
      }
    }
  },
  backward(ins, m) {
    const { val, grad } = m;
    const ints = ins.ints;
    const { m: rows, k, n } = ins;
    const go0 = ints[1]!, ga0 = ints[4]!, gb0 = ints[7]!;
    if (go0 < 0) return;
    const so = ints[2]!, sa = ints[5]!, sb = ints[8]!;
    const lanes = so === 0 ? 1 : m.lanes;
    for (let e = 0; e < lanes; e++) {
      const go = go0 + e * so, a = ints[3]! + e * sa, b = ints[6]! + e * sb;
      const ga = ga0 + e * sa, gb = gb0 + e * sb;
      if (n === 1) {
        for (let i = 0; i < rows; i++) {
          const g = grad[go + i]!;
          if (g === 0) continue;
          const ai = a + i * k;
          if (ga0 >= 0) for (let t = 0; t < k; t++) grad[ga + i * k + t] += g * val[b + t]!;
          if (gb0 >= 0) for (let t = 0; t < k; t++) grad[gb + t] += g * val[ai + t]!;
        }
        continue;
      }
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < n; j++) {
          const g = grad[go + i * n + j]!;
          if (g === 0) continue;
          for (let t = 0; t < k; t++) {
            if (ga0 >= 0) grad[ga + i * k + t] += g * val[b + t * n + j]!;
            if (gb0 >= 0) grad[gb + t * n + j] += g * val[a + i * k + t]!;
          }
        }
      }
    }
  },
  describe(ins, names) {
    const ints = ins.ints;
    return [`${tensorName(names, ints[0]!)} = ${tensorName(names, ints[3]!)} @ ${tensorName(names, ints[6]!)}  (${ins.m}x${ins.k} @ ${ins.k}x${ins.n})`];
  },
};
