// A registry-friendly description of the SAT backend, in the same shape as the Z3 backend's.
import type { SolverBackend } from '../smt/describe.ts';
import { CNF_ENCODINGS, DEFAULT_CNF_ENCODING, type CnfEncodingName } from './encode.ts';
import { DEFAULT_SOLVER, solveSat, type SatResult } from './solve.ts';
import { SOLVERS, type SolverName } from './solver.ts';

/** The SAT solver with options `timeLimit`, `encoding`, `solver`. */
export type SatBackend = SolverBackend<'sat', SatResult>;

export const satBackend: SatBackend = {
  name: 'sat',
  summary: 'exact baseline: the lowered program as CNF (one copy of the variables per example, Params shared) for an in-process SAT solver',
  family: 'exact',
  options: [
    { name: 'timeLimit', type: 'number', default: 300, min: 0, minExclusive: true, doc: 'wall-clock limit in seconds (encoding + solving)' },
    {
      name: 'encoding',
      type: 'choice',
      default: DEFAULT_CNF_ENCODING,
      choices: CNF_ENCODINGS,
      doc: 'onehot / log / order: tables and case splits as direct clauses, Params one-hot, log- or order-encoded; tseitin: Tseitin CNF of the one-hot terms',
    },
    { name: 'solver', type: 'choice', default: DEFAULT_SOLVER, choices: SOLVERS, doc: 'cadical: CaDiCaL 3 (WebAssembly, cadical-wasm); minisat: MiniSat 2 (JavaScript, logic-solver; no conflict count)' },
  ],
  run(program, dataset, options, seed, onLog) {
    return solveSat(program, dataset, {
      timeLimitSeconds: Number(options['timeLimit'] ?? 300),
      encoding: (options['encoding'] as CnfEncodingName | undefined) ?? DEFAULT_CNF_ENCODING,
      solver: (options['solver'] as SolverName | undefined) ?? DEFAULT_SOLVER,
      ...(seed === undefined ? {} : { seed }),
      ...(onLog ? { onLog } : {}),
    });
  },
};
