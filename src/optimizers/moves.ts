// Hamming-1 moves scored from a gradient-like signal at a vertex (GradSearch §2.3): moving Param s
// from value c to j is estimated to change the loss by signal[j] - signal[c].

import type { ParamSlot } from '../relax/objective.ts';
import type { Rng } from '../util/rng.ts';
import { writeSlotVertex } from './simplex.ts';

/** A current vertex (one value per slot) and the probability vectors that show it to the evaluator. */
export class Vertex {
  readonly assignment: Int32Array;
  readonly probs: Float64Array;

  /** `smoothing` 0 = exact one-hot; otherwise the chosen value gets `1 - smoothing`. */
  constructor(
    readonly slots: readonly ParamSlot[],
    size: number,
    readonly smoothing: number,
  ) {
    this.assignment = new Int32Array(slots.length);
    this.probs = new Float64Array(size);
  }

  /** Sets every slot from `values` and rewrites the probability vectors. */
  setAll(values: Int32Array): void {
    this.assignment.set(values);
    for (let s = 0; s < this.slots.length; s++) writeSlotVertex(this.slots[s], values[s], this.smoothing, this.probs);
  }

  /** Moves slot `s` to `value`. */
  move(s: number, value: number): void {
    this.assignment[s] = value;
    writeSlotVertex(this.slots[s], value, this.smoothing, this.probs);
  }
}

/** Result of a move search, reused between calls so that searching allocates nothing. */
export class Move {
  slot = -1;
  value = -1;
  /** Estimated loss change; +Infinity when no move exists (every domain has one value). */
  score = Infinity;
}

/**
 * The best Hamming-1 move over all slots: minimises `signal[j] - signal[current]`; exact ties are
 * broken uniformly at random (the paper's appendix: without this, greedy search cycles).
 */
export function bestMove(vertex: Vertex, signal: Float64Array, rng: Rng, out: Move): Move {
  out.slot = -1;
  out.value = -1;
  out.score = Infinity;
  let ties = 0;
  const { slots, assignment } = vertex;
  for (let s = 0; s < slots.length; s++) {
    const { offset, domain } = slots[s];
    const current = assignment[s];
    const base = signal[offset + current];
    for (let j = 0; j < domain; j++) {
      if (j === current) continue;
      const score = signal[offset + j] - base;
      if (score < out.score) {
        out.slot = s;
        out.value = j;
        out.score = score;
        ties = 1;
      } else if (score === out.score && rng.int(++ties) === 0) {
        out.slot = s;
        out.value = j;
      }
    }
  }
  return out;
}

/** The best move within slot `s` only (ties at random); `out.slot` is -1 when the domain has one value. */
export function bestMoveInSlot(vertex: Vertex, s: number, signal: Float64Array, rng: Rng, out: Move): Move {
  out.slot = -1;
  out.value = -1;
  out.score = Infinity;
  let ties = 0;
  const { offset, domain } = vertex.slots[s];
  const current = vertex.assignment[s];
  const base = signal[offset + current];
  for (let j = 0; j < domain; j++) {
    if (j === current) continue;
    const score = signal[offset + j] - base;
    if (score < out.score) {
      out.slot = s;
      out.value = j;
      out.score = score;
      ties = 1;
    } else if (score === out.score && rng.int(++ties) === 0) {
      out.value = j;
    }
  }
  return out;
}

/** A uniformly random Hamming-1 move (a random slot with domain > 1, a random other value). */
export function randomMove(vertex: Vertex, rng: Rng, out: Move): Move {
  out.slot = -1;
  out.value = -1;
  out.score = NaN;
  const { slots, assignment } = vertex;
  let movable = 0;
  for (const slot of slots) if (slot.domain > 1) movable++;
  if (movable === 0) return out;
  let pick = rng.int(movable);
  for (let s = 0; s < slots.length; s++) {
    if (slots[s].domain < 2 || pick-- > 0) continue;
    const j = rng.int(slots[s].domain - 1);
    out.slot = s;
    out.value = j >= assignment[s] ? j + 1 : j;
    return out;
  }
  return out;
}
