// Numerically stable softmax over the last axis (shift by the row maximum before exp), per lane.
// Backward: d x_j = y_j * (d y_j - sum_i d y_i * y_i).
import type { Instr } from '../tape.ts';
import { pushRealOperand, tensorName, type OpRule, type RealOperand } from './op.ts';

type Softmax = Extract<Instr, { kind: 'softmax' }>;

/** Instance layout: `out, arg` (real operands). */
export function encodeSoftmax(ints: number[], out: RealOperand, arg: RealOperand): void {
  pushRealOperand(ints, out);
  pushRealOperand(ints, arg);
}

export const softmaxOp: OpRule<Softmax> = {
  kind: 'softmax',
  forward(ins, m) {
    const { val } = m;
    const ints = ins.ints;
    const { rows, cols } = ins;
    const total = rows * (ints[2] === 0 ? 1 : m.lanes);
    for (let r = 0; r < total; r++) {
      const o = ints[0]! + r * cols, a = ints[3]! + r * cols;
      let max = -Infinity;
      for (let j = 0; j < cols; j++) if (val[a + j]! > max) max = val[a + j]!;
      let sum = 0;
      for (let j = 0; j < cols; j++) sum += val[o + j] = Math.exp(val[a + j]! - max);
      for (let j = 0; j < cols; j++) val[o + j]! /= sum;
    }
  },
  backward(ins, m) {
    const { val, grad } = m;
    const ints = ins.ints;
    const { rows, cols } = ins;
    if (ints[4]! < 0) return;
    const total = rows * (ints[2] === 0 ? 1 : m.lanes);
    for (let r = 0; r < total; r++) {
      const o = ints[0]! + r * cols, go = ints[1]! + r * cols, ga = ints[4]! + r * cols;
      let dot = 0;
      for (let j = 0; j < cols; j++) dot += grad[go + j]! * val[o + j]!;
      for (let j = 0; j < cols; j++) grad[ga + j] += val[o + j]! * (grad[go + j]! - dot);
    }
  },
  describe(ins, names) {
    return [`${tensorName(names, ins.ints[0]!)} = softmax(${tensorName(names, ins.ints[3]!)})  (${ins.rows} x ${ins.cols})`];
  },
};
