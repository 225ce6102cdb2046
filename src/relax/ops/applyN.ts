// Table application of any arity (0, 3 and more): walks the table row-major with an odometer,
// keeping prefix products so each step costs O(1) amortised.
import type { Instr } from '../tape.ts';
import { describeApply } from './apply.ts';
import type { OpRule } from './op.ts';

type ApplyN = Extract<Instr, { kind: 'applyN' }>;

/** Scratch arrays an applyN instruction needs for a table of this arity (allocated once at compile time). */
export function applyNScratch(arity: number): Pick<ApplyN, 'index' | 'base' | 'gradBase' | 'prefix' | 'suffix'> {
  return {
    index: new Int32Array(arity),
    base: new Int32Array(arity),
    gradBase: new Int32Array(arity),
    prefix: new Float64Array(arity + 1),
    suffix: new Float64Array(arity + 1),
  };
}

/**
 * Advances the odometer `index` over `dims` (last digit fastest) and refreshes `prefix` from the
 * first digit that changed. Returns false after the last entry.
 */
function advance(dims: readonly number[], index: Int32Array, base: Int32Array, prefix: Float64Array, val: Float64Array): boolean {
  let k = dims.length - 1;
  while (k >= 0) {
    index[k]!++;
    if (index[k]! < dims[k]!) break;
    index[k] = 0;
    k--;
  }
  if (k < 0) return false;
  for (let j = k; j < dims.length; j++) prefix[j + 1] = prefix[j]! * val[base[j]! + index[j]!]!;
  return true;
}

/** Loads the instance at `p` into the scratch arrays and resets the odometer to entry 0. */
function start(ins: ApplyN, p: number, val: Float64Array): void {
  const { ints, index, base, gradBase, prefix } = ins;
  prefix[0] = 1;
  for (let j = 0; j < index.length; j++) {
    base[j] = ints[p + 1 + 2 * j]!;
    gradBase[j] = ints[p + 2 + 2 * j]!;
    index[j] = 0;
    prefix[j + 1] = prefix[j]! * val[base[j]!]!;
  }
}

export const applyNOp: OpRule<ApplyN> = {
  kind: 'applyN',
  forward(ins, m) {
    const { val } = m;
    const { ints, index, base, prefix } = ins;
    const { entries, argDomains, outDomain } = ins.table;
    const n = index.length;
    const width = 1 + 2 * n;
    for (let p = 0; p < ins.count * width; p += width) {
      const o = ints[p]!;
      for (let k = 0; k < outDomain; k++) val[o + k] = 0;
      start(ins, p, val);
      let flat = 0;
      do {
        const k = entries[flat++]!;
        if (k >= 0) val[o + k] += prefix[n]!;
      } while (advance(argDomains, index, base, prefix, val));
    }
  },
  backward(ins, m) {
    const { val, grad } = m;
    const { ints, index, base, gradBase, prefix, suffix } = ins;
    const { entries, argDomains } = ins.table;
    const n = index.length;
    const width = 1 + 2 * n;
    for (let p = 0; p < ins.count * width; p += width) {
      const o = ints[p]!;
      start(ins, p, val);
      let flat = 0;
      do {
        const k = entries[flat++]!;
        const g = k >= 0 ? grad[o + k]! : 0;
        if (g === 0) continue; // nothing to add (`continue` still runs the loop condition)
        // d entry / d arg_j[index_j] = product of the other arguments = prefix[j] * suffix[j + 1].
        suffix[n] = 1;
        for (let j = n - 1; j >= 0; j--) suffix[j] = suffix[j + 1]! * val[base[j]! + index[j]!]!;
        for (let j = 0; j < n; j++) grad[gradBase[j]! + index[j]!] += g * prefix[j]! * suffix[j + 1]!;
      } while (advance(argDomains, index, base, prefix, val));
    }
  },
  describe: (ins, names) => describeApply(ins.table, ins.count, ins.ints, names),
};
