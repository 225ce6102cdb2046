// The CNF is satisfiable exactly when some Param assignment solves the data (enumerated with the
// exact interpreter), for every encoding; a model decodes to an assignment that solves it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { solves } from '../../src/exact/interpret.ts';
import type { Dataset } from '../../src/data/dataset.ts';
import type { Program } from '../../src/ir/ir.ts';
import { CNF_ENCODINGS, solveSat, type SolverName } from '../../src/sat/index.ts';
import '../../src/sat/node-solvers.ts';
import { randomProgram } from '../relax/random-program.ts';
import { bruteForce } from '../smt/ir.ts';

async function expectAgreement(program: Program, dataset: Dataset, solver: SolverName): Promise<void> {
  const solvable = bruteForce(program, dataset).length > 0;
  for (const encoding of CNF_ENCODINGS) {
    const r = await solveSat(program, dataset, { timeLimitSeconds: 20, encoding, solver });
    expect(r.status, `${encoding} on ${program.file}`).toBe(solvable ? 'sat' : 'unsat');
    if (r.status === 'sat') expect(solves(program, dataset, r.assignment!), encoding).toBe(true);
  }
}

describe('sat encoding', () => {
  it('is satisfiable exactly when enumeration finds a solution (random programs, CaDiCaL)', async () => {
    let solvable = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 0x7fffffff }), async (seed) => {
        const { program, dataset } = randomProgram(seed);
        if (bruteForce(program, dataset).length > 0) solvable++;
        await expectAgreement(program, dataset, 'cadical');
      }),
      { numRuns: 150 },
    );
    // Both verdicts occur, so the property is not vacuous.
    expect(solvable).toBeGreaterThan(10);
    expect(solvable).toBeLessThan(140);
  });

  it('agrees with enumeration through MiniSat in a worker too', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 0x7fffffff }), async (seed) => {
        const { program, dataset } = randomProgram(seed);
        await expectAgreement(program, dataset, 'minisat');
      }),
      { numRuns: 20 },
    );
  });
});
