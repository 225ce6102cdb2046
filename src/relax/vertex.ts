// The tape run at a vertex on integers. When every Param is one-hot, every vector the relaxed
// evaluator computes is one-hot or all zero, so each is held as one index (-1 for all zero) and an
// op becomes a table lookup or a branch choice. Local searches use it to score a candidate move's
// terms at a fraction of a forward pass, without disturbing the state the last pass left.
import type { Instr, Tape } from './tape.ts';

/** Per-term losses of discrete assignments, by the relaxed evaluator's tape run on one-hot indices. */
export class VertexEvaluator {
  /** For each storage offset that starts a vector: the index of its 1, or -1 for the zero vector. */
  private readonly hot: Int32Array;
  /** Per loss term, in loss-instruction order: the vector the observed probability lies in, and its value. */
  private readonly termVector: Int32Array;
  private readonly termValue: Int32Array;
  private readonly termIndex: Int32Array;
  /** The body's discrete instructions, encoded for {@link run}. */
  private readonly code: Int32Array;
  private readonly termCount: number;
  /** The loss of a term whose observed value has probability 0 and 1. */
  private readonly lossAt0: number;
  private readonly lossAt1: number;

  /**
   * Builds the evaluator for a discrete `tape`, or returns null when the tape has an op with no
   * integer form (the real-valued ops) or a loss cell outside every slot.
   */
  static create(tape: Tape, epsilon: number): VertexEvaluator | null {
    if (tape.real) return null;
    const supported = (ins: Instr): boolean =>
      ['onehot', 'apply1', 'apply2', 'apply2bin', 'applyN', 'copy', 'mix', 'mix2', 'loss'].includes(ins.kind);
    if (!tape.prelude.every(supported) || !tape.body.every(supported)) return null;
    const vectorOf = new Int32Array(tape.storageSize).fill(-1);
    for (const slot of tape.slots) {
      const vectors = slot.shared ? 1 : tape.examples;
      for (let e = 0; e < vectors; e++) {
        const start = slot.offset + e * slot.domain;
        for (let k = 0; k < slot.domain; k++) vectorOf[start + k] = start;
      }
    }
    const vectors: number[] = [];
    const values: number[] = [];
    const indices: number[] = [];
    for (const ins of tape.body) {
      if (ins.kind !== 'loss') continue;
      for (let p = 0; p < ins.count * 3; p += 3) {
        const cell = ins.ints[p]!;
        if (cell === tape.zeroCell) vectors.push(-1), values.push(0);
        else if (vectorOf[cell]! < 0) return null;
        else vectors.push(vectorOf[cell]!), values.push(cell - vectorOf[cell]!);
        indices.push(ins.ints[p + 2]!);
      }
    }
    return new VertexEvaluator(tape, epsilon, Int32Array.from(vectors), Int32Array.from(values), Int32Array.from(indices));
  }

  private constructor(
    private readonly tape: Tape,
    epsilon: number,
    termVector: Int32Array,
    termValue: Int32Array,
    termIndex: Int32Array,
  ) {
    this.hot = new Int32Array(tape.storageSize).fill(-1);
    this.termVector = termVector;
    this.termValue = termValue;
    this.termIndex = termIndex;
    this.termCount = tape.examples * tape.observedSlots.length;
    this.code = encode(tape.body);
    this.lossAt0 = -Math.log(0 + epsilon);
    this.lossAt1 = -Math.log(1 + epsilon);
    run(encode(tape.prelude), this.hot);
  }

  /**
   * Writes the per-term losses at the vertex `probs` (every Param's vector one-hot, or all zero)
   * into `into[at ..]`, equal to the `termLosses` of a forward pass there.
   */
  termLosses(probs: Float64Array, into: Float64Array, at = 0): void {
    const { hot } = this;
    for (const p of this.tape.params) {
      let k = -1;
      for (let j = 0; j < p.domain; j++) {
        const x = probs[p.offset + j]!;
        if (x === 1 && k < 0) k = j;
        else if (x !== 0) throw new RangeError(`termLosses needs a vertex: ${p.name} is not one-hot`);
      }
      hot[p.offset] = k;
    }
    run(this.code, hot);
    const { termVector, termValue, termIndex, lossAt0, lossAt1 } = this;
    into.fill(0, at, at + this.termCount); // masked terms (absent from the loss) stay 0, as in a pass
    for (let i = 0; i < termIndex.length; i++) {
      const v = termVector[i]!;
      into[at + termIndex[i]!] = v >= 0 && hot[v] === termValue[i] ? lossAt1 : lossAt0;
    }
  }
}

