// Change propagation on the integer form of the tape (vertex.ts). A local search asks for vertices
// one or two Params away from the last one, and most of a program does not see such a change: a
// Param of a state or block the examples never reach feeds only case merges that pick another
// branch. So after a change only the instances reading a changed vector are rerun, in program
// order, and only those whose output changed pass the change on. Every overwritten index goes to an
// undo log, so returning to the vertex before the change costs as much as the change did. When a
// change reaches much of the program (a machine's instruction is read at every time step), queueing
// costs more than it saves: then every instance from the first reader of a changed vector on is
// rerun in a straight loop ({@link DeltaRunner.runFrom}), still logging what it overwrites.
import { IntList } from '../util/int-list.ts';
import { CHOOSE, CONST, COPY, nextForwardRecord, TABLE, tableInstances } from './vertex-code.ts';

// Instance kinds, with the two table arities the models use most kept apart.
const K_TABLE1 = 0;
const K_TABLE2 = 1;
const K_TABLEN = 2;
const K_COPY = 3;
const K_CHOOSE = 4;

/** The forward integer program, indexed by instance, with the instances that read each vector. */
export class DeltaRunner {
  /** Per instance: its kind, where its operands start in `code`, and its table header (or choose domain). */
  private readonly kind: Uint8Array;
  private readonly at: Int32Array;
  private readonly header: Int32Array;
  /** Per instance: the index of its record (instruction); instances of one record are independent. */
  private readonly record: Int32Array;
  /** Per record: where it starts in `code` (its opcode). */
  private readonly recordAt: Int32Array;
  /** Readers of each storage offset, compressed: instances `readers[readerStart[v] .. readerStart[v + 1])`. */
  private readonly readerStart: Int32Array;
  private readonly readers: Int32Array;
  /**
   * Instances to rerun, by record: a min-heap of records (program order is a topological order),
   * and per record a linked list of its queued instances (`first`, `next`). Marks per queued
   * instance and record.
   */
  private readonly heap: Int32Array;
  private heapSize = 0;
  private readonly first: Int32Array;
  private readonly next: Int32Array;
  private readonly queued: Int32Array;
  private readonly recordQueued: Int32Array;
  private stamp = 1;
  /** Undo log: pairs (offset, old index) in the order written. */
  private readonly log: Int32Array;
  /** Entries in the log. */
  logged = 0;
  /** Instances rerun by the last {@link propagate} (for studies and benchmarks). */
  reran = 0;
  /** Instances in the program (a straight run from instance `i` reruns `instances - i`). */
  readonly instances: number;

  constructor(
    private readonly code: Int32Array,
    storageSize: number,
    params: number,
  ) {
    // Sizes first (records, and instances of the records that compute), so the per-instance arrays
    // are allocated once at their length.
    let records = 0;
    let instances = 0;
    for (let p = 0; p < code.length; p = nextForwardRecord(code, p), records++) if (code[p] !== CONST) instances += code[p + 1]!;
    // Per instance its kind, operands and header, and the distinct vectors it reads (flat: instance
    // i's are reads[readsAt[i] .. readsAt[i + 1])).
    const kind = new Uint8Array(instances);
    const at = new Int32Array(instances);
    const header = new Int32Array(instances);
    const record = new Int32Array(instances);
    const recordAt = new Int32Array(records);
    const readsAt = new Int32Array(instances + 1);
    const reads = new IntList(3 * instances);
    /** Adds vector `v` to the reads of the instance being listed, unless it has it already. */
    const read = (i: number, v: number): void => {
      for (let r = readsAt[i]!; r < reads.length; r++) if (reads.get(r) === v) return;
      reads.push(v);
    };
    let i = 0;
    for (let r = 0, p = 0; r < records; r++) {
      recordAt[r] = p;
      const op = code[p]!, count = code[p + 1]!;
      p += 2;
      if (op === CHOOSE) {
        const d = code[p++]!;
        for (let n = 0; n < count; n++, p += 2 + d, i++) {
          kind[i] = K_CHOOSE, at[i] = p, header[i] = d, record[i] = r, readsAt[i] = reads.length;
          read(i, code[p + 1]!);
          for (let v = 0; v < d; v++) if (code[p + 2 + v]! >= 0) read(i, code[p + 2 + v]!);
        }
      } else if (op === TABLE) {
        const h = p;
        const arity = code[h]!;
        p = tableInstances(code, p);
        const k = arity === 1 ? K_TABLE1 : arity === 2 ? K_TABLE2 : K_TABLEN;
        for (let n = 0; n < count; n++, p += 1 + arity, i++) {
          kind[i] = k, at[i] = p, header[i] = h, record[i] = r, readsAt[i] = reads.length;
          for (let j = 0; j < arity; j++) read(i, code[p + 1 + j]!);
        }
      } else if (op === COPY) {
        const d = code[p++]!;
        for (let n = 0; n < count; n++, p += 2, i++) {
          kind[i] = K_COPY, at[i] = p, header[i] = d, record[i] = r, readsAt[i] = reads.length;
          reads.push(code[p + 1]!);
        }
      } else {
        p += 2 * count; // constants: nothing reads into them
      }
    }
    readsAt[instances] = reads.length;
    this.kind = kind;
    this.instances = instances;
    this.at = at;
    this.header = header;
    this.record = record;
    this.recordAt = recordAt;
    const start = new Int32Array(storageSize + 1);
    for (let r = 0; r < reads.length; r++) start[reads.get(r) + 1]!++;
    for (let v = 0; v < storageSize; v++) start[v + 1]! += start[v]!;
    const fill = start.slice(0, storageSize);
    const readers = new Int32Array(start[storageSize]!);
    for (let n = 0; n < instances; n++) for (let r = readsAt[n]!, end = readsAt[n + 1]!; r < end; r++) readers[fill[reads.get(r)]!++] = n;
    this.readerStart = start;
    this.readers = readers;
    this.heap = new Int32Array(records);
    this.first = new Int32Array(records).fill(-1);
    this.next = new Int32Array(instances);
    this.queued = new Int32Array(instances);
    this.recordQueued = new Int32Array(records);
    this.log = new Int32Array(2 * (instances + params));
  }

