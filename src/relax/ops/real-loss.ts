// The real loss, added after the discrete loss: squared error of real Outputs (`1/2` or 1 times the
// sum of squares), the negative log-likelihood of Bernoulli / Categorical draws (epsilon added inside
// the log, as for discrete outputs), each summed or averaged over the active lanes, plus `alpha/2 ||W||^2`.
import type { Instr } from '../tape.ts';
import { tensorName, type OpRule, type RealOperand } from './op.ts';

type RealLoss = Extract<Instr, { kind: 'realloss' }>;

export const SQUARED = 0;
export const BERNOULLI = 1;
export const CATEGORICAL = 2;
export const L2 = 3;

/**
 * Term layouts (read sequentially; targets are `count` floats per lane, NaN = don't care):
 * squared / bernoulli `kind, value (operand), target, count`; categorical adds `classes`;
 * L2 `kind, value offset, gradient offset, size`.
 */
export function encodeObservedTerm(ints: number[], kind: number, value: RealOperand, target: number, count: number, classes = 1): void {
  ints.push(kind, value.val, value.grad, value.stride, target, count);
  if (kind === CATEGORICAL) ints.push(classes);
}

export function encodeL2Term(ints: number[], val: number, grad: number, size: number): void {
  ints.push(L2, val, grad, size);
}

/** Ints taken by the term starting at `p`. */
function width(ints: Int32Array, p: number): number {
  return ints[p] === CATEGORICAL ? 7 : ints[p] === L2 ? 4 : 6;
}

export const realLossOp: OpRule<RealLoss> = {
  kind: 'realloss',
  forward(ins, m) {
    const { val, epsilon } = m;
    const ints = ins.ints;
    const lanes = m.lanes;
    let squared = 0, cross = 0, penalty = 0;
    for (let p = 0, n = 0; n < ins.count; n++, p += width(ints, p)) {
      const kind = ints[p]!;
      if (kind === L2) {
        const w = ints[p + 1]!, size = ints[p + 3]!;
        for (let i = 0; i < size; i++) penalty += val[w + i]! * val[w + i]!;
        continue;
      }
      const v = ints[p + 1]!, stride = ints[p + 3]!, target = ints[p + 4]!, count = ints[p + 5]!;
      const classes = kind === CATEGORICAL ? ints[p + 6]! : 1;
      for (let e = 0; e < lanes; e++) {
        for (let i = 0; i < count; i++) {
          const t = val[target + e * count + i]!;
          if (Number.isNaN(t)) continue;
          const at = v + e * stride + i * classes;
          if (kind === SQUARED) squared += (val[at]! - t) * (val[at]! - t);
          else if (kind === BERNOULLI) cross -= Math.log((t === 1 ? val[at]! : 1 - val[at]!) + epsilon);
          else cross -= Math.log(val[at + t]! + epsilon);
        }
      }
    }
    penalty *= 0.5 * ins.alpha;
    const seScale = (ins.half ? 0.5 : 1) / (ins.squaredMean ? Math.max(1, lanes) : 1);
    const ceScale = 1 / (ins.crossMean ? Math.max(1, lanes) : 1);
    m.penalty = penalty;
    m.loss += seScale * squared + ceScale * cross + penalty;
  },
  backward(ins, m) {
    const { val, grad, epsilon } = m;
    const ints = ins.ints;
    const lanes = m.lanes;
    const seScale = (ins.half ? 0.5 : 1) / (ins.squaredMean ? Math.max(1, lanes) : 1);
    const ceScale = 1 / (ins.crossMean ? Math.max(1, lanes) : 1);
    for (let p = 0, n = 0; n < ins.count; n++, p += width(ints, p)) {
      const kind = ints[p]!;
      if (kind === L2) {
        const w = ints[p + 1]!, gw = ints[p + 2]!, size = ints[p + 3]!;
        for (let i = 0; i < size; i++) grad[gw + i] += ins.alpha * val[w + i]!;
        continue;
      }
      const v = ints[p + 1]!, gv = ints[p + 2]!, stride = ints[p + 3]!, target = ints[p + 4]!, count = ints[p + 5]!;
      if (gv < 0) continue;
      const classes = kind === CATEGORICAL ? ints[p + 6]! : 1;
      for (let e = 0; e < lanes; e++) {
        for (let i = 0; i < count; i++) {
          const t = val[target + e * count + i]!;
          if (Number.isNaN(t)) continue;
          const off = e * stride + i * classes;
          if (kind === SQUARED) grad[gv + off] += 2 * seScale * (val[v + off]! - t);
          else if (kind === BERNOULLI) grad[gv + off] += t === 1 ? -ceScale / (val[v + off]! + epsilon) : ceScale / (1 - val[v + off]! + epsilon);
          else grad[gv + off + t] -= ceScale / (val[v + off + t]! + epsilon);
        }
      }
    }
  },
  describe(ins, names) {
    const ints = ins.ints;
    const lines: string[] = [];
    for (let p = 0, n = 0; n < ins.count; n++, p += width(ints, p)) {
      const kind = ints[p]!;
      const v = tensorName(names, ints[p + 1]!);
      if (kind === L2) lines.push(`l2: ${ins.alpha}/2 * ||${v}||^2`);
      else if (kind === SQUARED) lines.push(`squared: ${ins.half ? '1/2 ' : ''}(${v} - ${tensorName(names, ints[p + 4]!)})^2, ${ins.squaredMean ? 'mean' : 'sum'} over lanes`);
      else lines.push(`${kind === BERNOULLI ? 'bernoulli' : 'categorical'}: -log(${v}[${tensorName(names, ints[p + 4]!)}] + eps), ${ins.crossMean ? 'mean' : 'sum'} over lanes`);
    }
    return lines;
  },
};
