// The tasks of `npm run bench:suite` (docs/BENCHMARKS.md, "Suite"): TerpreT's benchmark at its
// published settings on our own models, plus ours. `tune` marks the tasks the search's defaults were
// chosen on (docs/OPTIMIZER.md); the others only show them.
import { loadSketch } from '../src/sketch/load.ts';
import type { Sketch } from '../src/sketch/sketch.ts';

/** One benchmark task: a bundled program with a batch or hyper binding. */
export interface SuiteTask {
  readonly name: string;
  readonly program: string;
  readonly batch?: string;
  readonly set?: Readonly<Record<string, number>>;
  /** What the task asks, for the tables. */
  readonly about: string;
  /** Defaults were chosen on this task (the tuning subset); false: held out. */
  readonly tune: boolean;
}

const task = (name: string, program: string, about: string, tune: boolean, extra: Partial<SuiteTask> = {}): SuiteTask => ({
  name,
  program: `programs/${program}`,
  about,
  tune,
  ...extra,
});

export const SUITE_TASKS: readonly SuiteTask[] = [
  task('turing_invert', 'turing/turing.tpt', 'Turing machine: invert a bit string (2 states, 6 time steps)', false, { batch: 'invert' }),
  task('turing_prepend_zero', 'turing/turing.tpt', 'Turing machine: prepend a zero (4 states, 6 time steps)', true, { batch: 'prepend_zero' }),
  task('turing_decrement', 'turing/turing.tpt', 'Turing machine: binary decrement (4 states, 9 time steps)', true, { batch: 'decrement' }),
  task('shift', 'circuit/circuit.tpt', 'circuit: controlled shift (4 wires, 5 gates)', true, { batch: 'shift' }),
  task('full_adder', 'circuit/circuit.tpt', 'circuit: full adder (4 wires, 5 gates)', true, { batch: 'full_adder' }),
  task('adder2', 'circuit/circuit.tpt', 'circuit: 2-bit adder (5 wires, 8 gates)', false, { batch: 'adder2' }),
  task('bb_access', 'basic_block/basic_block.tpt', 'basic-block machine: k-th element of a list (5 blocks, 5 time steps)', false, { batch: 'access' }),
  task('bb_decrement', 'basic_block/basic_block.tpt', 'basic-block machine: decrement a zero-terminated list (5 blocks, 14 time steps)', true, { batch: 'decrement' }),
  task('bb_list_k', 'basic_block/basic_block.tpt', 'basic-block machine: k-th value of a linked list (9 blocks, 11 time steps)', false, { batch: 'list_k' }),
  task('asm_access', 'assembly/assembly.tpt', 'assembly machine: k-th element of a list (5 lines, 5 time steps)', false, { batch: 'access' }),
  task('asm_decrement', 'assembly/assembly.tpt', 'assembly machine: decrement a zero-terminated list (6 lines, 18 time steps)', true, { batch: 'decrement' }),
  task('asm_list_k', 'assembly/assembly.tpt', 'assembly machine: k-th value of a linked list (11 lines, 14 time steps)', false, { batch: 'list_k' }),
  task('tape_add', 'tape/tape.tpt', 'tape machine: add two cells (6 instructions, 6 time steps)', false),
  task('dnf', 'dnf/dnf.tpt', 'DNF learner: 3 terms over 4 inputs', false),
  task('parity256', 'parity_chain/parity_chain.tpt', 'parity chain, K = 256', false, { set: { K: 256 } }),
  task('turing_onehot_decrement', 'turing/turing_onehot.tpt', 'held-out encoding: the Turing machine with a one-hot head, decrement', false, { batch: 'decrement' }),
  task('turing_onehot_prepend_zero', 'turing/turing_onehot.tpt', 'held-out encoding: the Turing machine with a one-hot head, prepend zero', false, { batch: 'prepend_zero' }),
  task('asm_alu_access', 'assembly/assembly_alu.tpt', 'held-out encoding: the assembly machine as a datapath of tables, access', false, { batch: 'access' }),
  task('asm_alu_decrement', 'assembly/assembly_alu.tpt', 'held-out encoding: the assembly machine as a datapath of tables, decrement', false, { batch: 'decrement' }),
  task('lcg', 'lcg/lcg.tpt', 'linear congruential step (a x + c) mod 64 from trajectories', true),
  task('accumulator', 'accumulator/accumulator.tpt', 'accumulator machine (add/sub/mul mod 16): x^3 + 2x + 7', true),
  task('list_sum', 'list_fold/list_fold.tpt', 'fold over a list: sum mod 8 (3 body instructions, 5 elements)', false, { batch: 'sum' }),
  task('list_max', 'list_fold/list_fold.tpt', 'fold over a list: maximum', true, { batch: 'max' }),
  task('list_length', 'list_fold/list_fold.tpt', 'fold over a list: number of non-zero elements', false, { batch: 'length' }),
];

/** The suite task named `name`, loaded with its batch or hyper binding (for studies and benchmarks). */
export function loadSuiteTask(name: string): Sketch {
  const task = SUITE_TASKS.find((t) => t.name === name);
  if (!task) throw new Error(`unknown task ${name}; known: ${SUITE_TASKS.map((t) => t.name).join(', ')}`);
  const r = loadSketch(task.program, { ...(task.batch ? { batch: task.batch } : {}), ...(task.set ? { set: task.set } : {}) });
  if (!r.sketch) throw new Error(`${name}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.sketch;
}
