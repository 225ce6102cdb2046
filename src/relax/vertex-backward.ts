// The reverse pass at a vertex. With every value vector one-hot (an index in `hot`), each op's
// partial derivatives reduce to lookups: a table's derivative in one argument is the output
// gradient at the entry the other arguments select, and a case merge sends the output gradient
// to the chosen branch only. Same gradients as the relaxed ops' backward rules there, with the
// products by 0 and 1 left out.
import type { Instr } from './tape.ts';
import { IntList } from '../util/int-list.ts';
import { CHOOSE, COPY, pushTableHeader, TABLE, tableInstances } from './vertex-code.ts';

// Records `opcode, count, ...` in reverse instruction order. Layouts after `opcode, count`:
//   TABLE  arity, dims[arity], entries[prod dims], outDomain, per instance: out, (argVal, argGrad)[arity]
//   COPY   shared domain, per instance: out, fromGrad
//   CHOOSE domain, subjectDomain D, per instance: out, subjectVal, subjectGrad, (sourceVal, sourceGrad)[D]

/** Encodes the reverse pass of discrete body instructions (the loss and constants are left out). */
export function encodeBackward(body: readonly Instr[]): Int32Array {
  const code = new IntList(body.reduce((n, ins) => n + ins.ints.length, 16));
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
        code.push(ins.table.outDomain);
        const width = 1 + 2 * arity;
        for (let p = 0; p < ins.count * width; p += width) for (let k = 0; k < width; k++) code.push(ints[p + k]!);
        break;
      }
      case 'copy':
        code.push3(COPY, ins.count, Math.min(ins.domain, ins.fromDomain));
        for (let p = 0; p < ins.count * 3; p += 3) code.push2(ints[p]!, ints[p + 2]!);
        break;
      case 'mix':
      case 'mix2': {
        const d = ins.kind === 'mix' ? ins.domain : 2;
        const subjects = ins.subjectDomain;
        code.push3(CHOOSE, ins.count, d);
        code.push(subjects);
        let p = 0;
        for (let n = 0; n < ins.count; n++) {
          const groups = ints[p + 3]!;
          code.push3(ints[p]!, ints[p + 1]!, ints[p + 2]!);
          // Per subject value: its branch's (value, gradient) offsets, written in place; -1 for none.
          const source = code.length;
          for (let v = 0; v < 2 * subjects; v++) code.push(-1);
          p += 4;
          for (let g = 0; g < groups; g++) {
            const nv = ints[p + 2]!;
            for (let v = 0; v < nv; v++) {
              code.set(source + 2 * ints[p + 3 + v]!, ints[p]!);
              code.set(source + 2 * ints[p + 3 + v]! + 1, ints[p + 1]!);
            }
            p += 3 + nv;
          }
        }
        break;
      }
      default:
        break; // onehot: no upstream; the loss is seeded by the caller
    }
  }
  return code.finish();
}

/**
 * Runs an encoded reverse pass over the instances gradient reaches. At a vertex a case merge passes
 * gradient to its chosen branch only, so most of a machine model's branches get none: starting from
 * the instances whose outputs the loss reads, an instance is run only when a reader sent gradient to
 * its output. Records are run in code order (reverse program order), and within a record the queued
 * instances in code order too, so every gradient sums its terms in the order of a full reverse pass.
 */
export class ReverseRunner {
  /** Per instance: where its operands start in the code, and its record. */
  private readonly at: Int32Array;
  private readonly record: Int32Array;
  /** Per record: its opcode, where its header starts (after opcode and count), its first instance. */
  private readonly op: Int32Array;
  private readonly header: Int32Array;
  private readonly start: Int32Array;
  /** The instance whose output gradient starts at each gradient offset (-1: a Param or the sink). */
  private readonly producer: Int32Array;
  /** A mark per queued instance, and per record holding one. */
  private readonly queued: Int32Array;
  private readonly recordQueued: Int32Array;
  private stamp = 0;
  /** Instances run by the last pass (for studies and benchmarks). */
  ran = 0;

  constructor(
    private readonly code: Int32Array,
    gradientSize: number,
  ) {
    // Records and instances first, so the per-instance arrays are allocated once at their length.
    let records = 0;
    let instances = 0;
    for (let p = 0; p < code.length; records++) {
      const count = code[p + 1]!;
      instances += count;
      p = firstInstance(code, p) + count * width(code, p);
    }
    const at = new Int32Array(instances);
    const record = new Int32Array(instances);
    const op = new Int32Array(records);
    const header = new Int32Array(records);
    const start = new Int32Array(records + 1);
    const producer = new Int32Array(gradientSize).fill(-1);
    let i = 0;
    for (let r = 0, p = 0; r < records; r++) {
      const count = code[p + 1]!;
      op[r] = code[p]!;
      header[r] = p + 2;
      start[r] = i;
      const w = width(code, p);
      for (let n = 0, q = firstInstance(code, p); n < count; n++, q += w, i++) {
        producer[code[q]!] = i;
        at[i] = q;
        record[i] = r;
      }
      p = firstInstance(code, p) + count * w;
    }
    start[records] = instances;
    this.at = at;
    this.record = record;
    this.op = op;
    this.header = header;
    this.start = start;
    this.producer = producer;
    this.queued = new Int32Array(at.length);
    this.recordQueued = new Int32Array(op.length);
  }