  /** Starts a new change: the undo log is emptied (the current indices become the base). */
  begin(): void {
    this.logged = 0;
    this.reran = 0;
  }

  /** Sets vector `offset` to index `value` (logged) and queues its readers; call {@link propagate} after. */
  set(hot: Int32Array, offset: number, value: number): void {
    if (hot[offset] === value) return;
    this.write(hot, offset, value);
    this.queueReaders(hot, offset);
  }

  /** Reruns every queued instance in program order, passing on changed outputs. */
  propagate(hot: Int32Array): void {
    const { code, kind, at, header, first, next } = this;
    while (this.heapSize > 0) {
      const rec = this.pop();
      let i = first[rec]!;
      first[rec] = -1;
      for (; i >= 0; i = next[i]!) {
      this.reran++;
      const p = at[i]!;
      let value: number;
      switch (kind[i]) {
        case K_CHOOSE: {
          const c = hot[code[p + 1]!]!;
          const s = c < 0 ? -1 : code[p + 2 + c]!;
          value = s < 0 ? -1 : hot[s]!;
          break;
        }
        case K_TABLE2: {
          const h = header[i]!;
          const a = hot[code[p + 1]!]!, b = hot[code[p + 2]!]!;
          value = a < 0 || b < 0 ? -1 : code[h + 3 + a * code[h + 2]! + b]!;
          break;
        }
        case K_TABLE1: {
          const a = hot[code[p + 1]!]!;
          value = a < 0 ? -1 : code[header[i]! + 2 + a]!;
          break;
        }
        case K_TABLEN: {
          const h = header[i]!;
          const arity = code[h]!;
          let index = 0;
          for (let j = 0; j < arity && index >= 0; j++) {
            const a = hot[code[p + 1 + j]!]!;
            index = a < 0 ? -1 : index * code[h + 1 + j]! + a;
          }
          value = index < 0 ? -1 : code[h + 1 + arity + index]!;
          break;
        }
        default: {
          const a = hot[code[p + 1]!]!;
          value = a < header[i]! ? a : -1;
        }
      }
      const out = code[p]!;
      if (hot[out] !== value) {
        this.write(hot, out, value);
        this.queueReaders(hot, out);
      }
      }
    }
    this.stamp++;
  }

  /** Sets vector `offset` to index `value` (logged) without queueing its readers: for {@link runFrom}. */
  assign(hot: Int32Array, offset: number, value: number): void {
    if (hot[offset] !== value) this.write(hot, offset, value);
  }

  /** The first instance reading vector `offset` ({@link instances} if none does). */
  firstReader(offset: number): number {
    // Readers are listed in instance order, which is program order.
    const r = this.readerStart[offset]!;
    return r < this.readerStart[offset + 1]! ? this.readers[r]! : this.instances;
  }

