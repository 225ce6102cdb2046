// Checks every known solution in programs/ against its data with small hand-written simulators that
// mirror each .tpt model step by step (independent of the tpt toolchain). Run: npx tsx scripts/check-solutions.ts
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'programs');

type Hypers = Record<string, number>;
type Params = Record<string, any>;
type Instance = Record<string, any>;
interface Batch { batch_name: string; hypers: string; instances: Instance[] }

function readJson(program: string, file: string): any {
  return JSON.parse(readFileSync(join(root, program, file), 'utf8'));
}

/** Fails unless `value` is an integer array nested to `dims` with entries in 0..domain-1. */
function checkShape(name: string, value: any, dims: number[], domain: number): void {
  if (dims.length === 0) {
    if (!Number.isInteger(value) || value < 0 || value >= domain) throw new Error(`${name}: ${value} not in 0..${domain - 1}`);
    return;
  }
  if (!Array.isArray(value) || value.length !== dims[0]) throw new Error(`${name}: expected length ${dims[0]}`);
  value.forEach((v, i) => checkShape(`${name}[${i}]`, v, dims.slice(1), domain));
}

/** Compares produced outputs with expected ones (null = don't care). Returns a mismatch message or null. */
function compare(expected: any, produced: any, path: string): string | null {
  if (expected === null) return null;
  if (Array.isArray(expected)) {
    for (let i = 0; i < expected.length; i++) {
      const m = compare(expected[i], produced[i], `${path}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  return expected === produced ? null : `${path}: expected ${expected}, got ${produced}`;
}

const mod = (a: number, n: number): number => ((a % n) + n) % n;

// ---------------------------------------------------------------------------------------------
// Simulators, one per model; each returns the Output values by name.

function parityChain(h: Hypers, p: Params): Record<string, any> {
  const K = h.K!;
  checkShape('x', p.x, [K - 1], 2);
  const bits = [0, ...p.x];
  return { y: bits.map((b: number, i: number) => (b + bits[(i + 1) % K]) % 2) };
}

function circuit(h: Hypers, p: Params, inst: Instance): Record<string, any> {
  const W = h.numWires!, G = h.numGates!, O = h.numOutputs!;
  checkShape('gate', p.gate, [G], 5);
  for (const k of ['in1', 'in2', 'out']) checkShape(k, p[k], [G], W);
  let wires: number[] = [...inst.initial_wires];
  for (let g = 0; g < G; g++) {
    const a = wires[p.in1[g]]!, b = wires[p.in2[g]]!;
    const r = [a & b, a | b, a ^ b, 1 - a, a][p.gate[g]]!;
    wires = wires.map((v, w) => (w === p.out[g] ? r : v));
  }
  return { final_wires: wires.slice(0, O) };
}

function turing(h: Hypers, p: Params, inst: Instance): Record<string, any> {
  const S = h.numTapeSymbols!, Q = h.numHeadStates!, L = h.tapeLength!, T = h.numTimesteps!;
  checkShape('write', p.write, [Q, S], S);
  checkShape('dir', p.dir, [Q, S], 3);
  checkShape('newState', p.newState, [Q, S], Q);
  let tape: number[] = [...inst.initial_tape];
  let pos = 0, state = 1, halted = 0;
  for (let t = 0; t < T - 1; t++) {
    if (halted) continue;
    const c = tape[pos]!;
    const written = p.write[state][c];
    const d = p.dir[state][c];
    const next = p.newState[state][c];
    tape = tape.map((v, m) => (m === pos ? written : v));
    pos = d === 0 ? pos : d === 1 ? mod(pos + 1, L) : mod(pos - 1, L);
    state = next;
    halted = state === 0 ? 1 : 0;
  }
  return { final_is_halted: halted, final_tape: tape };
}

function basicBlock(h: Hypers, p: Params, inst: Instance): Record<string, any> {
  const B = h.numBlocks!, R = h.numRegisters!, T = h.numTimesteps!, M = h.maxInt!;
  checkShape('instructions', p.instructions, [B], 8);
  for (const k of ['thenBlock', 'elseBlock']) checkShape(k, p[k], [B], B);
  for (const k of ['arg1Reg', 'arg2Reg', 'outReg', 'condReg']) checkShape(k, p[k], [B], R);
  let memory: number[] = [...inst.initial_memory];
  let regs = new Array(R).fill(0);
  let bp = 1, halted = 0; // block 0 is the fixed halting block
  for (let t = 0; t < T; t++) {
    if (halted) continue;
    const a1 = regs[p.arg1Reg[bp]], a2 = regs[p.arg2Reg[bp]];
    const instr = p.instructions[bp];
    let out = a1, memWrite = 0, halts = 0;
    switch (instr) {
      case 0: halts = 1; break;
      case 1: break;
      case 2: memWrite = 1; break;
      case 3: out = memory[a1]!; break;
      case 4: out = 0; break;
      case 5: out = mod(a1 + 1, M); break;
      case 6: out = mod(a1 - 1, M); break;
      default: out = mod(a1 + a2, M);
    }
    if (memWrite) memory = memory.map((v, a) => (a === a1 ? a2 : v));
    else regs = regs.map((v, r) => (r === p.outReg[bp] ? out : v));
    bp = regs[p.condReg[bp]] > 0 ? p.thenBlock[bp] : p.elseBlock[bp];
    halted = halts;
  }
  return { final_is_halted: halted, final_memory: memory };
}

function tape(h: Hypers, p: Params, inst: Instance): Record<string, any> {
  const P = h.programLen!, R = h.numRegisters!, M = h.maxInt!, L = h.tapeLength!, T = h.numTimesteps!;
  checkShape('instructions', p.instructions, [P], 9);
  for (const k of ['arg1s', 'arg2s', 'outs']) checkShape(k, p[k], [P], R);
  checkShape('branchAddr', p.branchAddr, [P], P);
  let cells: number[] = [...inst.initial_tape];
  let regs = new Array(R).fill(0);
  let ip = 0, halted = 0;
  for (let t = 0; t < T; t++) {
    if (halted) continue;
    const a1 = regs[p.arg1s[ip]], a2 = regs[p.arg2s[ip]];
    const instr = p.instructions[ip];
    const next = (ip + 1) % P;
    let out = 0, kind = 1, nextIp = next;
    switch (instr) {
      case 0: kind = 0; nextIp = ip; halted = 1; break;
      case 1: out = 0; break;
      case 2: out = mod(a1 + 1, M); break;
      case 3: out = mod(a1 - 1, M); break;
      case 4: out = mod(a1 + a2, M); break;
      case 5: out = a1 < L ? cells[a1]! : 0; break;
      case 6: kind = 2; break;
      case 7: kind = 0; nextIp = a1 === 0 ? p.branchAddr[ip] : next; break;
      default: kind = 0; nextIp = a1 !== 0 ? p.branchAddr[ip] : next;
    }
    if (kind === 1) regs = regs.map((v, r) => (r === p.outs[ip] ? out : v));
    if (kind === 2) cells = cells.map((v, c) => (c === a1 ? a2 : v));
    ip = nextIp;
  }
  return { final_is_halted: halted, final_tape: cells };
}

function assembly(h: Hypers, p: Params, inst: Instance): Record<string, any> {
  const P = h.programLen!, R = h.numRegisters!, M = h.maxInt!, T = h.numTimesteps!;
  checkShape('instructions', p.instructions, [P], 10);
  for (const k of ['arg1Reg', 'arg2Reg', 'outReg']) checkShape(k, p[k], [P], R);
  checkShape('branchAddr', p.branchAddr, [P], P);
  const memory: number[] = [...inst.initial_memory];
  const regs = new Array(R).fill(0);
  let pc = 0, halted = 0;
  for (let t = 0; t < T && !halted; t++) {
    const a1 = regs[p.arg1Reg[pc]], a2 = regs[p.arg2Reg[pc]];
    const next = (pc + 1) % P;
    const compute = (value: number): void => {
      regs[p.outReg[pc]] = value;
      pc = next;
    };
    switch (p.instructions[pc]) {
      case 0: halted = 1; break;
      case 1: compute(0); break;
      case 2: compute(mod(a1 + 1, M)); break;
      case 3: compute(mod(a1 - 1, M)); break;
      case 4: compute(mod(a1 + a2, M)); break;
      case 5: compute(mod(a1 - a2, M)); break;
      case 6: compute(memory[a1]!); break;
      case 7: memory[a1] = a2; pc = next; break;
      case 8: pc = a1 === 0 ? p.branchAddr[pc] : next; break;
      default: pc = a1 !== 0 ? p.branchAddr[pc] : next;
    }
  }
  return { final_is_halted: halted, final_memory: memory };
}

function dnf(h: Hypers, p: Params, inst: Instance): Record<string, any> {
  const n = h.numInputs!, m = h.numTerms!;
  checkShape('literal', p.literal, [m, n], 3);
  const x: number[] = inst.x;
  const y = (p.literal as number[][]).some((term) =>
    term.every((k, i) => k === 0 || (k === 1 && x[i] === 1) || (k === 2 && x[i] === 0)),
  );
  return { y: y ? 1 : 0 };
}

function lcg(h: Hypers, p: Params, inst: Instance): Record<string, any> {
  const M = h.M!;
  checkShape('a', p.a, [], M);
  checkShape('c', p.c, [], M);
  const values: number[] = [];
  for (let t = 0, x = inst.seed as number; t < h.numSteps!; t++) values.push((x = (p.a * x + p.c) % M));
  return { values };
}

function accumulator(h: Hypers, p: Params, inst: Instance): Record<string, any> {
  const M = h.M!, n = h.numInstructions!;
  checkShape('op', p.op, [n], 3);
  checkShape('source', p.source, [n], 2);
  checkShape('constant', p.constant, [n], M);
  let acc = inst.x as number;
  for (let i = 0; i < n; i++) {
    const b = p.source[i] === 0 ? (inst.x as number) : p.constant[i];
    acc = mod([acc + b, acc - b, acc * b][p.op[i]]!, M);
  }
  return { y: acc };
}

function listFold(h: Hypers, p: Params, inst: Instance): Record<string, any> {
  const M = h.M!, n = h.numInstructions!;
  checkShape('init', p.init, [], M);
  checkShape('op', p.op, [n], 7);
  for (const k of ['arg1', 'arg2']) checkShape(k, p[k], [n], n + 4);
  let acc = p.init as number;
  for (const x of inst.xs as number[]) {
    const regs = [acc, x, 0, 1];
    for (let i = 0; i < n; i++) {
      const a = regs[p.arg1[i]] ?? 0, b = regs[p.arg2[i]] ?? 0; // a register not yet written reads 0
      regs.push([mod(a + b, M), mod(a - b, M), (a * b) % M, Math.max(a, b), Math.min(a, b), a < b ? 1 : 0, a === b ? 1 : 0][p.op[i]]!);
    }
    acc = regs[n + 3]!;
  }
  return { y: acc };
}

// ---------------------------------------------------------------------------------------------

type Simulator = (h: Hypers, p: Params, inst: Instance) => Record<string, any>;
const programs: Record<string, Simulator> = {
  parity_chain: parityChain, circuit, turing, basic_block: basicBlock, tape, dnf, assembly, lcg, accumulator, list_fold: listFold,
};

let failures = 0;
for (const [name, simulate] of Object.entries(programs)) {
  const hyperSets: Record<string, Hypers> = readJson(name, `${name}.hypers.json`);
  const dataFile = join(root, name, `${name}.data.json`);
  // A program without a data file is its own single example, run with the `default` hyper set;
  // its observations are written in the program (parity chain: every y_i is 0).
  const batches: Batch[] = existsSync(dataFile)
    ? readJson(name, `${name}.data.json`)
    : [{ batch_name: 'default', hypers: 'default', instances: [{ y: new Array(hyperSets.default!.K).fill(0) }] }];
  for (const batch of batches) {
    const paramsFile = batches.length === 1 ? `${name}.params.json` : `${name}.${batch.batch_name}.params.json`;
    const hypers = hyperSets[batch.hypers];
    let status = 'ok';
    try {
      if (!hypers) throw new Error(`no hyper set ${batch.hypers}`);
      const params = readJson(name, paramsFile);
      batch.instances.forEach((inst, i) => {
        const produced = simulate(hypers, params, inst);
        for (const [key, expected] of Object.entries(inst)) {
          if (!(key in produced)) continue; // an input
          const m = compare(expected, produced[key], key);
          if (m) throw new Error(`instance ${i}: ${m}`);
        }
      });
    } catch (e) {
      status = `FAIL ${(e as Error).message}`;
      failures++;
    }
    console.log(`${name} / ${batch.batch_name} (${batch.instances.length} instances, ${paramsFile}): ${status}`);
  }
}
process.exit(failures === 0 ? 0 : 1);
