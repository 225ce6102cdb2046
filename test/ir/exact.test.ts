// The exact interpreter: values, mismatches, don't-care outputs and case semantics.
import { describe, expect, it } from 'vitest';
import { runExact, solves } from '../../src/index.ts';
import { dedent, sketchFrom } from '../helpers/sketch.ts';

const circuitish = dedent(`
  g = Param(3)
  i1 = Param(2)
  x = Input(2)[2]
  a = Var(2)
  y = Output(2)
  @Runtime([2, 2], 2)
  def AND(a, b): return int(a and b)
  @Runtime([2, 2], 2)
  def OR(a, b): return int(a or b)
  with i1 as i:
      a.set_to(x[i])
  if g == 0:
      y.set_to(AND(a, x[1]))
  elif g == 1:
      y.set_to(OR(a, x[1]))
  else:
      y.set_to(a)
`);
const rows = (f: (a: number, b: number) => number | null) =>
  `[{"batch_name": "t", "instances": [${[[0, 0], [0, 1], [1, 0], [1, 1]].map(([a, b]) => `{"x": [${a}, ${b}], "y": ${f(a!, b!)}}`).join(', ')}]}]`;

describe('exact interpreter', () => {
  const load = (dataText: string) => sketchFrom(circuitish, { dataText }).sketch!;
  const params = (s: ReturnType<typeof load>, g: number, i1: number) => {
    const v = new Int32Array(s.program.vars.length).fill(-1);
    v[s.program.groups[0]!.vars[0]!] = g;
    v[s.program.groups[1]!.vars[0]!] = i1;
    return v;
  };

  it('finds exactly the assignments that compute OR', () => {
    const s = load(rows((a, b) => a | b));
    const found: string[] = [];
    for (let g = 0; g < 3; g++) for (let i = 0; i < 2; i++) if (solves(s.program, s.dataset, params(s, g, i))) found.push(`${g}${i}`);
    expect(found).toEqual(['10']); // OR(x0, x1); OR(x1, x1) = x1 fails on row (1, 0)
  });

  it('reports mismatches per example and ignores null outputs', () => {
    const s = load(rows((a, b) => (a === 1 && b === 0 ? null : a & b)));
    const r = runExact(s.program, s.dataset, params(s, 2, 1)); // y = x1
    expect(r.examples.map((e) => e.mismatches.length)).toEqual([0, 1, 0, 0]);
    expect(r.examplesSolved).toBe(3);
    expect(r.solved).toBe(false);
  });
});
