// Per-term exact scoring for search loops: how many (example, observed output) terms an assignment
// gets right. Same meaning as runExact (checked against it by tests), but allocation-free.
import type { Program, Stmt } from '../ir/ir.ts';
import { DONT_CARE, type Dataset } from '../data/dataset.ts';
import { UNSET } from './interpret.ts';

/** Exact scores of assignments for one program and batch; buffers are allocated once. */
export interface TermScorer {
  /** Observed (example, output) terms that are not don't-care. */
  readonly termCount: number;
  /**
   * Terms whose produced value equals the expected one, in examples that run without a fault.
   * Equals `termCount` exactly when `params` solves every example. `params` is indexed by variable id.
   */
  satisfiedTerms(params: ArrayLike<number>): number;
}

/** Builds a {@link TermScorer} for `program` on `dataset`. */
export function createTermScorer(program: Program, dataset: Dataset): TermScorer {
  const values = new Int32Array(program.vars.length);
  const domains = Int32Array.from(program.vars, (v) => v.domain);
  const paramIds = Int32Array.from(program.vars.filter((v) => v.role === 'param'), (v) => v.id);
  const isParam = new Uint8Array(program.vars.length);
  for (const id of paramIds) isParam[id] = 1;
  const { inputVars, observedVars, examples } = dataset;
  let termCount = 0;
  for (const e of examples) for (let i = 0; i < observedVars.length; i++) if (e.expected[i] !== DONT_CARE) termCount++;
  // A fault count instead of fault objects: the score only needs to know whether one happened.
  let faults = 0;

  const read = (v: number): number => {
    const x = values[v]!;
    if (x === UNSET) faults++;
    return x;
  };

  const execute = (body: readonly Stmt[]): void => {
    for (const stmt of body) {
      if (stmt.kind === 'assign') {
        const src = stmt.source;
        let result: number;
        if (src.kind === 'const') result = src.value;
        else if (src.kind === 'copy') result = read(src.from);
        else {
          const table = program.tables[src.table]!;
          let index = 0;
          let ok = true;
          for (let i = 0; i < src.args.length; i++) {
            const a = read(src.args[i]!);
            if (a === UNSET) ok = false;
            index = index * table.argDomains[i]! + a;
          }
          result = ok ? table.values[index]! : UNSET;
        }
        const target = stmt.target;
        if (result !== UNSET && (result < 0 || result >= domains[target]!)) {
          faults++;
          result = UNSET;
        }
        if (values[target] !== UNSET && !isParam[target]) faults++;
        values[target] = result;
      } else {
        const c = read(stmt.subject);
        if (c === UNSET) continue;
        for (const branch of stmt.branches) {
          if (branch.values.includes(c)) {
            execute(branch.body);
            break;
          }
        }
      }
    }
  };

  return {
    termCount,
    satisfiedTerms(params) {
      let satisfied = 0;
      for (const example of examples) {
        values.fill(UNSET);
        for (let i = 0; i < paramIds.length; i++) values[paramIds[i]!] = params[paramIds[i]!] ?? UNSET;
        for (let i = 0; i < inputVars.length; i++) values[inputVars[i]!] = example.inputs[i]!;
        faults = 0;
        execute(program.body);
        if (faults > 0) continue;
        for (let i = 0; i < observedVars.length; i++) {
          const want = example.expected[i]!;
          if (want !== DONT_CARE && values[observedVars[i]!] === want) satisfied++;
        }
      }
      return satisfied;
    },
  };
}
