// Writes the hypers, data and known-solution files of the benchmark programs in programs/.
// Deterministic: every random choice comes from a seeded PRNG defined here. Run: npx tsx scripts/make-data.ts
// (`--out DIR` writes the same files under DIR instead of programs/, for checking them).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const outFlag = process.argv.indexOf('--out');
const root = outFlag > 0 ? process.argv[outFlag + 1]! : join(dirname(fileURLToPath(import.meta.url)), '..', 'programs');

type Json = number | string | boolean | null | readonly Json[] | { readonly [key: string]: Json };
type Instance = Record<string, Json>;
interface Batch {
  readonly batch_name: string;
  readonly hypers: string;
  readonly instances: readonly Instance[];
}

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32) and helpers.

export function makeRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randInt(rng: () => number, n: number): number {
  return Math.floor(rng() * n);
}

/** All bit vectors of length n, first bit most significant, in counting order. */
function bitRows(n: number): number[][] {
  const rows: number[][] = [];
  for (let v = 0; v < 1 << n; v++) {
    rows.push(Array.from({ length: n }, (_, i) => (v >> (n - 1 - i)) & 1));
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Readable JSON: small values on one line, containers broken one entry per line.

function inline(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, Json>);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** An object with one key per line, each value inline. */
function objectPerLine(obj: Record<string, Json>, indent = ''): string {
  const lines = Object.entries(obj).map(([k, v]) => `${indent}  ${JSON.stringify(k)}: ${inline(v)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

function formatData(batches: readonly Batch[]): string {
  const parts = batches.map((b) => {
    const instances = b.instances.map((inst) => `      ${inline(inst as Json)}`).join(',\n');
    return [
      '  {',
      `    "batch_name": ${JSON.stringify(b.batch_name)},`,
      `    "hypers": ${JSON.stringify(b.hypers)},`,
      '    "instances": [',
      instances,
      '    ]',
      '  }',
    ].join('\n');
  });
  return `[\n${parts.join(',\n')}\n]\n`;
}

function formatHypers(sets: Record<string, Record<string, number>>): string {
  return objectPerLine(sets as Record<string, Json>) + '\n';
}

function write(program: string, file: string, text: string): void {
  const dir = join(root, program);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), text);
  console.log(`wrote ${join(root, program, file)}`);
}

function writeParams(program: string, batch: string | null, params: Record<string, Json>, stem = program): void {
  const file = batch === null ? `${stem}.params.json` : `${stem}.${batch}.params.json`;
  write(program, file, objectPerLine(params) + '\n');
}

// ---------------------------------------------------------------------------------------------
// Parity chain: no data file (the program observes its own outputs); the solution is all zeros.

function parityChain(): void {
  const sets: Record<string, Record<string, number>> = { default: { K: 8 } };
  for (const k of [4, 8, 16, 32, 64, 128, 256]) sets[`k${k}`] = { K: k };
  write('parity_chain', 'parity_chain.hypers.json', formatHypers(sets));
  writeParams('parity_chain', null, { x: new Array(8 - 1).fill(0) });
}

// ---------------------------------------------------------------------------------------------
// Boolean circuits. Gate encoding: 0 AND, 1 OR, 2 XOR, 3 NOT(in1), 4 NOP(in1).

interface CircuitTask {
  readonly name: string;
  readonly numWires: number;
  readonly numGates: number;
  readonly numOutputs: number;
  readonly numInputs: number;
  /** Maps an input row (the non-ancilla wires) to the expected output wires. */
  readonly target: (row: number[]) => number[];
  /** Hand-found solution, one entry per gate: [gate, in1, in2, out]. */
  readonly solution: readonly (readonly [number, number, number, number])[];
}

export const circuitTasks: readonly CircuitTask[] = [
  {
    name: 'nand', numWires: 3, numGates: 2, numOutputs: 1, numInputs: 2,
    target: ([a, b]) => [1 - (a! & b!)],
    // w0 = a AND b; w0 = NOT w0.
    solution: [[0, 0, 1, 0], [3, 0, 0, 0]],
  },
  {
    name: 'swap', numWires: 3, numGates: 3, numOutputs: 2, numInputs: 2,
    target: ([a, b]) => [b!, a!],
    // XOR swap: w0 ^= w1; w1 ^= w0; w0 ^= w1.
    solution: [[2, 0, 1, 0], [2, 1, 0, 1], [2, 0, 1, 0]],
  },
  {
    name: 'shift', numWires: 4, numGates: 5, numOutputs: 3, numInputs: 3,
    target: ([c, x1, x2]) => (c ? [c, x2!, x1!] : [c!, x1!, x2!]),
    // Fredkin gate: d = x1 XOR x2 (w3); e = c AND d (w3); x1 ^= e; x2 ^= e; then a harmless NOP.
    solution: [[2, 1, 2, 3], [0, 0, 3, 3], [2, 1, 3, 1], [2, 2, 3, 2], [4, 0, 0, 0]],
  },
  {
    name: 'full_adder', numWires: 4, numGates: 5, numOutputs: 2, numInputs: 3,
    target: ([a, b, cin]) => {
      const s = a! + b! + cin!;
      return [s >> 1, s & 1];
    },
    // w3 = a AND b; w1 = a XOR b; w0 = w1 AND cin; w1 = w1 XOR cin (sum); w0 = w0 OR w3 (carry).
    solution: [[0, 0, 1, 3], [2, 0, 1, 1], [0, 1, 2, 0], [2, 1, 2, 1], [1, 0, 3, 0]],
  },
  {
    name: 'adder2', numWires: 5, numGates: 8, numOutputs: 3, numInputs: 4,
    target: ([a1, a0, b1, b0]) => {
      const s = 2 * a1! + a0! + 2 * b1! + b0!;
      return [(s >> 2) & 1, (s >> 1) & 1, s & 1];
    },
    // Wires start [a1, a0, b1, b0, 0].
    // w4 = a0 AND b0 (c0); w3 = a0 XOR b0 (s0); w1 = a1 XOR b1 (p); w2 = a1 AND b1 (g);
    // w0 = p AND c0; w1 = p XOR c0 (s1); w0 = w0 OR g (s2); w2 = NOP w3 (s0).
    solution: [
      [0, 1, 3, 4], [2, 1, 3, 3], [2, 0, 2, 1], [0, 0, 2, 2],
      [0, 1, 4, 0], [2, 1, 4, 1], [1, 0, 2, 0], [4, 3, 3, 2],
    ],
  },
];

function circuit(): void {
  const sets: Record<string, Record<string, number>> = {};
  const batches: Batch[] = [];
  for (const task of circuitTasks) {
    sets[task.name] = { numWires: task.numWires, numGates: task.numGates, numOutputs: task.numOutputs };
    const instances = bitRows(task.numInputs).map((row) => ({
      initial_wires: [...row, ...new Array(task.numWires - task.numInputs).fill(0)],
      final_wires: task.target(row),
    }));
    batches.push({ batch_name: task.name, hypers: task.name, instances });
    writeParams('circuit', task.name, {
      gate: task.solution.map((g) => g[0]),
      in1: task.solution.map((g) => g[1]),
      in2: task.solution.map((g) => g[2]),
      out: task.solution.map((g) => g[3]),
    });
  }
  write('circuit', 'circuit.hypers.json', formatHypers(sets));
  write('circuit', 'circuit.data.json', formatData(batches));
}

// ---------------------------------------------------------------------------------------------
// Turing machine. Symbols: 0 blank, 1 bit '0', 2 bit '1'. State 0 halts, state 1 starts.
// Directions: 0 stay, 1 right, 2 left.

const BLANK = 0;
const bitSymbol = (b: number): number => b + 1;

/** Runs a Turing machine (the model's semantics) for `steps` steps; returns the tape, halted flag and steps used. */
function runTuring(
  table: { write: number[][]; dir: number[][]; newState: number[][] },
  initial: readonly number[],
  steps: number,
): { tape: number[]; halted: boolean; used: number } {
  const tape = [...initial];
  let pos = 0, state = 1, used = 0;
  while (state !== 0 && used < steps) {
    const c = tape[pos]!;
    tape[pos] = table.write[state]![c]!;
    const d = table.dir[state]![c]!;
    pos = d === 0 ? pos : d === 1 ? (pos + 1) % tape.length : (pos + tape.length - 1) % tape.length;
    state = table.newState[state]![c]!;
    used++;
  }
  return { tape, halted: state === 0, used };
}

/**
 * The Turing-machine tasks at TerpreT's settings (tape length 5, 3 symbols, 5 examples each): 5
 * distinct bit strings of 1..4 bits drawn by a seeded PRNG among those `accept` keeps, each with its
 * expected tape. Examples are checked against the known solution, which must halt in time.
 */
interface TuringTask {
  readonly name: string;
  readonly hypers: { numTapeSymbols: number; numHeadStates: number; tapeLength: number; numTimesteps: number };
  readonly seed: number;
  readonly accept: (bits: readonly number[]) => boolean;
  readonly expected: (bits: readonly number[]) => number[];
  /** Rows are states, columns symbols (blank, '0', '1'); row 0 (halted) is never read. */
  readonly solution: { write: number[][]; dir: number[][]; newState: number[][] };
}

const turingTasks: readonly TuringTask[] = [
  {
    // Flip every bit, then halt on the first blank.
    name: 'invert',
    hypers: { numTapeSymbols: 3, numHeadStates: 2, tapeLength: 5, numTimesteps: 6 },
    seed: 5101,
    accept: () => true,
    expected: (bits) => bits.map((b) => 1 - b),
    // State 1: '0' -> write '1', right; '1' -> write '0', right; blank -> stay, halt.
    solution: { write: [[0, 0, 0], [0, 2, 1]], dir: [[0, 0, 0], [0, 1, 1]], newState: [[0, 0, 0], [0, 1, 1]] },
  },
  {
    // Shift the string one cell right and write a '0' in front of it.
    name: 'prepend_zero',
    hypers: { numTapeSymbols: 3, numHeadStates: 4, tapeLength: 5, numTimesteps: 6 },
    seed: 5102,
    accept: () => true,
    expected: (bits) => [0, ...bits],
    // State 1 carries a '0', state 2 a '1': write the carried bit, move right, carry what was read;
    // at the blank write the carried bit and halt. State 3 is unused.
    solution: {
      write: [[0, 0, 0], [1, 1, 1], [2, 2, 2], [0, 0, 0]],
      dir: [[0, 0, 0], [0, 1, 1], [0, 1, 1], [0, 0, 0]],
      newState: [[0, 0, 0], [0, 1, 2], [0, 1, 2], [0, 0, 0]],
    },
  },
  {
    // Binary decrement, most significant bit first, of a non-zero number.
    name: 'decrement',
    hypers: { numTapeSymbols: 3, numHeadStates: 4, tapeLength: 5, numTimesteps: 9 },
    seed: 5103,
    accept: (bits) => bits.some((b) => b === 1),
    expected: (bits) => {
      const value = bits.reduce((acc, b) => 2 * acc + b, 0) - 1;
      return bits.map((_, i) => (value >> (bits.length - 1 - i)) & 1);
    },
    // State 1 scans right over the bits; at the blank it steps left into state 2. State 2 borrows:
    // '0' -> write '1', left, stay in 2; '1' -> write '0', stay, halt. State 3 is unused.
    solution: {
      write: [[0, 0, 0], [0, 1, 2], [0, 2, 1], [0, 0, 0]],
      dir: [[0, 0, 0], [2, 1, 1], [0, 2, 0], [0, 0, 0]],
      newState: [[0, 0, 0], [2, 1, 1], [0, 2, 0], [0, 0, 0]],
    },
  },
];

function turing(): void {
  const sets: Record<string, Record<string, number>> = {};
  const batches: Batch[] = [];
  for (const task of turingTasks) {
    const { tapeLength, numTimesteps } = task.hypers;
    sets[task.name] = task.hypers;
    const pad = (cells: number[]): number[] => [...cells, ...new Array(tapeLength - cells.length).fill(BLANK)];
    const rng = makeRng(task.seed);
    const seen = new Set<string>();
    const instances: Instance[] = [];
    while (instances.length < 5) {
      const bits = Array.from({ length: 1 + randInt(rng, 4) }, () => randInt(rng, 2));
      const key = bits.join('');
      if (seen.has(key) || !task.accept(bits)) continue;
      const initial = pad(bits.map(bitSymbol));
      const run = runTuring(task.solution, initial, numTimesteps - 1);
      const expected = pad(task.expected(bits).map(bitSymbol));
      if (!run.halted) continue; // the known solution needs more steps than the task allows
      if (run.tape.join() !== expected.join()) throw new Error(`turing ${task.name}: the known solution fails on ${key}`);
      seen.add(key);
      instances.push({ initial_tape: initial, final_is_halted: 1, final_tape: expected });
    }
    batches.push({ batch_name: task.name, hypers: task.name, instances });
    writeParams('turing', task.name, task.solution);
    writeParams('turing', task.name, task.solution, 'turing_onehot');
  }
  // turing_onehot.tpt encodes the same machine differently (a held-out encoding): same files.
  for (const stem of ['turing', 'turing_onehot']) {
    write('turing', `${stem}.hypers.json`, formatHypers(sets));
    write('turing', `${stem}.data.json`, formatData(batches));
  }
}

// ---------------------------------------------------------------------------------------------
// Memory tasks of TerpreT's benchmark, shared by the basic-block and assembly machines: memory has
// one cell per value (maxInt cells), is set from the example and observed at the end.

interface MemoryExample {
  readonly initial: number[];
  readonly expected: number[];
}

/** access: memory[0] = k, a list at 1..maxInt-1; memory[0] becomes its k-th element. */
function accessExamples(maxInt: number, seed: number): MemoryExample[] {
  const rng = makeRng(seed);
  return Array.from({ length: 5 }, (_, i) => {
    const k = i % (maxInt - 1); // every position up to 4 examples, then again
    const list = Array.from({ length: maxInt - 1 }, () => randInt(rng, maxInt));
    const initial = [k, ...list];
    return { initial, expected: [list[k]!, ...list] };
  });
}

/** decrement: a list of 1..maxLength non-zero values at 0.., ended by a 0; every value is decremented. */
function decrementExamples(maxInt: number, maxLength: number, seed: number): MemoryExample[] {
  const rng = makeRng(seed);
  return Array.from({ length: 5 }, (_, i) => {
    const n = 1 + ((i + randInt(rng, maxLength)) % maxLength);
    const initial = Array.from({ length: maxInt }, () => randInt(rng, maxInt));
    for (let a = 0; a < n; a++) initial[a] = 1 + randInt(rng, maxInt - 1);
    initial[n] = 0;
    return { initial, expected: initial.map((v, a) => (a < n ? v - 1 : v)) };
  });
}

/**
 * list_k: memory[0] = k, memory[1] = the address of the head of a linked list whose nodes are
 * (next, value) cell pairs at 2.. in a random order (the last node's next is 0); memory[0] becomes
 * the value of node k (0-based).
 */
function listKExamples(maxInt: number, seed: number): MemoryExample[] {
  const rng = makeRng(seed);
  const nodes = (maxInt - 2) >> 1;
  return Array.from({ length: 5 }, (_, i) => {
    const k = i % nodes;
    const order = Array.from({ length: nodes }, (_, j) => 2 + 2 * j);
    for (let j = order.length - 1; j > 0; j--) {
      const r = randInt(rng, j + 1);
      [order[j], order[r]] = [order[r]!, order[j]!];
    }
    const initial = new Array<number>(maxInt).fill(0);
    initial[0] = k;
    initial[1] = order[0]!;
    order.forEach((at, j) => {
      initial[at] = j + 1 < nodes ? order[j + 1]! : 0;
      initial[at + 1] = randInt(rng, maxInt);
    });
    const expected = [...initial];
    expected[0] = initial[order[k]! + 1]!;
    return { initial, expected };
  });
}

const memoryInstances = (examples: readonly MemoryExample[]): Instance[] =>
  examples.map((e) => ({ initial_memory: e.initial, final_is_halted: 1, final_memory: e.expected }));

// ---------------------------------------------------------------------------------------------
// Assembly machine. Instructions: 0 HALT, 1 ZERO, 2 INC, 3 DEC, 4 ADD, 5 SUB, 6 READ, 7 WRITE, 8 JZ, 9 JNZ.

function assembly(): void {
  const tasks = [
    {
      name: 'access',
      hypers: { programLen: 5, numRegisters: 2, maxInt: 5, numTimesteps: 5 },
      examples: accessExamples(5, 7101),
      // 0: r1 = READ r0 (k); 1: r1 = INC r1; 2: r1 = READ r1; 3: WRITE memory[r0] = r1; 4: HALT.
      solution: { instructions: [6, 2, 6, 7, 0], arg1Reg: [0, 1, 1, 0, 0], arg2Reg: [0, 0, 0, 1, 0], outReg: [1, 1, 1, 0, 0], branchAddr: [0, 0, 0, 0, 0] },
    },
    {
      name: 'decrement',
      hypers: { programLen: 6, numRegisters: 2, maxInt: 6, numTimesteps: 18 },
      examples: decrementExamples(6, 3, 7102),
      // 0: r1 = READ r0; 1: JNZ r1 -> 3; 2: HALT; 3: r1 = DEC r1; 4: WRITE memory[r0] = r1;
      // 5: r0 = INC r0 (then line 0 again): 5 steps per element, 3 at the end.
      solution: { instructions: [6, 9, 0, 3, 7, 2], arg1Reg: [0, 1, 0, 1, 0, 0], arg2Reg: [0, 0, 0, 0, 1, 0], outReg: [1, 0, 0, 1, 0, 0], branchAddr: [0, 3, 0, 0, 0, 0] },
    },
    {
      name: 'list_k',
      hypers: { programLen: 11, numRegisters: 2, maxInt: 8, numTimesteps: 14 },
      examples: listKExamples(8, 7103),
      // 0: r1 = READ r0 (k); 1: r0 = INC r0; 2: r0 = READ r0 (head); 3: JZ r1 -> 7;
      // 4: r0 = READ r0 (next); 5: r1 = DEC r1; 6: JNZ r1 -> 4; 7: r0 = INC r0; 8: r0 = READ r0 (value);
      // 9: WRITE memory[r1] = r0 (r1 is 0 now); 10: HALT.
      solution: {
        instructions: [6, 2, 6, 8, 6, 3, 9, 2, 6, 7, 0],
        arg1Reg: [0, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0],
        arg2Reg: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        outReg: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0],
        branchAddr: [0, 0, 0, 7, 0, 0, 4, 0, 0, 0, 0],
      },
    },
  ];
  const sets: Record<string, Record<string, number>> = {};
  for (const task of tasks) {
    sets[task.name] = task.hypers;
    writeParams('assembly', task.name, task.solution);
    writeParams('assembly', task.name, task.solution, 'assembly_alu');
  }
  // assembly_alu.tpt encodes the same machine differently (a held-out encoding): same files.
  for (const stem of ['assembly', 'assembly_alu']) {
    write('assembly', `${stem}.hypers.json`, formatHypers(sets));
    write('assembly', `${stem}.data.json`, formatData(tasks.map((t) => ({ batch_name: t.name, hypers: t.name, instances: memoryInstances(t.examples) }))));
  }
}

// ---------------------------------------------------------------------------------------------
// Basic-block machine. Instructions: 0 halt, 1 noop, 2 write, 3 read, 4 zero, 5 inc, 6 dec, 7 add.
// Block 0 is the fixed halting block; execution starts in block 1. A block whose then- and
// else-blocks are equal falls through whatever its condition.

function basicBlock(): void {
  const tasks = [
    {
      name: 'access',
      hypers: { numBlocks: 5, numRegisters: 2, numTimesteps: 5, maxInt: 5 },
      examples: accessExamples(5, 7201),
      // 1: r1 = read r0 (k); 2: r1 = inc r1; 3: r1 = read r1; 4: write memory[r0] = r1; then halt.
      solution: {
        instructions: [0, 3, 5, 3, 2], arg1Reg: [0, 0, 1, 1, 0], arg2Reg: [0, 0, 0, 0, 1], outReg: [0, 1, 1, 1, 0],
        condReg: [0, 0, 0, 0, 0], thenBlock: [0, 2, 3, 4, 0], elseBlock: [0, 2, 3, 4, 0],
      },
    },
    {
      name: 'decrement',
      hypers: { numBlocks: 5, numRegisters: 2, numTimesteps: 14, maxInt: 6 },
      examples: decrementExamples(6, 3, 7202),
      // 1: r1 = read r0, halt if it is 0; 2: r1 = dec r1; 3: write memory[r0] = r1; 4: r0 = inc r0,
      // back to 1: 4 steps per element, 2 at the end.
      solution: {
        instructions: [0, 3, 6, 2, 5], arg1Reg: [0, 0, 1, 0, 0], arg2Reg: [0, 0, 0, 1, 0], outReg: [0, 1, 1, 0, 0],
        condReg: [0, 1, 0, 0, 0], thenBlock: [0, 2, 3, 4, 1], elseBlock: [0, 0, 3, 4, 1],
      },
    },
    {
      name: 'list_k',
      hypers: { numBlocks: 9, numRegisters: 2, numTimesteps: 11, maxInt: 8 },
      examples: listKExamples(8, 7203),
      // 1: r1 = read r0 (k); 2: r0 = inc r0; 3: r0 = read r0 (head), to 6 if r1 is 0; 4: r0 = read r0
      // (next); 5: r1 = dec r1, back to 4 unless 0; 6: r0 = inc r0; 7: r0 = read r0 (value);
      // 8: write memory[r1] = r0 (r1 is 0 now); then halt.
      solution: {
        instructions: [0, 3, 5, 3, 3, 6, 5, 3, 2], arg1Reg: [0, 0, 0, 0, 0, 1, 0, 0, 1], arg2Reg: [0, 0, 0, 0, 0, 0, 0, 0, 0],
        outReg: [0, 1, 0, 0, 0, 1, 0, 0, 0], condReg: [0, 0, 0, 1, 0, 1, 0, 0, 0],
        thenBlock: [0, 2, 3, 4, 5, 4, 7, 8, 0], elseBlock: [0, 2, 3, 6, 5, 6, 7, 8, 0],
      },
    },
  ];
  const sets: Record<string, Record<string, number>> = {};
  for (const task of tasks) {
    sets[task.name] = task.hypers;
    writeParams('basic_block', task.name, task.solution);
  }
  write('basic_block', 'basic_block.hypers.json', formatHypers(sets));
  write('basic_block', 'basic_block.data.json', formatData(tasks.map((t) => ({ batch_name: t.name, hypers: t.name, instances: memoryInstances(t.examples) }))));
}

// ---------------------------------------------------------------------------------------------
// Tape machine. Instructions: 0 HALT, 1 ZERO, 2 INC, 3 DEC, 4 ADD, 5 READ, 6 WRITE, 7 JZ, 8 JNZ.

function tape(): void {
  const hypers = { programLen: 6, numRegisters: 3, maxInt: 5, tapeLength: 3, numTimesteps: 6 };
  write('tape', 'tape.hypers.json', formatHypers({ add: hypers }));

  // add: tape[1] = tape[0] + tape[1] mod maxInt; 12 distinct (a, b) pairs, tape[2] random.
  const rng = makeRng(1606);
  const pairs: [number, number][] = [];
  for (let a = 0; a < hypers.maxInt; a++) for (let b = 0; b < hypers.maxInt; b++) pairs.push([a, b]);
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = randInt(rng, i + 1);
    [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
  }
  const instances: Instance[] = pairs.slice(0, 12).map(([a, b]) => {
    const c = randInt(rng, hypers.maxInt);
    return {
      initial_tape: [a, b, c],
      final_is_halted: 1,
      final_tape: [a, (a + b) % hypers.maxInt, c],
    };
  });
  write('tape', 'tape.data.json', formatData([{ batch_name: 'add', hypers: 'add', instances }]));

  // 0: r1 = READ r0 (tape[0]); 1: r0 = INC r0 (1); 2: r2 = READ r0 (tape[1]);
  // 3: r1 = ADD r1 r2; 4: WRITE tape[r0] = r1; 5: HALT.
  writeParams('tape', null, {
    instructions: [5, 2, 5, 4, 6, 0],
    arg1s: [0, 0, 0, 1, 0, 0],
    arg2s: [0, 0, 0, 2, 1, 0],
    outs: [1, 0, 2, 1, 0, 0],
    branchAddr: [0, 0, 0, 0, 0, 0],
  });
}

// ---------------------------------------------------------------------------------------------
// DNF learner. literal[j][i]: 0 absent, 1 positive, 2 negated.

export function evalDnf(literal: readonly (readonly number[])[], x: readonly number[]): number {
  return literal.some((term) =>
    term.every((kind, i) => kind === 0 || (kind === 1 && x[i] === 1) || (kind === 2 && x[i] === 0)),
  ) ? 1 : 0;
}

function dnf(): void {
  const n = 4;
  const m = 3;
  write('dnf', 'dnf.hypers.json', formatHypers({ n4_m3: { numInputs: n, numTerms: m } }));

  // Draw terms of 2 or 3 literals until the DNF is non-constant and every term is needed
  // (covers a row no other term covers), so the target really has m terms.
  const rng = makeRng(4242);
  const rows = bitRows(n);
  let literal: number[][] = [];
  for (;;) {
    literal = Array.from({ length: m }, () => {
      const term = new Array(n).fill(0);
      const size = 2 + randInt(rng, 2);
      let placed = 0;
      while (placed < size) {
        const i = randInt(rng, n);
        if (term[i] !== 0) continue;
        term[i] = 1 + randInt(rng, 2);
        placed++;
      }
      return term;
    });
    const table = rows.map((x) => evalDnf(literal, x));
    const constant = table.every((v) => v === table[0]);
    const allNeeded = literal.every((_, j) => {
      const others = literal.filter((__, k) => k !== j);
      return rows.some((x) => evalDnf(literal, x) !== evalDnf(others, x));
    });
    if (!constant && allNeeded) break;
  }
  const instances = rows.map((x) => ({ x, y: evalDnf(literal, x) }));
  write('dnf', 'dnf.data.json', formatData([{ batch_name: 'n4_m3', hypers: 'n4_m3', instances }]));
  writeParams('dnf', null, { literal });
}

// ---------------------------------------------------------------------------------------------
// Arithmetic sketches whose tables are not affine in any Param.

/** lcg: x_(t+1) = (37 x_t + 11) mod 64 from 5 random seeds, 4 values each. */
function lcg(): void {
  const M = 64, numSteps = 4, a = 37, c = 11;
  write('lcg', 'lcg.hypers.json', formatHypers({ m64: { M, numSteps } }));
  const rng = makeRng(6401);
  const instances: Instance[] = Array.from({ length: 5 }, () => {
    const seed = randInt(rng, M);
    const values: number[] = [];
    for (let t = 0, x = seed; t < numSteps; t++) values.push((x = (a * x + c) % M));
    return { seed, values };
  });
  write('lcg', 'lcg.data.json', formatData([{ batch_name: 'm64', hypers: 'm64', instances }]));
  writeParams('lcg', null, { a, c });
}

/** accumulator: y = x^3 + 2x + 7 mod 16 for every x, by ((x * x) + 2) * x + 7. */
function accumulator(): void {
  const M = 16;
  write('accumulator', 'accumulator.hypers.json', formatHypers({ cubic: { M, numInstructions: 4 } }));
  const instances: Instance[] = Array.from({ length: M }, (_, x) => ({ x, y: (x * x * x + 2 * x + 7) % M }));
  write('accumulator', 'accumulator.data.json', formatData([{ batch_name: 'cubic', hypers: 'cubic', instances }]));
  // mul x, add 2, mul x, add 7 (op: 0 add, 1 sub, 2 mul; source: 0 x, 1 the constant).
  writeParams('accumulator', null, { op: [2, 0, 2, 0], source: [0, 1, 0, 1], constant: [0, 2, 0, 7] });
}

// ---------------------------------------------------------------------------------------------
// List fold (NFP-style). Ops: 0 add, 1 sub, 2 mul, 3 max, 4 min, 5 less-than, 6 equal.
// Registers: 0 acc, 1 the element, 2 the constant 0, 3 the constant 1, 4.. the body's results.

function listFold(): void {
  const M = 8, listLength = 5, numInstructions = 3;
  const hypers = { M, listLength, numInstructions };
  const tasks = [
    {
      name: 'sum',
      seed: 801,
      list: (rng: () => number) => Array.from({ length: listLength }, () => randInt(rng, M)),
      expected: (xs: number[]) => xs.reduce((s, x) => s + x, 0) % M,
      // r4 = acc + x; r5 = r4 + 0; r6 = r5 + 0.
      solution: { init: 0, op: [0, 0, 0], arg1: [0, 4, 5], arg2: [1, 2, 2] },
    },
    {
      name: 'max',
      seed: 802,
      list: (rng: () => number) => Array.from({ length: listLength }, () => randInt(rng, M)),
      expected: (xs: number[]) => Math.max(...xs),
      // r4 = max(acc, x); r5 = max(r4, 0); r6 = max(r5, 0).
      solution: { init: 0, op: [3, 3, 3], arg1: [0, 4, 5], arg2: [1, 2, 2] },
    },
    {
      name: 'length',
      seed: 803,
      list: (rng: () => number) => {
        const n = randInt(rng, listLength + 1);
        return Array.from({ length: listLength }, (_, i) => (i < n ? 1 + randInt(rng, M - 1) : 0));
      },
      expected: (xs: number[]) => xs.filter((x) => x !== 0).length,
      // r4 = min(x, 1) (1 for an element, 0 for padding); r5 = acc + r4; r6 = r5 + 0.
      solution: { init: 0, op: [4, 0, 0], arg1: [1, 0, 5], arg2: [3, 4, 2] },
    },
  ];
  const sets: Record<string, Record<string, number>> = {};
  const batches: Batch[] = [];
  for (const task of tasks) {
    sets[task.name] = hypers;
    const rng = makeRng(task.seed);
    const instances: Instance[] = Array.from({ length: 8 }, () => {
      const xs = task.list(rng);
      return { xs, y: task.expected(xs) };
    });
    batches.push({ batch_name: task.name, hypers: task.name, instances });
    writeParams('list_fold', task.name, task.solution);
  }
  write('list_fold', 'list_fold.hypers.json', formatHypers(sets));
  write('list_fold', 'list_fold.data.json', formatData(batches));
}

// ---------------------------------------------------------------------------------------------

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  parityChain();
  circuit();
  turing();
  tape();
  dnf();
  assembly();
  basicBlock();
  lcg();
  accumulator();
  listFold();
}
