// The reverse pass at a vertex. With every value vector one-hot (an index in `hot`), each op's
// partial derivatives reduce to lookups: a table's derivative in one argument is the output
// gradient at the entry the other arguments select, and a case merge sends the output gradient
// to the chosen branch only. Same gradients as the relaxed ops' backward rules there, with the
// products by 0 and 1 left out.
import type { Instr } from './tape.ts';
import { CHOOSE, COPY, pushTableHeader, TABLE, tableInstances } from './vertex-code.ts';

// Records `opcode, count, ...` in reverse instruction order. Layouts after `opcode, count`:
//   TABLE  arity, dims[arity], entries[prod dims], per instance: out, (argVal, argGrad)[arity]
//   COPY   shared domain, per instance: out, fromGrad
//   CHOOSE domain, subjectDomain D, per instance: out, subjectVal, subjectGrad, (sourceVal, sourceGrad)[D]

/** Encodes the reverse pass of discrete body instructions (the loss and constants are left out). */
export function encodeBackward(body: readonly Instr[]): Int32Array {
  const code: number[] = [];
  for (let i = body.length - 1; i >= 0; i--) {
    const ins = body[i]!;
    const ints = ins.ints;
    switch (ins.kind) {
      case 'apply1':
      case 'apply2':
      case 'apply2bin':
      case 'applyN': {
        const { argDomains } = ins.table;
        const arity = argDomains.length;
        if (arity === 0) break;
        pushTableHeader(code, ins.count, ins.table);
        const width = 1 + 2 * arity;
        for (let p = 0; p < ins.count * width; p += width) for (let k = 0; k < width; k++) code.push(ints[p + k]!);
        break;
      }
      case 'copy':
        code.push(COPY, ins.count, Math.min(ins.domain, ins.fromDomain));
        for (let p = 0; p < ins.count * 3; p += 3) code.push(ints[p]!, ints[p + 2]!);
        break;
      case 'mix':
      case 'mix2': {
        const d = ins.kind === 'mix' ? ins.domain : 2;
        const subjects = ins.subjectDomain;
        code.push(CHOOSE, ins.count, d, subjects);
        let p = 0;
        for (let n = 0; n < ins.count; n++) {
          const groups = ints[p + 3]!;
          const source = new Array<number>(2 * subjects).fill(-1);
          code.push(ints[p]!, ints[p + 1]!, ints[p + 2]!);
          p += 4;
          for (let g = 0; g < groups; g++) {
            const nv = ints[p + 2]!;
            for (let v = 0; v < nv; v++) {
              source[2 * ints[p + 3 + v]!] = ints[p]!;
              source[2 * ints[p + 3 + v]! + 1] = ints[p + 1]!;
            }
            p += 3 + nv;
          }
          for (const x of source) code.push(x);
        }
        break;
      }
      default:
        break; // onehot: no upstream; the loss is seeded by the caller
    }
  }
  return Int32Array.from(code);
}

/** Runs an encoded reverse pass: `grad` holds d loss / d output at every op's output on entry. */
export function runBackward(code: Int32Array, hot: Int32Array, grad: Float64Array): void {
  let p = 0;
  while (p < code.length) {
    const op = code[p]!, count = code[p + 1]!;
    p += 2;
    if (op === CHOOSE) {
      const d = code[p]!, subjects = code[p + 1]!;
      p += 2;
      for (let n = 0; n < count; n++, p += 3 + 2 * subjects) {
        const o = code[p]!, gc = code[p + 2]!;
        // d out / d subject[v] is the branch of v's output vector: its 1 picks one output gradient.
        for (let v = 0; v < subjects; v++) {
          const s = code[p + 3 + 2 * v]!;
          if (s < 0) continue;
          const h = hot[s]!;
          if (h >= 0) grad[gc + v] += grad[o + h]!;
        }
        const c = hot[code[p + 1]!]!;
        if (c < 0) continue;
        const gs = code[p + 4 + 2 * c]!;
        if (gs >= 0) for (let k = 0; k < d; k++) grad[gs + k] += grad[o + k]!;
      }
    } else if (op === TABLE) {
      const arity = code[p]!;
      const dims = p + 1;
      const entries = dims + arity;
      p = tableInstances(code, p);
      const width = 1 + 2 * arity;
      if (arity === 1) {
        const da = code[dims]!;
        for (let n = 0; n < count; n++, p += 3) {
          const o = code[p]!, ga = code[p + 2]!;
          for (let x = 0; x < da; x++) {
            const k = code[entries + x]!;
            if (k >= 0) grad[ga + x] += grad[o + k]!;
          }
        }
        continue;
      }
      if (arity === 2) {
        const da = code[dims]!, db = code[dims + 1]!;
        for (let n = 0; n < count; n++, p += 5) {
          const o = code[p]!, a = hot[code[p + 1]!]!, b = hot[code[p + 3]!]!;
          if (b >= 0) {
            const ga = code[p + 2]!;
            for (let x = 0; x < da; x++) {
              const k = code[entries + x * db + b]!;
              if (k >= 0) grad[ga + x] += grad[o + k]!;
            }
          }
          if (a >= 0) {
            const gb = code[p + 4]!;
            for (let x = 0; x < db; x++) {
              const k = code[entries + a * db + x]!;
              if (k >= 0) grad[gb + x] += grad[o + k]!;
            }
          }
        }
        continue;
      }
      for (let n = 0; n < count; n++, p += width) {
        const o = code[p]!;
        // For each argument j and value x: the entry with the other arguments at their values.
        for (let j = 0; j < arity; j++) {
          let base = 0;
          let stride = 1;
          let other = true;
          for (let i = arity - 1; i >= 0; i--) {
            if (i !== j) {
              const a = hot[code[p + 1 + 2 * i]!]!;
              if (a < 0) other = false;
              base += a * stride;
            }
            stride *= code[dims + i]!;
          }
          if (!other) continue;
          let jStride = 1;
          for (let i = arity - 1; i > j; i--) jStride *= code[dims + i]!;
          const gj = code[p + 2 + 2 * j]!;
          for (let x = 0; x < code[dims + j]!; x++) {
            const k = code[entries + base + x * jStride]!;
            if (k >= 0) grad[gj + x] += grad[o + k]!;
          }
        }
      }
    } else {
      const shared = code[p++]!;
      for (let n = 0; n < count; n++, p += 2) {
        const o = code[p]!, g = code[p + 1]!;
        for (let k = 0; k < shared; k++) grad[g + k] += grad[o + k]!;
      }
    }
  }
}