  /** Queues the instance producing the vector whose gradient starts at `g`, if any. */
  private reach(g: number): void {
    const i = this.producer[g]!;
    if (i < 0) return;
    this.queued[i] = this.stamp;
    this.recordQueued[this.record[i]!] = this.stamp;
  }

  /**
   * Runs the reverse pass: on entry `grad` holds d loss / d output at the vectors in `seeds` (the
   * loss terms' gradient offsets) and zero elsewhere.
   */
  run(hot: Int32Array, grad: Float64Array, seeds: Int32Array): void {
    this.stamp++;
    this.ran = 0;
    for (let k = 0; k < seeds.length; k++) this.reach(seeds[k]!);
    const { code, at, op, header, start, queued, recordQueued, stamp } = this;
    for (let r = 0; r < op.length; r++) {
      if (recordQueued[r] !== stamp) continue;
      const h = header[r]!;
      for (let i = start[r]!, end = start[r + 1]!; i < end; i++) {
        if (queued[i] !== stamp) continue;
        this.ran++;
        const p = at[i]!;
        if (op[r] === CHOOSE) this.choose(hot, grad, h, p);
        else if (op[r] === TABLE) this.table(hot, grad, h, p);
        else {
          const d = code[h]!, o = code[p]!, g = code[p + 1]!;
          if (zero(grad, o, d)) continue;
          for (let k = 0; k < d; k++) grad[g + k] += grad[o + k]!;
          this.reach(g);
        }
      }
    }
  }

  /** A case merge: d out / d subject[v] is branch v's output (one entry of the output gradient); the chosen branch gets it all. */
  private choose(hot: Int32Array, grad: Float64Array, h: number, p: number): void {
    const { code } = this;
    const d = code[h]!, subjects = code[h + 1]!;
    const o = code[p]!, gc = code[p + 2]!;
    if (zero(grad, o, d)) return;
    for (let v = 0; v < subjects; v++) {
      const s = code[p + 3 + 2 * v]!;
      if (s < 0) continue;
      const x = hot[s]!;
      if (x >= 0) grad[gc + v] += grad[o + x]!;
    }
    this.reach(gc);
    const c = hot[code[p + 1]!]!;
    if (c < 0) return;
    const gs = code[p + 4 + 2 * c]!;
    if (gs < 0) return;
    for (let k = 0; k < d; k++) grad[gs + k] += grad[o + k]!;
    this.reach(gs);
  }

  /** A table: its derivative in one argument is the output gradient at the entries the other arguments select. */
  private table(hot: Int32Array, grad: Float64Array, h: number, p: number): void {
    const { code } = this;
    const arity = code[h]!;
    const dims = h + 1;
    const entries = dims + arity;
    const out = code[tableInstances(code, h)]!;
    const o = code[p]!;
    if (zero(grad, o, out)) return;
    if (arity === 1) {
      const ga = code[p + 2]!;
      for (let x = 0; x < code[dims]!; x++) {
        const k = code[entries + x]!;
        if (k >= 0) grad[ga + x] += grad[o + k]!;
      }
      this.reach(ga);
      return;
    }
    if (arity === 2) {
      const da = code[dims]!, db = code[dims + 1]!;
      const a = hot[code[p + 1]!]!, b = hot[code[p + 3]!]!;
      if (b >= 0) {
        const ga = code[p + 2]!;
        for (let x = 0; x < da; x++) {
          const k = code[entries + x * db + b]!;
          if (k >= 0) grad[ga + x] += grad[o + k]!;
        }
        this.reach(ga);
      }
      if (a >= 0) {
        const gb = code[p + 4]!;
        for (let x = 0; x < db; x++) {
          const k = code[entries + a * db + x]!;
          if (k >= 0) grad[gb + x] += grad[o + k]!;
        }
        this.reach(gb);
      }
      return;
    }
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
      this.reach(gj);
    }
  }
}

/** Whether `grad[o .. o + d)` is all zero (no gradient reaches the vector at `o`). */
function zero(grad: Float64Array, o: number, d: number): boolean {
  for (let k = 0; k < d; k++) if (grad[o + k] !== 0) return false;
  return true;
}

/** Where the first instance of the record at `p` starts (past its opcode, count and header). */
function firstInstance(code: Int32Array, p: number): number {
  const opcode = code[p]!;
  if (opcode === CHOOSE) return p + 4;
  if (opcode === TABLE) return tableInstances(code, p + 2) + 1; // past the output domain
  return p + 3;
}

/** The ints per instance of the record at `p`. */
function width(code: Int32Array, p: number): number {
  const opcode = code[p]!;
  if (opcode === CHOOSE) return 3 + 2 * code[p + 3]!;
  if (opcode === TABLE) return 1 + 2 * code[p + 2]!;
  return 2;
}
