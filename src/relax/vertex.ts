// The tape run at a vertex on integers. When every Param is one-hot, every vector the relaxed
// evaluator computes is one-hot or all zero, so each is held as one index (-1 for all zero) and an
// op becomes a table lookup or a branch choice. Local searches use it to score a candidate move's
// terms at a fraction of a forward pass, and for the gradient at a vertex (vertex-backward.ts),
// without disturbing the state the relaxed evaluator's last pass left.
import type { Instr, Tape } from './tape.ts';
import { encodeBackward, runBackward } from './vertex-backward.ts';
import { CHOOSE, CONST, COPY, pushTableHeader, TABLE, tableInstances } from './vertex-code.ts';

/** Per-term losses of discrete assignments, by the relaxed evaluator's tape run on one-hot indices. */
export class VertexEvaluator {
  /** For each storage offset that starts a vector: the index of its 1, or -1 for the zero vector. */
  private readonly hot: Int32Array;
  /** Per loss term, in loss-instruction order: the vector the observed probability lies in, and its value. */
  private readonly termVector: Int32Array;
  private readonly termValue: Int32Array;
  private readonly termIndex: Int32Array;
  /** Per loss term: where its probability's gradient goes. */
  private readonly termGrad: Int32Array;
  /** The reverse pass, encoded for {@link runBackward}, and its gradient storage. */
  private readonly backCode: Int32Array;
  private readonly grad: Float64Array;
  /** The Params' part of `grad` (they come first in storage). */
  private readonly paramGrad: Float64Array;
  /** The loss instruction's factor (1 / examples). */
  private readonly lossScale: number;
  private readonly epsilon: number;
  /** The body's discrete instructions, encoded for {@link run}. */
  private readonly code: Int32Array;
  private readonly termCount: number;
  /** Whether `hot` holds a completed run at the Params it holds. */
  private ran = false;
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
    const grads: number[] = [];
    let scale = 1;
    for (const ins of tape.body) {
      if (ins.kind !== 'loss') continue;
      scale = ins.scale;
      for (let p = 0; p < ins.count * 3; p += 3) {
        const cell = ins.ints[p]!;
        if (cell === tape.zeroCell) vectors.push(-1), values.push(0);
        else if (vectorOf[cell]! < 0) return null;
        else vectors.push(vectorOf[cell]!), values.push(cell - vectorOf[cell]!);
        indices.push(ins.ints[p + 2]!);
        grads.push(ins.ints[p + 1]!);
      }
    }
    const terms = { vector: Int32Array.from(vectors), value: Int32Array.from(values), index: Int32Array.from(indices), grad: Int32Array.from(grads) };
    return new VertexEvaluator(tape, epsilon, terms, scale);
  }

  private constructor(
    private readonly tape: Tape,
    epsilon: number,
    terms: { vector: Int32Array; value: Int32Array; index: Int32Array; grad: Int32Array },
    lossScale: number,
  ) {
    this.hot = new Int32Array(tape.storageSize).fill(-1);
    this.termVector = terms.vector;
    this.termValue = terms.value;
    this.termIndex = terms.index;
    this.termGrad = terms.grad;
    this.backCode = encodeBackward(tape.body);
    this.grad = new Float64Array(tape.gradientSize);
    this.paramGrad = this.grad.subarray(0, tape.paramSize);
    this.lossScale = lossScale;
    this.epsilon = epsilon;
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
    this.forward(probs);
    const { hot, termVector, termValue, termIndex, lossAt0, lossAt1 } = this;
    into.fill(0, at, at + this.termCount); // masked terms (absent from the loss) stay 0, as in a pass
    for (let i = 0; i < termIndex.length; i++) {
      const v = termVector[i]!;
      into[at + termIndex[i]!] = v >= 0 && hot[v] === termValue[i] ? lossAt1 : lossAt0;
    }
  }

  /**
   * The relaxed evaluator's `lossAndGradient` at the vertex `probs` under `termWeights`: returns the
   * loss and writes d loss / d probs into `grad` (length `paramSize`).
   */
  lossAndGradient(probs: Float64Array, termWeights: Float64Array, grad: Float64Array): number {
    this.forward(probs);
    const { hot, termVector, termValue, termIndex, termGrad, lossAt0, lossAt1, epsilon, lossScale } = this;
    const g = this.grad;
    g.fill(0);
    let total = 0;
    for (let i = 0; i < termIndex.length; i++) {
      const v = termVector[i]!;
      const p = v >= 0 && hot[v] === termValue[i] ? 1 : 0;
      const w = termWeights[termIndex[i]!]!;
      total += w * (p === 1 ? lossAt1 : lossAt0);
      g[termGrad[i]!] += (-lossScale * w) / (p + epsilon);
    }
    runBackward(this.backCode, hot, g);
    grad.set(this.paramGrad);
    return total * lossScale;
  }

  /** Runs the tape on indices at the vertex `probs`. */
  private forward(probs: Float64Array): void {
    const { hot } = this;
    // The body's values depend on the Params alone: at the vertex of the last run, they stand.
    let same = this.ran;
    this.ran = false;
    for (const p of this.tape.params) {
      let k = -1;
      for (let j = 0; j < p.domain; j++) {
        const x = probs[p.offset + j]!;
        if (x === 1 && k < 0) k = j;
        else if (x !== 0) throw new RangeError(`termLosses needs a vertex: ${p.name} is not one-hot`);
      }
      if (hot[p.offset] !== k) same = false;
      hot[p.offset] = k;
    }
    if (!same) run(this.code, hot);
    this.ran = true;
  }
}

// The forward integer program (records as in vertex-code.ts). Layouts after `opcode, count`:
//   TABLE  arity, dims[arity], entries[prod dims], then per instance: out, args[arity]
//   COPY   domain, then per instance: out, from
//   CHOOSE subjectDomain, then per instance: out, subject, source[subjectDomain] (-1: no branch)
//   CONST  per instance: out, value (-1: the zero vector)

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
        const { argDomains } = ins.table;
        const arity = argDomains.length;
        pushTableHeader(code, ins.count, ins.table);
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
      p = tableInstances(code, p);
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
