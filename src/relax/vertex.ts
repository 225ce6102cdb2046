// The tape run at a vertex on integers. When every Param is one-hot, every vector the relaxed
// evaluator computes is one-hot or all zero, so each is held as one index (-1 for all zero) and an
// op becomes a table lookup or a branch choice. Local searches use it to score a candidate move's
// terms at a fraction of a forward pass, and for the gradient at a vertex (vertex-backward.ts),
// without disturbing the state the relaxed evaluator's last pass left.
import type { Instr, Tape } from './tape.ts';
import { encodeBackward, ReverseRunner } from './vertex-backward.ts';
import { CHOOSE, CONST, COPY, pushTableHeader, TABLE, tableInstances } from './vertex-code.ts';
import { DeltaRunner } from './vertex-delta.ts';
import { IntList } from '../util/int-list.ts';


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
  /** The reverse pass over the instances gradient reaches, its gradient storage, and the vectors the loss terms read. */
  private readonly reverse: ReverseRunner;
  private readonly seeds: Int32Array;
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
  /** Change propagation from the last run's vertex, and that vertex's Param values. */
  private readonly delta: DeltaRunner;
  /** Param values (an index, -1 for all zero) of the run `hot` holds, of the vertex before the last propagated change, and requested. */
  private readonly current: Int32Array;
  private readonly before: Int32Array;
  private readonly wanted: Int32Array;
  /** Whether the delta runner's undo log leads from the current vertex back to `before`. */
  private undoable = false;
  /**
   * A vertex this many Params or fewer away from the last run is reached by change propagation
   * (0: always a full run; benchmarks and tests compare the two).
   */
  deltaParams = 4;
  /**
   * What rerunning one instance by change propagation costs against rerunning it in a straight run
   * (queueing and heap upkeep against one lookup: 30-40 ns against 4 here). A change whose Params
   * last wrote more than 1 / propagateCost of the instances from their first reader on takes the
   * straight run. 10 was chosen by `npm run bench moves` on the suite's tuning tasks (20 is level).
   * Infinity: always straight; 0: always propagation.
   */
  propagateCost = 10;
  /** Per Param: outputs its last change on its own overwrote (0 until it has changed alone). */
  private readonly reach: Float64Array;
  /** How the requests were served: counters for studies and tests. */
  readonly counts = { full: 0, propagated: 0, straight: 0, undone: 0, same: 0 };
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
    this.reverse = new ReverseRunner(encodeBackward(tape.body), tape.gradientSize);
    this.seeds = Int32Array.from(new Set(Array.from(terms.vector).filter((v) => v >= 0 && v < tape.gradientSize)));
    this.grad = new Float64Array(tape.gradientSize);
    this.paramGrad = this.grad.subarray(0, tape.paramSize);
    this.lossScale = lossScale;
    this.epsilon = epsilon;
    this.termCount = tape.examples * tape.observedSlots.length;
    this.code = encode(tape.body);
    const params = tape.params.length;
    this.delta = new DeltaRunner(this.code, tape.storageSize, params);
    this.current = new Int32Array(params);
    this.before = new Int32Array(params);
    this.wanted = new Int32Array(params);
    this.reach = new Float64Array(params);
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
    this.reverse.run(hot, g, this.seeds);
    grad.set(this.paramGrad);
    return total * lossScale;
  }

  /**
   * Brings `hot` to the vertex `probs`: nothing to do at the vertex of the last run; the undo log
   * back to the vertex before the last change when that is nearer; then, within `deltaParams`
   * Params, a logged change ({@link change}); else a full run.
   */
  private forward(probs: Float64Array): void {
    const { hot, wanted, current, before } = this;
    const params = this.tape.params;
    let changed = 0;
    let changedFromBefore = 0;
    for (let i = 0; i < params.length; i++) {
      const p = params[i]!;
      let k = -1;
      for (let j = 0; j < p.domain; j++) {
        const x = probs[p.offset + j]!;
        if (x === 1 && k < 0) k = j;
        else if (x !== 0) throw new RangeError(`termLosses needs a vertex: ${p.name} is not one-hot`);
      }
      wanted[i] = k;
      if (k !== current[i]) changed++;
      if (k !== before[i]) changedFromBefore++;
    }
    if (this.ran && changed === 0) {
      this.counts.same++;
      return;
    }
    if (this.ran && this.undoable && this.deltaParams > 0 && changedFromBefore < changed) {
      // The body's values depend on the Params alone: undoing the last change restores those of
      // the vertex before it, which is nearer. A search checks one candidate after another from
      // one vertex, so each check then propagates its own change only, not also the undoing of
      // the last candidate's.
      this.delta.undo(hot);
      current.set(before);
      this.undoable = false;
      changed = changedFromBefore;
      if (changed === 0) {
        this.counts.undone++;
        return;
      }
    }
    if (this.ran && changed <= this.deltaParams) {
      this.change(changed);
      return;
    }
    for (let i = 0; i < params.length; i++) hot[params[i]!.offset] = wanted[i]!;
    run(this.code, hot);
    current.set(wanted);
    this.undoable = false;
    this.ran = true;
    this.counts.full++;
  }

  /**
   * Brings `hot` from `current` to `wanted`, `changed` Params apart, logging every overwritten
   * index: by change propagation, or by a straight run from the first instance a changed Param
   * reaches when its last change wrote so much that queueing would cost more.
   */
  private change(changed: number): void {
    const { hot, wanted, current, before, delta, reach } = this;
    const params = this.tape.params;
    delta.begin();
    let start = delta.instances;
    let estimate = 0;
    let only = -1;
    for (let i = 0; i < params.length; i++) {
      if (wanted[i] === current[i]) continue;
      start = Math.min(start, delta.firstReader(params[i]!.offset));
      estimate += reach[i]!;
      only = i;
    }
    if (this.propagateCost === Infinity || estimate * this.propagateCost > delta.instances - start) {
      for (let i = 0; i < params.length; i++) if (wanted[i] !== current[i]) delta.assign(hot, params[i]!.offset, wanted[i]!);
      delta.runFrom(hot, start);
      this.counts.straight++;
    } else {
      for (let i = 0; i < params.length; i++) if (wanted[i] !== current[i]) delta.set(hot, params[i]!.offset, wanted[i]!);
      delta.propagate(hot);
      this.counts.propagated++;
    }
    // What a Param's change wrote last time predicts what it writes next time (the log holds the Param's own write too).
    if (changed === 1) reach[only] = delta.logged / 2 - 1;
    before.set(current);
    current.set(wanted);
    this.undoable = true;
  }
}

