// Hand-built IR for tests and benchmarks that must not depend on the parser: a small builder, the
// parity chain for any K and TerpreT's boolean circuit model (mirroring programs/*/*.tpt).
import type { Dataset, Example } from '../../src/data/dataset.ts';
import type { CaseBranch, IrVar, Program, Source, Stmt, Table, VarGroup, VarRole } from '../../src/ir/ir.ts';
import type { Span } from '../../src/util/diagnostics.ts';

const SPAN: Span = { file: '<fixture>', line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 };

export const konst = (value: number): Source => ({ kind: 'const', value });
export const copy = (from: number): Source => ({ kind: 'copy', from });
export const apply = (table: number, ...args: number[]): Source => ({ kind: 'apply', table, args });
export const assign = (target: number, source: Source): Stmt => ({ kind: 'assign', target, source, span: SPAN });
export const branch = (values: readonly number[], body: readonly Stmt[]): CaseBranch => ({ values, body });
export const kase = (subject: number, branches: readonly CaseBranch[]): Stmt => ({ kind: 'case', subject, branches, span: SPAN });

/** Builds a `Program` by declaring groups and tables; statements are plain IR values. */
export class ProgramBuilder {
  readonly vars: IrVar[] = [];
  readonly groups: VarGroup[] = [];
  readonly tables: Table[] = [];

  /** Declares `name = Role(domain)[...dims]` and returns its variable ids in row-major order. */
  group(name: string, role: VarRole, domain: number, dims: readonly number[] = []): number[] {
    const count = dims.reduce((a, b) => a * b, 1);
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const index: number[] = [];
      let rest = i;
      for (let d = dims.length - 1; d >= 0; d--) {
        index.unshift(rest % dims[d]!);
        rest = Math.floor(rest / dims[d]!);
      }
      const id = this.vars.length;
      const label = dims.length === 0 ? name : `${name}[${index.join(', ')}]`;
      this.vars.push({ id, name: label, group: this.groups.length, index, domain, role });
      ids.push(id);
    }
    this.groups.push({ name, role, domain, dims, vars: ids, span: SPAN });
    return ids;
  }

  scalar(name: string, role: VarRole, domain: number): number {
    return this.group(name, role, domain)[0]!;
  }

  /** Tabulates `f` over `argDomains` (first argument most significant). */
  table(name: string, argDomains: readonly number[], outDomain: number, f: (...args: number[]) => number): number {
    const size = argDomains.reduce((a, b) => a * b, 1);
    const values = new Int32Array(size);
    for (let i = 0; i < size; i++) {
      const args: number[] = [];
      let rest = i;
      for (let d = argDomains.length - 1; d >= 0; d--) {
        args.unshift(rest % argDomains[d]!);
        rest = Math.floor(rest / argDomains[d]!);
      }
      values[i] = f(...args);
    }
    const id = this.tables.length;
    this.tables.push({ id, name, argDomains, outDomain, values });
    return id;
  }

  build(body: readonly Stmt[], file = '<fixture>'): Program {
    return { file, hypers: {}, vars: this.vars, groups: this.groups, tables: this.tables, body, observations: [] };
  }
}

export interface Fixture {
  readonly program: Program;
  readonly dataset: Dataset;
}

/**
 * The parity chain as programs/parity_chain/parity_chain.tpt lowers it: Input x0 clamped to 0 by the
 * program, Params x[0..K-2], bits copied from them, y[i] = XOR(bits[i], bits[(i+1) mod K]) observed 0.
 * Param x[j] is bit j+1 and its vector sits at offset 2j.
 */
export function parityChain(K: number): Fixture {
  const b = new ProgramBuilder();
  const xor = b.table('XOR', [2, 2], 2, (a, c) => (a + c) % 2);
  const x0 = b.scalar('x0', 'input', 2);
  const x = b.group('x', 'param', 2, [K - 1]);
  const bits = b.group('bits', 'var', 2, [K]);
  const y = b.group('y', 'output', 2, [K]);
  const body: Stmt[] = [assign(x0, konst(0)), assign(bits[0]!, copy(x0))];
  for (let j = 1; j < K; j++) body.push(assign(bits[j]!, copy(x[j - 1]!)));
  for (let i = 0; i < K; i++) body.push(assign(y[i]!, apply(xor, bits[i]!, bits[(i + 1) % K]!)));
  const example: Example = { name: 'zeros', inputs: new Int32Array(0), expected: new Int32Array(K) };
  return { program: b.build(body, 'parity_chain.tpt'), dataset: { inputVars: [], observedVars: y, examples: [example] } };
}

export type CircuitTask = 'nand' | 'swap' | 'full_adder' | 'adder2';