  /**
   * Reruns every instance from `start` on in program order, logging the outputs that change: the
   * records' own loops (as vertex.ts runs them), from the start of `start`'s record (its earlier
   * instances read nothing that changed, so rerunning them writes nothing).
   */
  runFrom(hot: Int32Array, start: number): void {
    const { code, log } = this;
    let logged = this.logged;
    let p = start < this.instances ? this.recordAt[this.record[start]!]! : code.length;
    while (p < code.length) {
      const op = code[p]!, count = code[p + 1]!;
      p += 2;
      if (op === CHOOSE) {
        const d = code[p++]!;
        for (let n = 0; n < count; n++, p += 2 + d) {
          const c = hot[code[p + 1]!]!;
          const s = c < 0 ? -1 : code[p + 2 + c]!;
          const value = s < 0 ? -1 : hot[s]!;
          const out = code[p]!;
          if (hot[out] !== value) (log[logged++] = out), (log[logged++] = hot[out]!), (hot[out] = value);
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
            const value = a < 0 || b < 0 ? -1 : code[entries + a * db + b]!;
            const out = code[p]!;
            if (hot[out] !== value) (log[logged++] = out), (log[logged++] = hot[out]!), (hot[out] = value);
          }
        } else {
          for (let n = 0; n < count; n++, p += 1 + arity) {
            let index = 0;
            for (let j = 0; j < arity && index >= 0; j++) {
              const a = hot[code[p + 1 + j]!]!;
              index = a < 0 ? -1 : index * code[dims + j]! + a;
            }
            const value = index < 0 ? -1 : code[entries + index]!;
            const out = code[p]!;
            if (hot[out] !== value) (log[logged++] = out), (log[logged++] = hot[out]!), (hot[out] = value);
          }
        }
      } else if (op === COPY) {
        const d = code[p++]!;
        for (let n = 0; n < count; n++, p += 2) {
          const a = hot[code[p + 1]!]!;
          const value = a < d ? a : -1;
          const out = code[p]!;
          if (hot[out] !== value) (log[logged++] = out), (log[logged++] = hot[out]!), (hot[out] = value);
        }
      } else {
        p += 2 * count; // constants: what they hold never changes
      }
    }
    this.logged = logged;
  }

  /** Restores every index the log holds, newest first, and empties it. */
  undo(hot: Int32Array): void {
    const { log } = this;
    for (let e = this.logged - 2; e >= 0; e -= 2) hot[log[e]!] = log[e + 1]!;
    this.logged = 0;
  }

  private write(hot: Int32Array, offset: number, value: number): void {
    this.log[this.logged++] = offset;
    this.log[this.logged++] = hot[offset]!;
    hot[offset] = value;
  }

  /**
   * Queues the instances reading vector `offset`, except a case merge whose subject selects
   * another branch: it would give the same output (a change of its subject queues it anyway).
   */
  private queueReaders(hot: Int32Array, offset: number): void {
    const { readers, queued, stamp, code, kind, at, record, first, next } = this;
    for (let r = this.readerStart[offset]!, end = this.readerStart[offset + 1]!; r < end; r++) {
      const i = readers[r]!;
      if (queued[i] === stamp) continue;
      if (kind[i] === K_CHOOSE) {
        const p = at[i]!;
        const subject = code[p + 1]!;
        if (subject !== offset) {
          const c = hot[subject]!;
          if (c < 0 || code[p + 2 + c] !== offset) continue;
        }
      }
      queued[i] = stamp;
      const rec = record[i]!;
      next[i] = first[rec]!;
      first[rec] = i;
      if (this.recordQueued[rec] === stamp) continue;
      this.recordQueued[rec] = stamp;
      const { heap } = this;
      let k = this.heapSize++;
      while (k > 0) {
        const parent = (k - 1) >> 1;
        if (heap[parent]! <= rec) break;
        heap[k] = heap[parent]!;
        k = parent;
      }
      heap[k] = rec;
    }
  }

  private pop(): number {
    const { heap } = this;
    const top = heap[0]!;
    const last = heap[--this.heapSize]!;
    let k = 0;
    const n = this.heapSize;
    for (;;) {
      let child = 2 * k + 1;
      if (child >= n) break;
      if (child + 1 < n && heap[child + 1]! < heap[child]!) child++;
      if (heap[child]! >= last) break;
      heap[k] = heap[child]!;
      k = child;
    }
    if (n > 0) heap[k] = last;
    return top;
  }
}
