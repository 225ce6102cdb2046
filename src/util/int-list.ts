// A growable list of 32-bit integers in one Int32Array. The compilers that turn a tape into flat
// integer code push millions of entries on the larger machines; a plain number[] grown by pushes and
// then copied into an Int32Array leaves its garbage to the scavenger, in the first runs of a search.

export class IntList {
  private data: Int32Array;
  /** Entries pushed so far. */
  length = 0;

  constructor(capacity = 64) {
    this.data = new Int32Array(Math.max(1, capacity));
  }

  push(x: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = x;
  }

  push2(x: number, y: number): void {
    if (this.length + 2 > this.data.length) this.grow(this.length + 2);
    this.data[this.length++] = x;
    this.data[this.length++] = y;
  }

  push3(x: number, y: number, z: number): void {
    if (this.length + 3 > this.data.length) this.grow(this.length + 3);
    this.data[this.length++] = x;
    this.data[this.length++] = y;
    this.data[this.length++] = z;
  }

  /** Entry `i` (no bounds check beyond the typed array's). */
  get(i: number): number {
    return this.data[i]!;
  }

  set(i: number, x: number): void {
    this.data[i] = x;
  }

  /** The entries as an Int32Array of exactly `length` (a copy unless the buffer is full); the list is done. */
  finish(): Int32Array {
    return this.length === this.data.length ? this.data : this.data.slice(0, this.length);
  }

  /** A copy of the entries; the list can go on (or be cleared and reused). */
  copy(): Int32Array {
    return this.data.slice(0, this.length);
  }

  /** Empties the list, keeping its buffer for reuse. */
  clear(): void {
    this.length = 0;
  }

  private grow(needed: number): void {
    const next = new Int32Array(Math.max(needed, 2 * this.data.length));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}
