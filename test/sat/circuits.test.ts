// The SAT backend on the bundled sketches (circuits, the parity chain, an unsatisfiable circuit), its
// time limit, and the DIMACS round trip: exported, solved in-process, decoded, verified.
import { describe, expect, it } from 'vitest';
import { loadSketch, runMethod, solves, type Sketch } from '../../src/index.ts';
import {
  dimacsClauses, encodeCnf, formatDimacs, paramsFromModel, readDimacsHeader, readModel, runSolver, solveSat, SOLVERS,
} from '../../src/sat/index.ts';
import type { Diagnostic } from '../../src/util/diagnostics.ts';

function load(path: string, options: Parameters<typeof loadSketch>[1]): Sketch {
  const r = loadSketch(path, options);
  if (!r.sketch) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.sketch;
}
const circuit = (batch: string, set?: Record<string, number>) => load('programs/circuit/circuit.tpt', { batch, ...(set ? { set } : {}) });

describe('sat on the bundled sketches', () => {
  // adder2 takes a SAT solver tens of seconds: the benchmark (npm run bench:circuits) covers it.
  it.each(['nand', 'swap', 'shift', 'full_adder'])('solves %s, verified, with solver time and conflicts', async (task) => {
    const sketch = circuit(task);
    const s = await runMethod(sketch, { optimizer: 'sat', seed: 3, maxSteps: 0, timeLimitSeconds: 60 });
    expect(s.result.success).toBe(true);
    expect(solves(sketch.program, sketch.dataset, s.assignment)).toBe(true);
    expect(s.satStatus).toBe('sat');
    expect(s.solverWork!.conflicts).toBeGreaterThanOrEqual(0);
    expect(s.solverWork!.solveSeconds).toBeLessThanOrEqual(s.result.wallSeconds);
  });

  it.each([8, 64])('solves the parity chain at K = %i with both solvers', async (K) => {
    const sketch = load('programs/parity_chain/parity_chain.tpt', { set: { K } });
    for (const solver of SOLVERS) {
      const r = await solveSat(sketch.program, sketch.dataset, { timeLimitSeconds: 60, solver });
      expect(r.status, solver).toBe('sat');
      expect(solves(sketch.program, sketch.dataset, r.assignment!), solver).toBe(true);
    }
  });

  it('proves nand with one gate unsatisfiable', async () => {
    const { program, dataset } = circuit('nand', { numGates: 1 });
    for (const solver of SOLVERS) expect((await solveSat(program, dataset, { timeLimitSeconds: 30, solver })).status, solver).toBe('unsat');
  });

  it('stops at the time limit, CaDiCaL by its terminate callback and MiniSat by ending its worker', async () => {
    const { program, dataset } = circuit('adder2');
    for (const solver of SOLVERS) {
      const r = await solveSat(program, dataset, { timeLimitSeconds: 1, solver, seed: 1 });
      expect(r.status, solver).toBe('timeout');
      expect(r.seconds, solver).toBeLessThan(3);
    }
    // The worker is started afresh after a terminated solve.
    const nand = circuit('nand');
    expect((await solveSat(nand.program, nand.dataset, { timeLimitSeconds: 30, solver: 'minisat' })).status).toBe('sat');
  });
});

describe('DIMACS export', () => {
  it('solved in-process, a model of the exported file decodes to a verified assignment', async () => {
    const { program, dataset } = circuit('full_adder');
    const text = formatDimacs(encodeCnf(program, dataset, 'log'), 'circuit.tpt, batch full_adder');
    const out: Diagnostic[] = [];
    const header = readDimacsHeader(text, 'f.cnf', out)!;
    expect(out).toEqual([]);
    const answer = await runSolver('cadical', dimacsClauses(text, header), { seconds: 60, seed: 2 });
    expect(answer.status).toBe('sat');
    // As an external solver would print it: MiniSat's result file.
    const lits = Array.from({ length: header.variables }, (_, i) => (answer.model![i + 1] ? i + 1 : -(i + 1)));
    const model = readModel(`SAT\n${lits.join(' ')} 0\n`, 'f.model', header.variables, out)!;
    const assignment = paramsFromModel(program, header, model, 'f.cnf', out);
    expect(out).toEqual([]);
    expect(solves(program, dataset, assignment!)).toBe(true);
  });

  it('explains a model that is not one of this CNF, or an UNSAT answer, with a location', () => {
    const { program, dataset } = circuit('nand');
    const text = formatDimacs(encodeCnf(program, dataset), 'nand');
    const out: Diagnostic[] = [];
    const header = readDimacsHeader(text, 'n.cnf', out)!;
    expect(readModel('s UNSATISFIABLE\n', 'm', header.variables, out)).toBeNull();
    expect(out.map((d) => d.code)).toEqual(['model-unsat']);
    out.length = 0;
    expect(readModel(`s SATISFIABLE\nv 1 x 0\n`, 'm', header.variables, out)).toBeNull();
    expect(out.map((d) => `${d.code}@${d.span?.line}:${d.span?.column}`)).toEqual(['model-format@2:5']);
    out.length = 0;
    const empty = readModel(`v -1 0\n`, 'm', header.variables, out)!;
    expect(paramsFromModel(program, header, empty, 'n.cnf', out)).toBeNull();
    expect(out[0]!.code).toBe('model-format');
  });
});
