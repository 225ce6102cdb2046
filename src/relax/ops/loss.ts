// The loss: sum over observed outputs, mean over examples, of weight * -log(p_observed + epsilon).
// epsilon is added, never used as a floor, so a wrong output at a vertex (p = 0) still has a gradient.
import type { Instr } from '../tape.ts';
import type { IntSink, OpRule } from './op.ts';

type Loss = Extract<Instr, { kind: 'loss' }>;

/**
 * Term layout: `probVal, probGrad, term` — where the observed value's probability is stored (a cell
 * holding 0 when nothing can produce it), where its gradient goes, and the index into
 * `termWeights` / `termLosses`. Masked terms are simply absent.
 */
export function encodeLoss(ints: IntSink, val: number, grad: number, term: number): void {
  ints.push(val);
  ints.push(grad);
  ints.push(term);
}

export const lossOp: OpRule<Loss> = {
  kind: 'loss',
  forward(ins, m) {
    const { val, epsilon, termWeights, termLosses } = m;
    const ints = ins.ints;
    let total = 0;
    for (let p = 0; p < ins.count * 3; p += 3) {
      const t = ints[p + 2]!;
      const l = -Math.log(val[ints[p]!]! + epsilon);
      termLosses[t] = l;
      total += termWeights[t]! * l;
    }
    m.loss = total * ins.scale;
  },
  backward(ins, m) {
    const { val, grad, epsilon, termWeights } = m;
    const ints = ins.ints;
    const scale = -ins.scale;
    for (let p = 0; p < ins.count * 3; p += 3) {
      grad[ints[p + 1]!] += (scale * termWeights[ints[p + 2]!]!) / (val[ints[p]!]! + epsilon);
    }
  },
  describe(ins, names) {
    const lines: string[] = [];
    for (let p = 0; p < ins.count * 3; p += 3) lines.push(`term ${ins.ints[p + 2]}: -log(${names.cell(ins.ints[p]!)} + eps)`);
    return lines;
  },
};