// The integer program: one flat Int32Array of records `opcode, count, ...`, so the run loop reads
// typed arrays only (no per-instruction objects of varying shapes). Layouts after `opcode, count`:
//   TABLE  arity, dims[arity], entries[prod dims], then per instance: out, args[arity]
//   COPY   domain, then per instance: out, from
//   CHOOSE subjectDomain, then per instance: out, subject, source[subjectDomain] (-1: no branch)
//   CONST  per instance: out, value (-1: the zero vector)
const TABLE = 0;
const COPY = 1;
const CHOOSE = 2;
const CONST = 3;

/** Encodes discrete instructions (the loss is read separately and skipped here). */
function encode(instrs: readonly Instr[]): Int32Array {
  const code: number[] = [];
  for (const ins of instrs) {
    const ints = ins.ints;
    switch (ins.kind) {
      case 'onehot':
        code.push(CONST, ins.count);
        for (let p = 0; p < ins.count * 2; p += 2) {
          const v = ints[p + 1]!;
          code.push(ints[p]!, v >= 0 && v < ins.domain ? v : -1);
        }
        break;
      case 'apply1':
      case 'apply2':
      case 'apply2bin':
      case 'applyN': {
        const { argDomains, entries } = ins.table;
        const arity = argDomains.length;
        code.push(TABLE, ins.count, arity);
        for (const d of argDomains) code.push(d);
        for (let i = 0; i < entries.length; i++) code.push(entries[i]!);
        const width = 1 + 2 * arity;
        for (let p = 0; p < ins.count * width; p += width) {
          code.push(ints[p]!);
          for (let j = 0; j < arity; j++) code.push(ints[p + 1 + 2 * j]!);
        }
        break;
      }
      case 'copy':
        code.push(COPY, ins.count, ins.domain);
        for (let p = 0; p < ins.count * 3; p += 3) code.push(ints[p]!, ints[p + 1]!);
        break;
      case 'mix':
      case 'mix2': {
        const d = ins.subjectDomain;
        code.push(CHOOSE, ins.count, d);
        let p = 0;
        for (let n = 0; n < ins.count; n++) {
          const o = ints[p]!, c = ints[p + 1]!, groups = ints[p + 3]!;
          p += 4;
          const source = new Array<number>(d).fill(-1);
          for (let g = 0; g < groups; g++) {
            const s = ints[p]!, nv = ints[p + 2]!;
            for (let v = 0; v < nv; v++) source[ints[p + 3 + v]!] = s;
            p += 3 + nv;
          }
          code.push(o, c);
          for (const x of source) code.push(x);
        }
        break;
      }
      default:
        break; // the loss; other kinds are refused by VertexEvaluator.create
    }
  }
  return Int32Array.from(code);
}

/** Runs an encoded program on one-hot indices. */
function run(code: Int32Array, hot: Int32Array): void {
  let p = 0;
  while (p < code.length) {
    const op = code[p]!, count = code[p + 1]!;
    p += 2;
    if (op === CHOOSE) {
      // The output is the source of the branch holding the subject's value; zero if none does.
      const d = code[p++]!;
      for (let n = 0; n < count; n++, p += 2 + d) {
        const c = hot[code[p + 1]!]!;
        const s = c < 0 ? -1 : code[p + 2 + c]!;
        hot[code[p]!] = s < 0 ? -1 : hot[s]!;
      }
    } else if (op === TABLE) {
      const arity = code[p]!;
      const dims = p + 1;
      const entries = dims + arity;
      let size = 1;
      for (let j = 0; j < arity; j++) size *= code[dims + j]!;
      p = entries + size;
      if (arity === 2) {
        const db = code[dims + 1]!;
        for (let n = 0; n < count; n++, p += 3) {
          const a = hot[code[p + 1]!]!, b = hot[code[p + 2]!]!;
          hot[code[p]!] = a < 0 || b < 0 ? -1 : code[entries + a * db + b]!;
        }
      } else {
        for (let n = 0; n < count; n++, p += 1 + arity) {
          let index = 0;
          for (let j = 0; j < arity && index >= 0; j++) {
            const a = hot[code[p + 1 + j]!]!;
            index = a < 0 ? -1 : index * code[dims + j]! + a;
          }
          hot[code[p]!] = index < 0 ? -1 : code[entries + index]!;
        }
      }
    } else if (op === COPY) {
      const d = code[p++]!;
      for (let n = 0; n < count; n++, p += 2) {
        const a = hot[code[p + 1]!]!;
        hot[code[p]!] = a < d ? a : -1;
      }
    } else {
      for (let n = 0; n < count; n++, p += 2) hot[code[p]!] = code[p + 1]!;
    }
  }
}
