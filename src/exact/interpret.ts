// The exact interpreter: runs the lowered program with concrete Param values on each example.
// It is the living definition of what a program means; every optimizer's answer is judged by it.
import type { Program, Stmt } from '../ir/ir.ts';
import { DONT_CARE, type Dataset, type Example } from '../data/dataset.ts';
import { runRealExample } from './real.ts';
import { exampleLoss, reduceLosses, type ExampleLoss } from './real-loss.ts';

/** Marks an unset variable in a run's value array. */
export const UNSET = -1;

/** A fault of an exact run (a read of a variable no executed branch wrote); the example is unsolved. */
export interface RuntimeFault {
  readonly variable: number;
  readonly message: string;
}

/** One example's exact run. */
export interface ExampleRun {
  /** Value of every variable by id after the run; UNSET where no path assigned it. */
  readonly values: Int32Array;
  readonly faults: readonly RuntimeFault[];
  /** Positions into `Dataset.observedVars` whose produced value differs from the expected one. */
  readonly mismatches: readonly number[];
  /** Programs with real values: the produced `Dataset.realOutputs`, concatenated (NaN where unset). */
  readonly realOutputs?: Float64Array;
  /** Positions into `realOutputs` farther than the target's tolerance from the expected value. */
  readonly realMismatches?: readonly number[];
  /** Programs with real values: this example's terms of the data loss. */
  readonly loss?: ExampleLoss;
}

/** What `runExact` found on every example. */
export interface ExactResult {
  readonly examples: readonly ExampleRun[];
  /** True when every example has no fault and no mismatch. */
  readonly solved: boolean;
  readonly examplesSolved: number;
  /**
   * Programs with real values: the data loss under the program's conventions (squared error of real
   * Outputs, negative log-likelihood of Bernoulli / Categorical draws, `-log(match + epsilon)` of other
   * observations), reduced over examples as the settings say; no regulariser.
   */
  readonly loss?: number;
}

/** Added inside the logs of the exact data loss, as in the relaxed evaluator's default. */
export const EXACT_EPSILON = 1e-7;

/**
 * Runs `program` on every example with `params[v]` the value of each Param variable `v`
 * (an array indexed by variable id; entries for non-Param variables are ignored) and, for a program
 * with real values, `real` the flat real-parameter vector (`Program.real.paramSize` values).
 */
export function runExact(program: Program, dataset: Dataset, params: ArrayLike<number>, real: ArrayLike<number> = NO_REAL): ExactResult {
  const examples: ExampleRun[] = [];
  let examplesSolved = 0;
  for (const example of dataset.examples) {
    const values = new Int32Array(program.vars.length).fill(UNSET);
    for (const v of program.vars) if (v.role === 'param') values[v.id] = params[v.id] ?? UNSET;
    dataset.inputVars.forEach((v, i) => (values[v] = example.inputs[i]!));
    const faults: RuntimeFault[] = [];
    execute(program, program.body, values, faults);
    const realPart = program.real ? runReal(program, dataset, example, values, real, faults) : null;
    const mismatches: number[] = [];
    dataset.observedVars.forEach((v, i) => {
      const want = example.expected[i]!;
      if (want !== DONT_CARE && values[v] !== want) mismatches.push(i);
    });
    const realMismatches = realPart?.mismatches ?? [];
    if (faults.length === 0 && mismatches.length === 0 && realMismatches.length === 0) examplesSolved++;
    examples.push({ values, faults, mismatches, ...(realPart ? { realOutputs: realPart.outputs, realMismatches, loss: realPart.loss } : {}) });
  }
  const loss = program.real ? { loss: reduceLosses(program.real.settings, examples.map((e) => e.loss!)) } : {};
  return { examples, solved: examplesSolved === dataset.examples.length, examplesSolved, ...loss };
}

const NO_REAL = new Float64Array(0);

/** Runs the real part of one example after its discrete statements; scores its real observations. */
function runReal(program: Program, dataset: Dataset, example: Example, values: Int32Array, real: ArrayLike<number>, faults: RuntimeFault[]) {
  const realFaults: { message: string }[] = [];
  const run = runRealExample(program, values, real, dataset.realInputs ?? [], example.realInputs, UNSET, realFaults);
  for (const f of realFaults) faults.push({ variable: -1, message: f.message });
  const outputs = new Float64Array(example.realExpected?.length ?? 0);
  let at = 0;
  for (const id of dataset.realOutputs ?? []) {
    const t = program.real!.tensors[id]!;
    const v = run.tensors[id];
    for (let i = 0; i < t.size; i++) outputs[at + i] = v ? v[i]! : Number.NaN;
    at += t.size;
  }
  const tolerance = program.real!.settings.target.tolerance;
  const mismatches: number[] = [];
  outputs.forEach((o, i) => {
    const want = example.realExpected![i]!;
    if (!Number.isNaN(want) && !(Math.abs(o - want) <= tolerance)) mismatches.push(i);
  });
  const loss = exampleLoss(program, dataset, example, values, run, outputs, EXACT_EPSILON);
  return { outputs, mismatches, loss };
}

