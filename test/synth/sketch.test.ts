// Synthesis on real compiled sketches: every optimizer solves a tiny one, runs repeat under a seed,
// and every reported success passes the exact interpreter.
import { describe, expect, it } from 'vitest';
import { listOptimizers, loadSketch, solves, synthesizeSketch, type Sketch } from '../../src/index.ts';

function sketch(path: string, options: Parameters<typeof loadSketch>[1]): Sketch {
  const r = loadSketch(path, options);
  if (!r.sketch) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.sketch;
}

const parity4 = sketch('programs/parity_chain/parity_chain.tpt', { set: { K: 4 } });
const nand = sketch('programs/circuit/circuit.tpt', { batch: 'nand' });

describe('synthesizeSketch', () => {
  for (const def of listOptimizers()) {
    it(`${def.name} solves the parity chain at K = 4 (seed 3)`, () => {
      const s = synthesizeSketch(parity4, { optimizer: def.name, seed: 3, maxSteps: 3000 });
      expect(s.result.success).toBe(true);
      expect(solves(parity4.program, parity4.dataset, s.assignment)).toBe(true);
      expect(s.params).toEqual({ x: [0, 0, 0] });
    });
  }

  it('gradsearch+ solves the nand circuit, and the same seed repeats the run exactly', () => {
    const a = synthesizeSketch(nand, { optimizer: 'gradsearch+', seed: 11, maxSteps: 5000 });
    const b = synthesizeSketch(nand, { optimizer: 'gradsearch+', seed: 11, maxSteps: 5000 });
    expect(a.result.success).toBe(true);
    expect(solves(nand.program, nand.dataset, a.assignment)).toBe(true);
    expect(b.result.steps).toBe(a.result.steps);
    expect(b.params).toEqual(a.params);
  });

  it('reports the best assignment and how many examples it satisfies on failure', () => {
    const s = synthesizeSketch(nand, { optimizer: 'fmgd', seed: 1, maxSteps: 5 });
    expect(s.result.success).toBe(false);
    expect(s.examplesSolved).toBeGreaterThanOrEqual(0);
    expect(s.examplesSolved).toBeLessThan(4);
    expect(Object.keys(s.params).sort()).toEqual(['gate', 'in1', 'in2', 'out']);
  });

  it('times a run from compiling the evaluator on', () => {
    // No steps: the search itself is one check, far shorter than building the evaluator.
    const s = synthesizeSketch(nand, { optimizer: 'gradsearch-ls', seed: 1, maxSteps: 0 });
    expect(s.result.steps).toBe(0);
    expect(s.compileSeconds).toBeGreaterThan(0);
    expect(s.result.wallSeconds).toBeGreaterThanOrEqual(s.compileSeconds);
  });
});
