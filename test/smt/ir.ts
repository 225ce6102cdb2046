// Test helpers: hand-built lowered programs (bypassing the static checks) and brute-force search.
import type { IrVar, Program, Source, Stmt, Table, VarRole } from '../../src/ir/ir.ts';
import type { Dataset } from '../../src/data/dataset.ts';
import { solves } from '../../src/exact/interpret.ts';

const span = { file: 'test', line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 };

/** Builds a Program from scalar variables, tables and statements; variable ids follow `vars` order. */
export class IrBuilder {
  readonly vars: IrVar[] = [];
  readonly tables: Table[] = [];

  v(name: string, role: VarRole, domain: number): number {
    const id = this.vars.length;
    this.vars.push({ id, name, group: id, index: [], domain, role });
    return id;
  }

  table(name: string, argDomains: number[], f: (...args: number[]) => number): number {
    const values: number[] = [];
    const rec = (args: number[]): void => {
      if (args.length === argDomains.length) return void values.push(f(...args));
      for (let a = 0; a < argDomains[args.length]!; a++) rec([...args, a]);
    };
    rec([]);
    const id = this.tables.length;
    this.tables.push({ id, name, argDomains, outDomain: Math.max(...values) + 1, values: Int32Array.from(values) });
    return id;
  }

  program(body: Stmt[]): Program {
    const groups = this.vars.map((v) => ({ name: v.name, role: v.role, domain: v.domain, dims: [], vars: [v.id], span }));
    return { file: 'test', hypers: {}, vars: this.vars, groups, tables: this.tables, body, observations: [] };
  }
}

export const assign = (target: number, source: Source): Stmt => ({ kind: 'assign', target, source, span });
export const konst = (value: number): Source => ({ kind: 'const', value });
export const copy = (from: number): Source => ({ kind: 'copy', from });
export const apply = (table: number, ...args: number[]): Source => ({ kind: 'apply', table, args });
export const cases = (subject: number, branches: [number[], Stmt[]][]): Stmt => ({
  kind: 'case',
  subject,
  branches: branches.map(([values, body]) => ({ values, body })),
  span,
});

/** A dataset over the given input and observed variables, one example per row. */
export function dataset(inputVars: number[], observedVars: number[], rows: [number[], number[]][]): Dataset {
  return {
    inputVars,
    observedVars,
    examples: rows.map(([inputs, expected], i) => ({ name: `e${i}`, inputs: Int32Array.from(inputs), expected: Int32Array.from(expected) })),
  };
}

/** Every Param assignment (as runExact params) that solves the data, by enumeration. */
export function bruteForce(program: Program, data: Dataset): Int32Array[] {
  const params = program.vars.filter((v) => v.role === 'param');
  const found: Int32Array[] = [];
  const current = new Int32Array(program.vars.length);
  const rec = (i: number): void => {
    if (i === params.length) {
      if (solves(program, data, current)) found.push(current.slice());
      return;
    }
    for (let k = 0; k < params[i]!.domain; k++) {
      current[params[i]!.id] = k;
      rec(i + 1);
    }
  };
  rec(0);
  return found;
}
