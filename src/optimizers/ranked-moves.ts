// The k best Hamming-1 moves by a per-value signal (lowest `signal[j] - signal[current]` first),
// kept in a fixed-size sorted list so that ranking a step's moves allocates nothing.

import type { ParamSlot } from '../relax/objective.ts';
import type { Rng } from '../util/rng.ts';

/** A sorted top-k list of moves (slot, value) with their scores; exact ties in random order. */
export class RankedMoves {
  /** Moves held, at most `capacity`; entries `0 .. count-1` are valid, best first. */
  count = 0;
  readonly slot: Int32Array;
  readonly value: Int32Array;
  readonly score: Float64Array;
  private readonly key: Float64Array;

  constructor(readonly capacity: number) {
    this.slot = new Int32Array(capacity);
    this.value = new Int32Array(capacity);
    this.score = new Float64Array(capacity);
    this.key = new Float64Array(capacity);
  }

  /**
   * Ranks every move from `assignment` by `signal[offset + j] - signal[offset + current]`, skipping
   * (slot, value) pairs with `blockedUntil[offset + j] > now` (a tabu list; pass an empty bound to
   * skip nothing). Ties are ordered by a random 32-bit key drawn from `rng` for each move that may
   * enter the list.
   */
  rank(
    slots: readonly ParamSlot[],
    assignment: Int32Array,
    signal: Float64Array,
    blockedUntil: Float64Array,
    now: number,
    rng: Rng,
  ): void {
    this.count = 0;
    const last = this.capacity - 1;
    for (let s = 0; s < slots.length; s++) {
      const { offset, domain } = slots[s]!;
      const c = assignment[s]!;
      const base = signal[offset + c]!;
      for (let j = 0; j < domain; j++) {
        if (j === c || blockedUntil[offset + j]! > now) continue;
        const score = signal[offset + j]! - base;
        // A move worse than a full list's last cannot enter: no key needed (keys are independent draws).
        if (this.count > last && score > this.score[last]!) continue;
        // Only moves that enter reach offer: the many ties of a step that cannot are passed over here.
        const key = tieKey(rng);
        if (this.count > last && score === this.score[last]! && key >= this.key[last]!) continue;
        this.offer(s, j, score, key);
      }
    }
  }

  /** Inserts a move if it is among the `capacity` best by (score, key); keys come from {@link tieKey}. */
  offer(slot: number, value: number, score: number, key: number): void {
    const { capacity } = this;
    const last = this.count - 1;
    if (this.count === capacity && (score > this.score[last]! || (score === this.score[last]! && key >= this.key[last]!))) return;
    let i = this.count < capacity ? this.count++ : last;
    while (i > 0 && (this.score[i - 1]! > score || (this.score[i - 1]! === score && this.key[i - 1]! > key))) {
      this.slot[i] = this.slot[i - 1]!;
      this.value[i] = this.value[i - 1]!;
      this.score[i] = this.score[i - 1]!;
      this.key[i] = this.key[i - 1]!;
      i--;
    }
    this.slot[i] = slot;
    this.value[i] = value;
    this.score[i] = score;
    this.key[i] = key;
  }
}

/**
 * A random tie-breaking key: a 32-bit draw shifted into the int32 range, which orders as the draw
 * does and, unlike a number past 2^31, is held by V8 without a heap allocation.
 */
export function tieKey(rng: Rng): number {
  return rng.nextUint32() - 2147483648;
}