/** True when `params` solves every example; stops at the first failing example. */
export function solves(program: Program, dataset: Dataset, params: ArrayLike<number>, real?: ArrayLike<number>): boolean {
  return createChecker(program, dataset).solves(params, real);
}

/**
 * A reusable exact checker for one program and batch: its buffers are allocated once, so search loops
 * can verify an assignment on every step without allocating.
 */
export function createChecker(program: Program, dataset: Dataset): {
  solves(params: ArrayLike<number>, real?: ArrayLike<number>): boolean;
  examplesSolved(params: ArrayLike<number>, real?: ArrayLike<number>): number;
} {
  if (program.real) {
    // Real programs allocate per run anyway; the checker is runExact's verdict.
    return {
      solves: (params, real) => runExact(program, dataset, params, real).solved,
      examplesSolved: (params, real) => runExact(program, dataset, params, real).examplesSolved,
    };
  }
  const values = new Int32Array(program.vars.length);
  const faults: RuntimeFault[] = [];
  const paramIds = program.vars.filter((v) => v.role === 'param').map((v) => v.id);
  const runExample = (example: Dataset['examples'][number], params: ArrayLike<number>): boolean => {
    values.fill(UNSET);
    for (const id of paramIds) values[id] = params[id] ?? UNSET;
    for (let i = 0; i < dataset.inputVars.length; i++) values[dataset.inputVars[i]!] = example.inputs[i]!;
    faults.length = 0;
    execute(program, program.body, values, faults);
    if (faults.length > 0) return false;
    for (let i = 0; i < dataset.observedVars.length; i++) {
      const want = example.expected[i]!;
      if (want !== DONT_CARE && values[dataset.observedVars[i]!] !== want) return false;
    }
    return true;
  };
  return {
    solves(params) {
      for (const example of dataset.examples) if (!runExample(example, params)) return false;
      return true;
    },
    examplesSolved(params) {
      let n = 0;
      for (const example of dataset.examples) if (runExample(example, params)) n++;
      return n;
    },
  };
}

function read(program: Program, values: Int32Array, v: number, faults: RuntimeFault[]): number {
  const x = values[v]!;
  if (x === UNSET) faults.push({ variable: v, message: `read of ${program.vars[v]!.name} before it was set` });
  return x;
}

function execute(program: Program, body: readonly Stmt[], values: Int32Array, faults: RuntimeFault[]): void {
  for (const stmt of body) {
    switch (stmt.kind) {
      case 'assign': {
        const src = stmt.source;
        let result: number;
        if (src.kind === 'const') result = src.value;
        else if (src.kind === 'copy') result = read(program, values, src.from, faults);
        else {
          const table = program.tables[src.table]!;
          let index = 0;
          let ok = true;
          for (let i = 0; i < src.args.length; i++) {
            const a = read(program, values, src.args[i]!, faults);
            if (a === UNSET) ok = false;
            index = index * table.argDomains[i]! + a;
          }
          result = ok ? table.values[index]! : UNSET;
        }
        const target = program.vars[stmt.target]!;
        if (result !== UNSET && (result < 0 || result >= target.domain)) {
          faults.push({ variable: target.id, message: `value ${result} is outside the domain 0..${target.domain - 1} of ${target.name}` });
          result = UNSET;
        }
        if (values[stmt.target] !== UNSET && target.role !== 'param') {
          faults.push({ variable: target.id, message: `${target.name} written twice` });
        }
        values[stmt.target] = result;
        break;
      }
      case 'case': {
        const c = read(program, values, stmt.subject, faults);
        if (c === UNSET) break;
        for (const branch of stmt.branches) {
          if (branch.values.includes(c)) {
            execute(program, branch.body, values, faults);
            break;
          }
        }
        break;
      }
      default: {
        const never: never = stmt;
        throw new Error(`unknown statement ${(never as Stmt).kind}`);
      }
    }
  }
}
