// The whole front end (parse, check, lower, data) returns diagnostics for any input and never throws.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sketchFrom, dedent } from '../helpers/sketch.ts';

const VALID = dedent(`
  from dummy import Hyper, Param, Var, Input, Output, Runtime, Inline
  K = Hyper()
  @Runtime([2, 2], 2)
  def XOR(a, b): return (a + b) % 2
  @Inline()
  def link(dst, src):
      dst.set_to(src)
  g = Param(3)[K]
  x = Input(2)[K]
  v = Var(2)[K + 1]
  y = Output(2)[K]
  v[0].set_to(0)
  for i in range(K):
      with g[i] as c:
          if c == 0:
              v[i + 1].set_to(XOR(v[i], x[i]))
          elif c <= 1:
              link(v[i + 1], x[i])
          else:
              v[i + 1].set_to(v[i])
      y[i].set_to(v[i + 1])
`);
const DATA = '[{"batch_name": "b", "hypers": {"K": 2}, "instances": [{"x": [1, 0], "y": [1, 1]}]}]';

/** Edits at a random position: delete, insert, duplicate a slice, or swap a character. */
const mutation = fc.tuple(fc.nat(), fc.nat(12), fc.constantFrom('delete', 'insert', 'duplicate', 'replace'), fc.string({ maxLength: 4 }));

function mutate(text: string, [pos, len, kind, insert]: [number, number, string, string]): string {
  const at = pos % (text.length + 1);
  switch (kind) {
    case 'delete': return text.slice(0, at) + text.slice(at + len);
    case 'insert': return text.slice(0, at) + insert + text.slice(at);
    case 'duplicate': return text.slice(0, at + len) + text.slice(at, at + len) + text.slice(at + len);
    default: return text.slice(0, at) + insert + text.slice(at + insert.length);
  }
}

describe('front-end robustness', () => {
  it('the unmutated program loads cleanly', () => {
    expect(sketchFrom(VALID, { dataText: DATA }).diagnostics).toEqual([]);
  });

  it('mutated programs give a sketch or diagnostics, never an exception', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (edits) => {
        const text = edits.reduce(mutate, VALID);
        const r = sketchFrom(text, { dataText: DATA });
        expect(r.sketch !== null || r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('random text and bytes give diagnostics, never an exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1'))), (text) => {
        const r = sketchFrom(text);
        expect(r.sketch !== null || r.diagnostics.length > 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('mutated data files give diagnostics, never an exception', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (edits) => {
        const r = sketchFrom(VALID, { dataText: edits.reduce(mutate, DATA) });
        expect(r.sketch !== null || r.diagnostics.length > 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
