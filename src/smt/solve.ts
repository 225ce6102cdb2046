// solveSmt: encodes a lowered program and its examples for Z3 and asks for a Param assignment.
import type { Program } from '../ir/ir.ts';
import type { Dataset } from '../data/dataset.ts';
import type { Assert, Encoding, EncodingName } from './encoding.ts';
import { ExampleEncoder } from './execute.ts';
import { runExact } from '../exact/interpret.ts';
import { Logic } from './logic.ts';
import { OneHotEncoding } from './onehot.ts';
import { ScalarEncoding } from './scalar.ts';
import { z3, type Z3Context, type Z3Solver } from './z3.ts';

export interface SmtOptions {
  /** Wall-clock limit for encoding plus solving (Z3's start-up on first use is not counted). */
  readonly timeLimitSeconds: number;
  /** Z3's random seed. */
  readonly seed?: number;
  readonly onLog?: (message: string) => void;
  /** Value representation (default 'onehot'). */
  readonly encoding?: EncodingName;
  /** Give every computed value its own Z3 constant instead of sharing terms (default true). */
  readonly nameValues?: boolean;
  /** Z3 logic for the solver, e.g. 'QF_FD' or 'QF_BV' (default: Z3's own choice). */
  readonly logic?: string;
  /** Counterexample-guided: encode one example, add each example a candidate fails (default true). */
  readonly cegis?: boolean;
}

export type SmtStatus = 'sat' | 'unsat' | 'unknown' | 'timeout';

export interface SmtResult {
  readonly status: SmtStatus;
  /** Indexed by variable id, Params only (other entries 0), like runExact's params; null unless sat. */
  readonly assignment: Int32Array | null;
  /** Encoding plus solving, in seconds. */
  readonly seconds: number;
  readonly encodeSeconds: number;
}

export const DEFAULT_ENCODING: EncodingName = 'onehot';
export const DEFAULT_CEGIS = true;

function makeEncoding(name: EncodingName, logic: Logic, assert: Assert): Encoding<unknown> {
  switch (name) {
    case 'onehot':
      return new OneHotEncoding(logic, assert, 'onehot') as Encoding<unknown>;
    case 'binary':
      return new OneHotEncoding(logic, assert, 'binary') as Encoding<unknown>;
    case 'int':
      return new ScalarEncoding(logic, assert, 'int') as Encoding<unknown>;
    case 'bv':
      return new ScalarEncoding(logic, assert, 'bv') as Encoding<unknown>;
  }
}

/** Finds Param values that make every example produce its observed outputs without runtime faults. */
export async function solveSmt(program: Program, dataset: Dataset, options: SmtOptions): Promise<SmtResult> {
  const { ctx } = await z3();
  const log = options.onLog ?? (() => {});
  const start = performance.now();
  const elapsed = (): number => (performance.now() - start) / 1000;
  const solver = options.logic ? new ctx.Solver(options.logic) : new ctx.Solver();
  try {
    let count = 0;
    let trivial = false;
    const assert: Assert = (b) => {
      if (b === true) return;
      count++;
      if (b === false) trivial = true;
      else solver.add(b);
    };
    const encodingName = options.encoding ?? DEFAULT_ENCODING;
    const enc = makeEncoding(encodingName, new Logic(ctx), assert);
    const params = program.vars.filter((v) => v.role === 'param');
    for (const v of params) enc.param(v);
    const nameValues = options.nameValues ?? true;
    const encodeExample = (i: number): void => {
      new ExampleEncoder(program, enc, assert, { name: nameValues }, `e${i}.`).run(dataset, dataset.examples[i]!);
    };
    const cegis = options.cegis ?? DEFAULT_CEGIS;
    const encoded = new Set<number>();
    const initial = cegis ? Math.min(1, dataset.examples.length) : dataset.examples.length;
    for (let i = 0; i < initial; i++) encodeExample(i), encoded.add(i);
    const encodeSeconds = elapsed();
    log(`smt: ${encodingName} encoding, ${count} assertions for ${encoded.size} of ${dataset.examples.length} examples in ${encodeSeconds.toFixed(3)} s`);
    const done = (status: SmtStatus, assignment: Int32Array | null = null): SmtResult => {
      const seconds = elapsed();
      log(`smt: ${status} after ${seconds.toFixed(3)} s`);
      return { status, assignment, seconds, encodeSeconds };
    };
    if (options.seed !== undefined) solver.set('random_seed', options.seed >>> 0);
    for (;;) {
      if (trivial) return done('unsat');
      const remaining = options.timeLimitSeconds - elapsed();
      if (remaining <= 0) return done('timeout');
      solver.set('timeout', Math.max(1, Math.round(remaining * 1000)));
      const result = await checkWithin(ctx, solver, remaining);
      if (result === 'unsat') return done('unsat');
      if (result === 'unknown') {
        const reason = solver.reasonUnknown();
        log(`smt: unknown (${reason})`);
        const timedOut = /timeout|cancel|interrupt/i.test(reason) || elapsed() >= options.timeLimitSeconds;
        return done(timedOut ? 'timeout' : 'unknown');
      }
      const model = solver.model();
      const assignment = new Int32Array(program.vars.length);
      for (const v of params) assignment[v.id] = enc.decode(model, v);
      if (encoded.size === dataset.examples.length) return done('sat', assignment);
      // Counterexample-guided: add the first example the candidate gets wrong, or accept it.
      const run = runExact(program, dataset, assignment);
      const failing = run.examples.findIndex((e) => e.faults.length > 0 || e.mismatches.length > 0);
      if (failing < 0) return done('sat', assignment);
      if (encoded.has(failing)) throw new Error(`smt: model fails encoded example ${failing} (encoding bug)`);
      encodeExample(failing);
      encoded.add(failing);
      log(`smt: added example ${failing} (${encoded.size} of ${dataset.examples.length}) at ${elapsed().toFixed(3)} s`);
    }
  } finally {
    solver.release();
  }
}

/** `solver.check()`, interrupted if Z3's own timeout has not stopped it shortly after `seconds`. */
async function checkWithin(ctx: Z3Context, solver: Z3Solver, seconds: number): Promise<'sat' | 'unsat' | 'unknown'> {
  const timer = setTimeout(() => ctx.interrupt(), seconds * 1000 + 250);
  try {
    return await solver.check();
  } finally {
    clearTimeout(timer);
  }
}
