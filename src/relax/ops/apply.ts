// Table application for arity 1 and 2 (any domains): mu_z[k] = sum over f(i, j) = k of mu_a[i] mu_b[j].
import type { Instr, TableRef } from '../tape.ts';
import { pushOperand, type IntSink, type Operand, type OpRule, type StorageNames } from './op.ts';

type Apply1 = Extract<Instr, { kind: 'apply1' }>;
type Apply2 = Extract<Instr, { kind: 'apply2' }>;

/** Instance layout shared by every apply op: `out, (argVal, argGrad) x arity`. */
export function encodeApply(ints: IntSink, out: number, args: readonly Operand[]): void {
  ints.push(out);
  for (const a of args) pushOperand(ints, a);
}

/**
 * Printer shared by every apply op. A table named like a call with `_` holes (lowering names a
 * specialised function `EqualityTest(_, 0)`) gets its arguments printed in the holes.
 */
export function describeApply(table: TableRef, count: number, ints: Int32Array, names: StorageNames): string[] {
  const arity = table.argDomains.length;
  const holes = table.name.split(/(?<=[(,]\s*)_(?=\s*[,)])/);
  const filled = table.name.endsWith(')') && holes.length === arity + 1;
  const call = (args: string[]): string =>
    filled ? holes.map((part, i) => part + (args[i] ?? '')).join('') : `${table.name}(${args.join(', ')})`;
  const width = 1 + 2 * arity;
  const lines: string[] = [];
  for (let p = 0; p < count * width; p += width) {
    const args = table.argDomains.map((_, a) => names.vector(ints[p + 1 + 2 * a]!));
    lines.push(`${names.vector(ints[p]!)} = ${call(args)}`);
  }
  return lines;
}

export const apply1Op: OpRule<Apply1> = {
  kind: 'apply1',
  forward(ins, m) {
    const { val } = m;
    const t = ins.table.entries;
    const da = ins.table.argDomains[0]!;
    const dout = ins.table.outDomain;
    const ints = ins.ints;
    for (let p = 0; p < ins.count * 3; p += 3) {
      const o = ints[p]!, a = ints[p + 1]!;
      for (let k = 0; k < dout; k++) val[o + k] = 0;
      for (let i = 0; i < da; i++) {
        const k = t[i]!;
        if (k >= 0) val[o + k] += val[a + i]!;
      }
    }
  },
  backward(ins, m) {
    const { grad } = m;
    const t = ins.table.entries;
    const da = ins.table.argDomains[0]!;
    const ints = ins.ints;
    for (let p = 0; p < ins.count * 3; p += 3) {
      const o = ints[p]!, ga = ints[p + 2]!;
      for (let i = 0; i < da; i++) {
        const k = t[i]!;
        if (k >= 0) grad[ga + i] += grad[o + k]!;
      }
    }
  },
  describe: (ins, names) => describeApply(ins.table, ins.count, ins.ints, names),
};

export const apply2Op: OpRule<Apply2> = {
  kind: 'apply2',
  forward(ins, m) {
    const { val } = m;
    const t = ins.table.entries;
    const [da, db] = ins.table.argDomains as [number, number];
    const dout = ins.table.outDomain;
    const ints = ins.ints;
    for (let p = 0; p < ins.count * 5; p += 5) {
      const o = ints[p]!, a = ints[p + 1]!, b = ints[p + 3]!;
      for (let k = 0; k < dout; k++) val[o + k] = 0;
      for (let i = 0; i < da; i++) {
        const ai = val[a + i]!;
        if (ai === 0) continue; // exact skip: common at one-hot vertices
        const row = i * db;
        for (let j = 0; j < db; j++) {
          const k = t[row + j]!;
          if (k >= 0) val[o + k] += ai * val[b + j]!;
        }
      }
    }
  },
  backward(ins, m) {
    const { val, grad } = m;
    const t = ins.table.entries;
    const [da, db] = ins.table.argDomains as [number, number];
    const ints = ins.ints;
    for (let p = 0; p < ins.count * 5; p += 5) {
      const o = ints[p]!, a = ints[p + 1]!, ga = ints[p + 2]!, b = ints[p + 3]!, gb = ints[p + 4]!;
      for (let i = 0; i < da; i++) {
        const ai = val[a + i]!;
        const row = i * db;
        let acc = 0;
        for (let j = 0; j < db; j++) {
          const k = t[row + j]!;
          if (k < 0) continue;
          const g = grad[o + k]!;
          acc += g * val[b + j]!;
          grad[gb + j] += ai * g;
        }
        grad[ga + i] += acc;
      }
    }
  },
  describe: (ins, names) => describeApply(ins.table, ins.count, ins.ints, names),
};
