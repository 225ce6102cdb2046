// RankedMoves, the top-k list that turns a gradient into gradsearch-ls's candidates: it keeps the
// best moves by score, breaks exact ties by random keys, and (pinned below) orders them and draws
// from the generator exactly as it always has, so that a seed's search does not change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RankedMoves } from '../../src/optimizers/ranked-moves.ts';
import { Rng } from '../../src/util/rng.ts';

const slots = Array.from({ length: 6 }, (_, i) => ({ variable: i, name: `p${i}`, domain: 3, offset: 3 * i }));
const assignment = Int32Array.of(0, 1, 2, 0, 1, 2);

describe('RankedMoves', () => {
  it('ranks moves with many exact ties as it did when the figures were measured', () => {
    const signal = Float64Array.from({ length: 18 }, (_, k) => [0, -1, 0, 1, 0, 0][k % 6]! + (k % 5 === 0 ? -1 : 0));
    const blocked = new Float64Array(18);
    blocked[4] = 10;
    blocked[13] = 10;
    const seen: unknown[] = [];
    for (const capacity of [1, 3, 5]) {
      const rng = new Rng(7);
      const list = new RankedMoves(capacity);
      for (let call = 0; call < 3; call++) {
        list.rank(slots, assignment, signal, blocked, 5, rng);
        seen.push([capacity, Array.from(list.slot.slice(0, list.count)), Array.from(list.value.slice(0, list.count)), Array.from(list.score.slice(0, list.count))]);
      }
      seen.push(['next', rng.nextUint32()]);
    }
    expect(seen).toEqual([
      [1, [3], [1], [-2]], [1, [3], [1], [-2]], [1, [3], [1], [-2]], ['next', 726358025],
      [3, [3, 1, 2], [1, 2, 1], [-2, -1, -1]], [3, [3, 2, 1], [1, 1, 2], [-2, -1, -1]], [3, [3, 2, 1], [1, 1, 2], [-2, -1, -1]], ['next', 3234805888],
      [5, [3, 1, 2, 3, 5], [1, 2, 1, 2, 0], [-2, -1, -1, -1, 0]], [5, [3, 3, 1, 2, 2], [1, 2, 2, 1, 0], [-2, -1, -1, -1, 0]], [5, [3, 2, 3, 1, 5], [1, 1, 2, 2, 1], [-2, -1, -1, -1, 0]], ['next', 3329786981],
    ]);
  });

  it('holds the best non-tabu moves, best first: nothing left out scores below the last kept', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 18, maxLength: 18 }),
        fc.array(fc.boolean(), { minLength: 18, maxLength: 18 }),
        fc.integer({ min: 0, max: 1000 }),
        (capacity, values, tabu, seed) => {
          const signal = Float64Array.from(values);
          const blocked = Float64Array.from(tabu, (t) => (t ? 10 : 0));
          const list = new RankedMoves(capacity);
          list.rank(slots, assignment, signal, blocked, 5, new Rng(seed));
          const all: number[] = [];
          for (let s = 0; s < slots.length; s++)
            for (let j = 0; j < 3; j++) if (j !== assignment[s] && !tabu[3 * s + j]) all.push(signal[3 * s + j]! - signal[3 * s + assignment[s]!]!);
          all.sort((a, b) => a - b);
          expect(Array.from(list.score.slice(0, list.count))).toEqual(all.slice(0, capacity));
          for (let i = 0; i < list.count; i++) {
            const s = list.slot[i]!, j = list.value[i]!;
            expect(j).not.toBe(assignment[s]);
            expect(tabu[3 * s + j]).toBe(false);
            expect(list.score[i]).toBe(signal[3 * s + j]! - signal[3 * s + assignment[s]!]!);
          }
        },
      ),
    );
  });
});
