// The Z3 backend on the bundled sketches: circuits, an unsatisfiable circuit, the parity chain, and
// the time limit. Every answer is checked by the exact interpreter.
import { afterAll, describe, expect, it } from 'vitest';
import { loadSketch, solves, type Program, type Dataset } from '../../src/index.ts';
import { ENCODINGS, shutdownSmt, smtBackend, solveSmt } from '../../src/smt/index.ts';
import { bruteForce } from './ir.ts';

afterAll(() => shutdownSmt());

function load(path: string, options: Parameters<typeof loadSketch>[1]): { program: Program; dataset: Dataset } {
  const r = loadSketch(path, options);
  if (!r.sketch) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.sketch;
}
const circuit = (batch: string, set?: Record<string, number>) => load('programs/circuit/circuit.tpt', { batch, ...(set ? { set } : {}) });

describe('smt on circuits', () => {
  it.each(['nand', 'swap'])('solves %s with every encoding', async (task) => {
    const { program, dataset } = circuit(task);
    for (const encoding of ENCODINGS) {
      const r = await solveSmt(program, dataset, { timeLimitSeconds: 30, encoding, seed: 1 });
      expect(r.status, encoding).toBe('sat');
      expect(solves(program, dataset, r.assignment!), encoding).toBe(true);
      expect(r.encodeSeconds).toBeLessThanOrEqual(r.seconds);
    }
  });

  it('solves the full adder', async () => {
    const { program, dataset } = circuit('full_adder');
    const r = await solveSmt(program, dataset, { timeLimitSeconds: 30 });
    expect(r.status).toBe('sat');
    expect(solves(program, dataset, r.assignment!)).toBe(true);
  });

  it('solves the full adder counterexample-guided', async () => {
    const { program, dataset } = circuit('full_adder');
    const logs: string[] = [];
    const r = await solveSmt(program, dataset, { timeLimitSeconds: 30, cegis: true, onLog: (m) => logs.push(m) });
    expect(r.status).toBe('sat');
    expect(solves(program, dataset, r.assignment!)).toBe(true);
    expect(logs.some((m) => m.includes('of 8 examples'))).toBe(true);
  });

  it('proves nand with one gate unsatisfiable', async () => {
    const { program, dataset } = circuit('nand', { numGates: 1 });
    expect(bruteForce(program, dataset)).toEqual([]);
    for (const encoding of ENCODINGS) {
      expect((await solveSmt(program, dataset, { timeLimitSeconds: 30, encoding })).status, encoding).toBe('unsat');
    }
    expect((await solveSmt(program, dataset, { timeLimitSeconds: 30, cegis: true })).status).toBe('unsat');
  });

  it('stops at the time limit on adder2', async () => {
    const { program, dataset } = circuit('adder2');
    const start = performance.now();
    const r = await solveSmt(program, dataset, { timeLimitSeconds: 0.5, seed: 3 });
    expect((performance.now() - start) / 1000).toBeLessThan(3);
    expect(['timeout', 'sat']).toContain(r.status);
    if (r.status === 'sat') expect(solves(program, dataset, r.assignment!)).toBe(true);
    else expect(r.assignment).toBeNull();
  });

  it('runs through the registry description', async () => {
    expect(smtBackend.options.map((o) => o.name)).toEqual(['timeLimit', 'encoding', 'cegis']);
    const { program, dataset } = circuit('swap');
    const r = await smtBackend.run(program, dataset, { timeLimit: 30, encoding: 'bv', cegis: false }, 7);
    expect(r.status).toBe('sat');
    expect(solves(program, dataset, r.assignment!)).toBe(true);
  });
});

describe('smt on the parity chain', () => {
  it('finds the all-zero assignment at K = 16', async () => {
    const { program, dataset } = load('programs/parity_chain/parity_chain.tpt', { set: { K: 16 } });
    for (const encoding of ENCODINGS) {
      const r = await solveSmt(program, dataset, { timeLimitSeconds: 30, encoding });
      expect(r.status, encoding).toBe('sat');
      expect(solves(program, dataset, r.assignment!), encoding).toBe(true);
      const params = program.vars.filter((v) => v.role === 'param');
      expect(params).toHaveLength(15);
      expect(params.map((v) => r.assignment![v.id])).toEqual(new Array(15).fill(0));
    }
  });
});
