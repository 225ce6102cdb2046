// The lowered program and its examples as CNF: the symbolic executor shared with the Z3 backend
// (one copy of the variables per example, Params shared) over the CNF builder, with a choice of how
// Params are represented. Each Param value gets a literal that holds exactly when the Param has it.
import type { IrVar, Program } from '../ir/ir.ts';
import type { Dataset } from '../data/dataset.ts';
import { ClauseEncoding } from '../smt/clauses.ts';
import type { Assert, Encoding } from '../smt/encoding.ts';
import { ExampleEncoder } from '../smt/execute.ts';
import { Logic } from '../smt/logic.ts';
import { OneHotEncoding, type Indicators, type ParamStyle } from '../smt/onehot.ts';
import { CnfBuilder } from './cnf.ts';

/**
 * How the CNF is built. `onehot`, `log` and `order` write tables and case splits as direct clauses
 * (table row -> result, branch condition and branch value -> result) over one-hot computed values,
 * with Params one-hot, log-encoded or order-encoded; `tseitin` Tseitin-encodes the one-hot terms
 * (the `onehot` encoding of the Z3 backend).
 */
export type CnfEncodingName = 'onehot' | 'log' | 'order' | 'tseitin';
/** Every CNF encoding, in the order `npm run bench:sat` measures them. */
export const CNF_ENCODINGS: readonly CnfEncodingName[] = ['onehot', 'log', 'order', 'tseitin'];
/** The encoding `sat` uses unless told otherwise (chosen on `npm run bench:sat`). */
export const DEFAULT_CNF_ENCODING: CnfEncodingName = 'onehot';

/** One Param's value literals: `values[k]` is true in a model exactly when the Param is k. */
export interface ParamLiterals {
  readonly v: IrVar;
  readonly values: readonly number[];
}

/** A program's examples as CNF: the clauses, the encoding, and each Param's value literals. */
export interface CnfInstance {
  readonly cnf: CnfBuilder;
  readonly encoding: CnfEncodingName;
  readonly params: readonly ParamLiterals[];
  readonly encodeSeconds: number;
}

const PARAM_STYLE: Record<CnfEncodingName, ParamStyle> = { onehot: 'onehot', log: 'binary', order: 'order', tseitin: 'onehot' };

/** Encodes every example of `dataset` for `program`. */
export function encodeCnf(program: Program, dataset: Dataset, encoding: CnfEncodingName = DEFAULT_CNF_ENCODING): CnfInstance {
  const start = performance.now();
  const cnf = new CnfBuilder();
  const assert: Assert<number> = (b) => {
    if (b === false) cnf.addClause([]);
    else if (b !== true) cnf.assert(b);
  };
  const logic = new Logic(cnf);
  const style = PARAM_STYLE[encoding];
  const enc: Encoding<Indicators<number>, number> =
    encoding === 'tseitin' ? new OneHotEncoding(logic, assert, style) : new ClauseEncoding(logic, assert, style);
  const paramVars = program.vars.filter((v) => v.role === 'param');
  const indicators = paramVars.map((v) => enc.param(v));
  dataset.examples.forEach((example, i) => new ExampleEncoder(program, enc, assert, { name: true }, `e${i}.`).run(dataset, example));
  const params = paramVars.map((v, i) => ({ v, values: Array.from({ length: v.domain }, (_, k) => cnf.literalOf(indicators[i]![k] ?? false)) }));
  return { cnf, encoding, params, encodeSeconds: (performance.now() - start) / 1000 };
}

/** The Param values of a model (`model[v]` = 1 when variable v is true), indexed by variable id like runExact's params. */
export function decodeParams(program: Program, params: readonly ParamLiterals[], model: Uint8Array): Int32Array {
  const assignment = new Int32Array(program.vars.length);
  const holds = (lit: number): boolean => (lit > 0 ? model[lit] === 1 : model[-lit] !== 1);
  for (const { v, values } of params) {
    const k = values.findIndex(holds);
    assignment[v.id] = k < 0 ? 0 : k;
  }
  return assignment;
}
