// What the two integer programs of vertex.ts (forward) and vertex-backward.ts (reverse) share: one
// flat Int32Array of records `opcode, count, ...`, so their run loops read typed arrays only, and
// the table record's header `arity, dims[arity], entries[prod dims]`.
import type { IntList } from '../util/int-list.ts';
import type { TableRef } from './tape.ts';

export const TABLE = 0;
export const COPY = 1;
export const CHOOSE = 2;
export const CONST = 3;

/** Appends a TABLE record's opcode, instance count and header. */
export function pushTableHeader(code: IntList, count: number, table: TableRef): void {
  const { argDomains, entries } = table;
  code.push3(TABLE, count, argDomains.length);
  for (let j = 0; j < argDomains.length; j++) code.push(argDomains[j]!);
  for (let i = 0; i < entries.length; i++) code.push(entries[i]!);
}

/** Given the position of a TABLE header (its arity), the position of its first instance. */
export function tableInstances(code: Int32Array, header: number): number {
  const arity = code[header]!;
  let size = 1;
  for (let j = 0; j < arity; j++) size *= code[header + 1 + j]!;
  return header + 1 + arity + size;
}

/** Given the position of a record of the forward program (vertex.ts), the position of the next. */
export function nextForwardRecord(code: Int32Array, p: number): number {
  const op = code[p]!, count = code[p + 1]!;
  if (op === CHOOSE) return p + 3 + count * (2 + code[p + 2]!);
  if (op === TABLE) return tableInstances(code, p + 2) + count * (1 + code[p + 2]!);
  if (op === COPY) return p + 3 + 2 * count;
  return p + 2 + 2 * count;
}