// The forward integer program (records as in vertex-code.ts). Layouts after `opcode, count`:
//   TABLE  arity, dims[arity], entries[prod dims], then per instance: out, args[arity]
//   COPY   domain, then per instance: out, from
//   CHOOSE subjectDomain, then per instance: out, subject, source[subjectDomain] (-1: no branch)
//   CONST  per instance: out, value (-1: the zero vector)

/** Encodes discrete instructions (the loss is read separately and skipped here). */
function encode(instrs: readonly Instr[]): Int32Array {
  const code = new IntList(instrs.reduce((n, ins) => n + ins.ints.length, 16));
  for (const ins of instrs) {
    const ints = ins.ints;
    switch (ins.kind) {
      case 'onehot':
        code.push2(CONST, ins.count);
        for (let p = 0; p < ins.count * 2; p += 2) {
          const v = ints[p + 1]!;
          code.push2(ints[p]!, v >= 0 && v < ins.domain ? v : -1);
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
        code.push3(COPY, ins.count, ins.domain);
        for (let p = 0; p < ins.count * 3; p += 3) code.push2(ints[p]!, ints[p + 1]!);
        break;
      case 'mix':
      case 'mix2': {
        const d = ins.subjectDomain;
        code.push3(CHOOSE, ins.count, d);
        let p = 0;
        for (let n = 0; n < ins.count; n++) {
          const o = ints[p]!, c = ints[p + 1]!, groups = ints[p + 3]!;
          p += 4;
          // The branch sources, written in place: -1 where no branch holds the subject's value.
          code.push2(o, c);
          const source = code.length;
          for (let v = 0; v < d; v++) code.push(-1);
          for (let g = 0; g < groups; g++) {
            const s = ints[p]!, nv = ints[p + 2]!;
            for (let v = 0; v < nv; v++) code.set(source + ints[p + 3 + v]!, s);
            p += 3 + nv;
          }
        }
        break;
      }
      default:
        break; // the loss; other kinds are refused by VertexEvaluator.create
    }
  }
  return code.finish();
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
