// A registry-friendly description of the Z3 backend: name, option schema (same shape as the optimizer
// option specs) and a runner taking resolved options. Independent of src/optimizers.
import type { Program } from '../ir/ir.ts';
import type { Dataset } from '../data/dataset.ts';
import { ENCODINGS, type EncodingName } from './encoding.ts';
import { DEFAULT_ENCODING, solveSmt, type SmtResult } from './solve.ts';

export interface SmtOptionSpec {
  readonly name: string;
  readonly type: 'number' | 'integer' | 'boolean' | 'choice';
  readonly default: number | boolean | string;
  readonly doc: string;
  readonly choices?: readonly string[];
  readonly min?: number;
  readonly minExclusive?: boolean;
}

/** An exact solver backend (Z3 here, a SAT solver in src/sat) as the method registry sees it. */
export interface SolverBackend<Name extends string, Result> {
  readonly name: Name;
  readonly summary: string;
  readonly family: 'exact';
  readonly options: readonly SmtOptionSpec[];
  /** Runs the solver with resolved options (`timeLimit` and the backend's own); verify the answer with `solves`. */
  run(
    program: Program,
    dataset: Dataset,
    options: Readonly<Record<string, number | boolean | string>>,
    seed?: number,
    onLog?: (message: string) => void,
  ): Promise<Result>;
}

/** Z3 with options `timeLimit`, `encoding`, `cegis`. */
export type SmtBackend = SolverBackend<'smt', SmtResult>;

export const smtBackend: SmtBackend = {
  name: 'smt',
  summary: 'exact baseline: the lowered program for Z3, one copy of the variables per example, Params shared',
  family: 'exact',
  options: [
    { name: 'timeLimit', type: 'number', default: 300, min: 0, minExclusive: true, doc: 'wall-clock limit in seconds (encoding + solving)' },
    {
      name: 'encoding',
      type: 'choice',
      default: DEFAULT_ENCODING,
      choices: ENCODINGS,
      doc: 'clauses: one-hot values as direct clauses (fastest on circuits); onehot: indicator terms; binary: log-encoded Params; int: bounded Ints; bv: minimal BitVecs',
    },
    { name: 'cegis', type: 'boolean', default: false, doc: 'add examples counterexample-guided instead of all at once' },
  ],
  run(program, dataset, options, seed, onLog) {
    return solveSmt(program, dataset, {
      timeLimitSeconds: Number(options['timeLimit'] ?? 300),
      encoding: (options['encoding'] as EncodingName | undefined) ?? DEFAULT_ENCODING,
      cegis: Boolean(options['cegis'] ?? false),
      ...(seed === undefined ? {} : { seed }),
      ...(onLog ? { onLog } : {}),
    });
  },
};
