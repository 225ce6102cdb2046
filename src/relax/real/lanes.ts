// Example data in and verdicts out: copies a batch of examples into the lanes of a compiled tape, and
// scores the lanes after a forward pass (a real output matches within a tolerance, a draw by its
// decision: p >= 0.5 for Bernoulli, the first most probable class for Categorical).
import { DONT_CARE, type Dataset } from '../../data/dataset.ts';
import type { RealTape } from './layout.ts';

/** Loads `examples[0 .. count)` into lanes 0 .. count-1. */
export function loadLanes(real: RealTape, dataset: Dataset, val: Float64Array, examples: ArrayLike<number>, count: number): void {
  for (let lane = 0; lane < count; lane++) {
    const ex = dataset.examples[examples[lane]!]!;
    for (const l of real.loads) {
      const at = l.offset + lane * l.size;
      if (l.kind === 'input') val.set(ex.realInputs!.subarray(l.from, l.from + l.size), at);
      else if (l.kind === 'target') val.set(ex.realExpected!.subarray(l.from, l.from + l.size), at);
      else {
        for (let i = 0; i < l.size; i++) {
          const p = l.positions[i]!;
          const want = p < 0 ? DONT_CARE : ex.expected[p]!;
          val[at + i] = want === DONT_CARE ? Number.NaN : want;
        }
      }
    }
  }
}

/** Per-lane verdicts of the real observations: `ok[lane]` is 0 when some observation misses. */
export interface LaneScore {
  readonly ok: Uint8Array;
}

/** Marks in `ok` (length >= lanes, pre-filled with 1) every lane with a real observation outside its target. */
export function scoreLanes(real: RealTape, val: Float64Array, lanes: number, tolerance: number, ok: Uint8Array): void {
  for (const o of real.observations) {
    for (let e = 0; e < lanes; e++) {
      const v = o.value.val + e * o.value.stride;
      const t = o.target + e * o.count;
      for (let i = 0; i < o.count; i++) {
        const want = val[t + i]!;
        if (Number.isNaN(want)) continue;
        let hit: boolean;
        if (o.kind === 'squared') hit = Math.abs(val[v + i]! - want) <= tolerance;
        else if (o.kind === 'bernoulli') hit = (val[v + i]! >= 0.5 ? 1 : 0) === want;
        else {
          const row = v + i * o.classes;
          let best = 0;
          for (let k = 1; k < o.classes; k++) if (val[row + k]! > val[row + best]!) best = k;
          hit = best === want;
        }
        if (!hit) ok[e] = 0;
      }
    }
  }
}