const TASKS: Record<CircuitTask, { W: number; G: number; O: number; inputs: number; f: (x: number[]) => number[] }> = {
  nand: { W: 3, G: 2, O: 1, inputs: 2, f: ([a, b]) => [1 - (a! & b!)] },
  swap: { W: 3, G: 3, O: 2, inputs: 2, f: ([a, b]) => [b!, a!] },
  full_adder: { W: 4, G: 5, O: 2, inputs: 3, f: ([a, b, c]) => [(a! + b! + c!) >> 1, (a! + b! + c!) & 1] },
  adder2: {
    W: 5,
    G: 8,
    O: 3,
    inputs: 4,
    f: ([a1, a0, b1, b0]) => {
      const s = 2 * a1! + a0! + 2 * b1! + b0!;
      return [(s >> 2) & 1, (s >> 1) & 1, s & 1];
    },
  },
};

/**
 * TerpreT's circuit model as programs/circuit/circuit.tpt lowers it (ReadWire as a case over the
 * wire index, the gate as a case over its type, the write as a case on EqualityTest(out, w)), with
 * every input row of `task` as an example (ancilla wires 0).
 */
export function circuit(task: CircuitTask): Fixture {
  const { W, G, O, inputs, f } = TASKS[task];
  const b = new ProgramBuilder();
  const AND = b.table('AND', [2, 2], 2, (p, q) => p & q);
  const OR = b.table('OR', [2, 2], 2, (p, q) => p | q);
  const XOR = b.table('XOR', [2, 2], 2, (p, q) => p ^ q);
  const NOT = b.table('NOT', [2], 2, (p) => 1 - p);
  const NOP = b.table('NOP', [2], 2, (p) => p);
  const equal = Array.from({ length: W }, (_, w) => b.table(`EqualityTest_${w}`, [W], 2, (p) => (p === w ? 1 : 0)));
  const gate = b.group('gate', 'param', 5, [G]);
  const in1 = b.group('in1', 'param', W, [G]);
  const in2 = b.group('in2', 'param', W, [G]);
  const out = b.group('out', 'param', W, [G]);
  const initial = b.group('initial_wires', 'input', 2, [W]);
  const final = b.group('final_wires', 'output', 2, [O]);
  const wires = b.group('wires', 'var', 2, [G + 1, W]);
  const arg1 = b.group('tmpArg1', 'var', 2, [G]);
  const arg2 = b.group('tmpArg2', 'var', 2, [G]);
  const result = b.group('tmpOutput', 'var', 2, [G]);
  const doWrite = b.group('tmpDoWrite', 'var', 2, [G, W]);
  const wire = (g: number, w: number): number => wires[g * W + w]!;
  const body: Stmt[] = [];
  for (let w = 0; w < W; w++) body.push(assign(wire(0, w), copy(initial[w]!)));
  const readWire = (dst: number, g: number, select: number): Stmt =>
    kase(select, Array.from({ length: W }, (_, w) => branch([w], [assign(dst, copy(wire(g, w)))])));
  for (let g = 0; g < G; g++) {
    const [a, c, r] = [arg1[g]!, arg2[g]!, result[g]!];
    body.push(readWire(a, g, in1[g]!), readWire(c, g, in2[g]!));
    body.push(
      kase(gate[g]!, [
        branch([0], [assign(r, apply(AND, a, c))]),
        branch([1], [assign(r, apply(OR, a, c))]),
        branch([2], [assign(r, apply(XOR, a, c))]),
        branch([3], [assign(r, apply(NOT, a))]),
        branch([4], [assign(r, apply(NOP, a))]),
      ]),
    );
    for (let w = 0; w < W; w++) {
      const d = doWrite[g * W + w]!;
      body.push(assign(d, apply(equal[w]!, out[g]!)));
      body.push(kase(d, [branch([1], [assign(wire(g + 1, w), copy(r))]), branch([0], [assign(wire(g + 1, w), copy(wire(g, w)))])]));
    }
  }
  for (let o = 0; o < O; o++) body.push(assign(final[o]!, copy(wire(G, o))));
  const examples: Example[] = [];
  for (let row = 0; row < 1 << inputs; row++) {
    const bits = Array.from({ length: inputs }, (_, i) => (row >> (inputs - 1 - i)) & 1);
    const values = [...bits, ...new Array<number>(W - inputs).fill(0)];
    examples.push({ name: `row${row}`, inputs: Int32Array.from(values), expected: Int32Array.from(f(bits)) });
  }
  return { program: b.build(body, 'circuit.tpt'), dataset: { inputVars: initial, observedVars: final, examples } };
}

/** A known nand solution (programs/circuit/circuit.nand.params.json) as values indexed by variable id. */
export function nandSolution(program: Program): Int32Array {
  const values = new Int32Array(program.vars.length);
  const set: Record<string, number[]> = { gate: [0, 3], in1: [0, 0], in2: [1, 0], out: [0, 0] };
  for (const v of program.vars) if (v.role === 'param') values[v.id] = set[program.groups[v.group]!.name]![v.index[0]!]!;
  return values;
}
