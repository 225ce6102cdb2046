// Elementwise real functions (the activation table) and real constants. The hot activations have
// their own loops; the rest go through the table's scalar f / f', which stay the definition.
import { activation } from '../../ir/activations.ts';
import type { Instr } from '../tape.ts';
import { pushRealOperand, tensorName, type OpRule, type RealOperand } from './op.ts';

type Unary = Extract<Instr, { kind: 'unary' }>;
type Fill = Extract<Instr, { kind: 'fill' }>;

/** Instance layout: `out, arg` (real operands); the argument has the output's lane stride. */
export function encodeUnary(ints: number[], out: RealOperand, arg: RealOperand): void {
  pushRealOperand(ints, out);
  pushRealOperand(ints, arg);
}

export const unaryOp: OpRule<Unary> = {
  kind: 'unary',
  forward(ins, m) {
    const { val } = m;
    const ints = ins.ints;
    const o = ints[0]!, a = ints[3]!;
    const total = ins.size * (ints[2] === 0 ? 1 : m.lanes);
    switch (ins.fn) {
      case 'sigmoid':
        for (let i = 0; i < total; i++) {
          const x = val[a + i]!;
          if (x >= 0) val[o + i] = 1 / (1 + Math.exp(-x));
          else {
            const e = Math.exp(x);
            val[o + i] = e / (1 + e);
          }
        }
        return;
      case 'tanh':
        for (let i = 0; i < total; i++) val[o + i] = Math.tanh(val[a + i]!);
        return;
      case 'relu':
        for (let i = 0; i < total; i++) {
          const x = val[a + i]!;
          val[o + i] = x >= 0 ? x : 0;
        }
        return;
      default: {
        const { f } = activation(ins.fn);
        const alpha = ins.alpha;
        for (let i = 0; i < total; i++) val[o + i] = f(val[a + i]!, alpha);
      }
    }
  },
  backward(ins, m) {
    const { val, grad } = m;
    const ints = ins.ints;
    const o = ints[0]!, go = ints[1]!, a = ints[3]!, ga = ints[4]!;
    if (ga < 0) return;
    const total = ins.size * (ints[2] === 0 ? 1 : m.lanes);
    switch (ins.fn) {
      case 'sigmoid':
        for (let i = 0; i < total; i++) {
          const y = val[o + i]!;
          grad[ga + i] += grad[go + i]! * y * (1 - y);
        }
        return;
      case 'tanh':
        for (let i = 0; i < total; i++) {
          const y = val[o + i]!;
          grad[ga + i] += grad[go + i]! * (1 - y * y);
        }
        return;
      case 'relu':
        for (let i = 0; i < total; i++) if (val[a + i]! >= 0) grad[ga + i] += grad[go + i]!;
        return;
      default: {
        const { df } = activation(ins.fn);
        const alpha = ins.alpha;
        for (let i = 0; i < total; i++) grad[ga + i] += grad[go + i]! * df(val[a + i]!, val[o + i]!, alpha);
      }
    }
  },
  describe(ins, names) {
    const arg = tensorName(names, ins.ints[3]!);
    const call = ins.fn === 'neg' ? `-${arg}` : ins.fn === 'pow' ? `${arg} ** ${ins.alpha}` : `${ins.fn}(${arg}${ins.fn === 'leaky_relu' || ins.fn === 'elu' ? `, ${ins.alpha}` : ''})`;
    return [`${tensorName(names, ins.ints[0]!)} = ${call}`];
  },
};

export const fillOp: OpRule<Fill> = {
  kind: 'fill',
  forward(ins, m) {
    m.val.set(ins.values, ins.ints[0]!);
  },
  backward() {
    // Constants have no upstream.
  },
  describe(ins, names) {
    const v = ins.values;
    const shown = v.length <= 8 ? Array.from(v).join(', ') : `${Array.from(v.subarray(0, 4)).join(', ')}, ... (${v.length} values)`;
    return [`${tensorName(names, ins.ints[0]!)} = const(${shown})`];
  },
};
