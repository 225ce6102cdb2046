// Writes the hypers, data and known-solution files of the benchmark programs in programs/.
// Deterministic: every random choice comes from a seeded PRNG defined here. Run: npx tsx scripts/make-data.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'programs');

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
  console.log(`wrote programs/${program}/${file}`);
}

function writeParams(program: string, batch: string | null, params: Record<string, Json>): void {
  const file = batch === null ? `${program}.params.json` : `${program}.${batch}.params.json`;
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

function turing(): void {
  const sets = {
    invert: { numTapeSymbols: 3, numHeadStates: 2, tapeLength: 5, numTimesteps: 6 },
    decrement: { numTapeSymbols: 3, numHeadStates: 3, tapeLength: 5, numTimesteps: 8 },
  };
  write('turing', 'turing.hypers.json', formatHypers(sets));

  const pad = (cells: number[], n: number): number[] => [...cells, ...new Array(n - cells.length).fill(BLANK)];

  // invert: every string of 1..4 bits followed by blanks; each bit is flipped, the machine halts.
  const invert: Instance[] = [];
  for (let len = 1; len <= 4; len++) {
    for (const row of bitRows(len)) {
      invert.push({
        initial_tape: pad(row.map(bitSymbol), 5),
        final_is_halted: 1,
        final_tape: pad(row.map((b) => bitSymbol(1 - b)), 5),
      });
    }
  }

  // decrement: every non-zero number of 1..3 bits, most significant bit first, minus one.
  const decrement: Instance[] = [];
  for (let len = 1; len <= 3; len++) {
    for (const row of bitRows(len)) {
      const value = row.reduce((acc, b) => 2 * acc + b, 0);
      if (value === 0) continue;
      const result = Array.from({ length: len }, (_, i) => ((value - 1) >> (len - 1 - i)) & 1);
      decrement.push({
        initial_tape: pad(row.map(bitSymbol), 5),
        final_is_halted: 1,
        final_tape: pad(result.map(bitSymbol), 5),
      });
    }
  }

  write('turing', 'turing.data.json', formatData([
    { batch_name: 'invert', hypers: 'invert', instances: invert },
    { batch_name: 'decrement', hypers: 'decrement', instances: decrement },
  ]));

  // Rows are states, columns symbols (blank, '0', '1'); row 0 (halted) is never read.
  // invert, state 1: '0' -> write '1', right; '1' -> write '0', right; blank -> stay, halt.
  writeParams('turing', 'invert', {
    write: [[0, 0, 0], [0, 2, 1]],
    dir: [[0, 0, 0], [0, 1, 1]],
    newState: [[0, 0, 0], [0, 1, 1]],
  });
  // decrement, state 1 scans right over the bits; at the blank it steps left into state 2.
  // State 2 borrows: '0' -> write '1', left, stay in 2; '1' -> write '0', stay, halt.
  writeParams('turing', 'decrement', {
    write: [[0, 0, 0], [0, 1, 2], [0, 2, 1]],
    dir: [[0, 0, 0], [2, 1, 1], [0, 2, 0]],
    newState: [[0, 0, 0], [2, 1, 1], [0, 2, 0]],
  });
}

// ---------------------------------------------------------------------------------------------
// Basic-block machine. Instructions: 0 halt, 1 noop, 2 write, 3 read, 4 zero, 5 inc, 6 dec, 7 add.

function basicBlock(): void {
  const hypers = { numBlocks: 5, numRegisters: 2, numTimesteps: 5, maxInt: 5 };
  write('basic_block', 'basic_block.hypers.json', formatHypers({ increment: hypers }));

  // increment: memory[0] = a in 1..4 is an address; memory[a] is incremented mod maxInt.
  const rng = makeRng(20160801);
  const instances: Instance[] = [];
  for (let k = 0; k < 8; k++) {
    const memory = Array.from({ length: hypers.maxInt }, () => randInt(rng, hypers.maxInt));
    const a = 1 + (k % (hypers.maxInt - 1));
    memory[0] = a;
    if (k === 0) memory[a] = hypers.maxInt - 1; // make sure the wrap-around case occurs
    const expected = [...memory];
    expected[a] = (expected[a]! + 1) % hypers.maxInt;
    instances.push({ initial_memory: memory, final_is_halted: 1, final_memory: expected });
  }
  write('basic_block', 'basic_block.data.json', formatData([
    { batch_name: 'increment', hypers: 'increment', instances },
  ]));

  // Block 0: r0 = read(r0) (= memory[0] = a, as r0 starts 0); block 1: r1 = read(r0) (= memory[a]);
  // block 2: r1 = inc(r1); block 3: write memory[r0] = r1; block 4: halt. Each block falls through
  // to the next whatever the condition.
  writeParams('basic_block', null, {
    instructions: [3, 3, 5, 2, 0],
    thenBlock: [1, 2, 3, 4, 4],
    elseBlock: [1, 2, 3, 4, 4],
    arg1Reg: [0, 0, 1, 0, 0],
    arg2Reg: [0, 0, 0, 1, 0],
    outReg: [0, 1, 1, 0, 0],
    condReg: [0, 0, 0, 0, 0],
  });
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  parityChain();
  circuit();
  turing();
  basicBlock();
  tape();
  dnf();
}
