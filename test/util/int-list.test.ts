// IntList, the buffer the tape and vertex compilers write their integer code into, holds exactly
// what was pushed, in order, through any number of growths from any starting capacity.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntList } from '../../src/util/int-list.ts';

describe('IntList', () => {
  it('finishes as the Int32Array of what push, push2, push3 and set wrote', () => {
    const op = fc.oneof(
      fc.tuple(fc.constant(1), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })),
      fc.tuple(fc.constant(2), fc.integer({ min: -5, max: 5 })),
      fc.tuple(fc.constant(3), fc.integer({ min: 0, max: 1000 })),
      fc.tuple(fc.constant(4), fc.integer({ min: -9, max: 9 })),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.array(op, { maxLength: 200 }), (capacity, ops) => {
        const list = new IntList(capacity);
        const plain: number[] = [];
        for (const [kind, x] of ops) {
          if (kind === 1) list.push(x), plain.push(x);
          else if (kind === 2) list.push2(x, 1 - x), plain.push(x, 1 - x);
          else if (kind === 3) list.push3(x, x + 1, x + 2), plain.push(x, x + 1, x + 2);
          else if (plain.length > 0) {
            const i = Math.abs(x) % plain.length;
            list.set(i, x);
            plain[i] = x;
          }
        }
        expect(list.length).toBe(plain.length);
        for (let i = 0; i < plain.length; i++) expect(list.get(i)).toBe(plain[i]);
        expect(Array.from(list.finish())).toEqual(plain);
      }),
    );
  });

  it('copies without aliasing and starts over after clear, keeping what was copied', () => {
    const list = new IntList(2);
    list.push3(1, 2, 3);
    const first = list.copy();
    list.clear();
    list.push(9);
    expect(first).toEqual(Int32Array.of(1, 2, 3));
    expect(list.copy()).toEqual(Int32Array.of(9));
    list.set(0, 4);
    expect(first[0]).toBe(1);
  });

  it('hands back its own buffer when full and an exact copy otherwise', () => {
    const full = new IntList(2);
    full.push2(7, 8);
    expect(full.finish()).toEqual(Int32Array.of(7, 8));
    const part = new IntList(10);
    part.push(3);
    const done = part.finish();
    expect(done).toEqual(Int32Array.of(3));
    expect(done.buffer.byteLength).toBe(4);
  });
});
