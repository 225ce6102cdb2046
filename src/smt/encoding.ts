// The interface between the symbolic executor and a value representation (one-hot Booleans, Int, BitVec).
import type { IrVar, Table } from '../ir/ir.ts';
import type { Ast } from './z3.ts';
import type { B, Logic } from './logic.ts';

/** How discrete values are represented for Z3. */
export type EncodingName = 'clauses' | 'onehot' | 'binary' | 'int' | 'bv';
export const ENCODINGS: readonly EncodingName[] = ['clauses', 'onehot', 'binary', 'int', 'bv'];

/**
 * A value representation. `V` is the symbolic value of one scalar variable; constants stay JS values
 * so that inputs propagate; `T` is the backend's Boolean term. Every method may append side
 * constraints through `assert`.
 */
export interface Encoding<V, T = Ast> {
  readonly logic: Logic<T>;
  /** A value known at encoding time. */
  constant(value: number): V;
  /** The value of `x` when it is known at encoding time, else null. */
  known(x: V): number | null;
  /** The shared symbolic value of Param `v` (created, with its domain constraint, on first use). */
  param(v: IrVar): V;
  /** `x` (of range 0..range-1) takes one of `values`. */
  member(x: V, values: readonly number[], range: number): B<T>;
  /** The table applied to arguments whose ranges are the table's argument domains. */
  apply(table: Table, args: readonly V[]): V;
  /** Converts `x` of range 0..from-1 to a value of domain 0..to-1 (the caller asserts x < to). */
  fit(x: V, from: number, to: number): V;
  /** The value of the branch whose condition holds; exactly one of `conds` holds where it matters. */
  merge(conds: readonly B<T>[], values: readonly V[], domain: number): V;
  /** A fresh constant standing for `x` (constraint asserted), or `x` itself when it is already atomic. */
  name(x: V, domain: number, label: string): V;
  /** The value of Param `v` in the session's current model. */
  decode(v: IrVar): number;
}

/** Side constraints sink: assertions with JS constants folded away (a `false` makes the problem unsat). */
export type Assert<T = Ast> = (b: B<T>) => void;

/** One past the largest value a table produces (its range for domain checks). */
export function tableRange(table: Table): number {
  let max = 0;
  for (const v of table.values) if (v > max) max = v;
  return max + 1;
}
