// solveSmt: encodes a lowered program and its examples for Z3 and asks for a Param assignment,
// adding examples counterexample-guided (CEGIS) or all at once.
import type { IrVar, Program } from '../ir/ir.ts';
import type { Dataset } from '../data/dataset.ts';
import { runExact } from '../exact/interpret.ts';
import type { Assert, Encoding, EncodingName } from './encoding.ts';
import { ClauseEncoding } from './clauses.ts';
import { ExampleEncoder } from './execute.ts';
import { Logic } from './logic.ts';
import { OneHotEncoding } from './onehot.ts';
import { ScalarEncoding } from './scalar.ts';
import { withSession, type Z3Session } from './z3.ts';

export interface SmtOptions {
  /** Wall-clock limit for encoding plus solving (loading Z3 on first use is not counted). */
  readonly timeLimitSeconds: number;
  /** Z3's random seed. */
  readonly seed?: number;
  readonly onLog?: (message: string) => void;
  /** Value representation (default {@link DEFAULT_ENCODING}). */
  readonly encoding?: EncodingName;
  /** Give every computed value its own Z3 constant instead of sharing whole terms (default true). */
  readonly nameValues?: boolean;
  /** Z3 logic for the solver, e.g. 'QF_FD' or 'QF_BV'; '' = Z3's choice (default {@link defaultLogic}). */
  readonly logic?: string;
  /** Extra Z3 solver parameters, e.g. `{ max_conflicts: 100000 }` (names depend on the solver). */
  readonly z3Params?: Readonly<Record<string, number | boolean | string>>;
  /** Global Z3 parameters for this solve, e.g. `{ 'sat.restart': 'luby' }` (reset afterwards). */
  readonly z3Global?: Readonly<Record<string, string>>;
  /** Counterexample-guided: encode one example, then each example a candidate fails (default false). */
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
  /** Conflicts Z3's solver met (null when it reports none, e.g. solved while simplifying). */
  readonly conflicts: number | null;
}

/** The conflict count among Z3's statistics (the SAT core calls it `sat conflicts`). */
function conflictsOf(z: Z3Session): number | null {
  const stats = z.statistics();
  const value = stats['conflicts'] ?? stats['sat conflicts'];
  return value === undefined ? null : value;
}

export const DEFAULT_ENCODING: EncodingName = 'clauses';
/** Solver logic per encoding: Z3's SAT-based finite-domain solver for the clause encoding (fastest on
 * the circuits), otherwise Z3's own choice from the formula. */
export function defaultLogic(encoding: EncodingName): string | undefined {
  return encoding === 'clauses' ? 'QF_FD' : undefined;
}

function makeEncoding(name: EncodingName, z: Z3Session, assert: Assert): Encoding<unknown> {
  const logic = new Logic(z);
  switch (name) {
    case 'clauses':
      return new ClauseEncoding(logic, assert) as Encoding<unknown>;
    case 'onehot':
      return new OneHotEncoding(logic, assert, 'onehot') as Encoding<unknown>;
    case 'binary':
      return new OneHotEncoding(logic, assert, 'binary') as Encoding<unknown>;
    case 'int':
      return new ScalarEncoding(logic, z, assert, 'int') as Encoding<unknown>;
    case 'bv':
      return new ScalarEncoding(logic, z, assert, 'bv') as Encoding<unknown>;
  }
}

/** Finds Param values that make every example produce its observed outputs without runtime faults. */
export function solveSmt(program: Program, dataset: Dataset, options: SmtOptions): Promise<SmtResult> {
  const logic = options.logic ?? defaultLogic(options.encoding ?? DEFAULT_ENCODING);
  return withSession({ logic: logic || undefined, global: options.z3Global }, (z) => solveIn(z, program, dataset, options));
}

/** The program's encoding in a session: examples are asserted one by one through `encodeExample`. */
interface Encoder {
  readonly enc: Encoding<unknown>;
  readonly params: readonly IrVar[];
  readonly encoded: Set<number>;
  encodeExample(i: number): void;
  /** Assertions so far, and whether one of them was `false`. */
  readonly stats: { count: number; trivial: boolean };
}

function encoderIn(z: Z3Session, program: Program, dataset: Dataset, options: Pick<SmtOptions, 'encoding' | 'nameValues'>): Encoder {
  const stats = { count: 0, trivial: false };
  const assert: Assert = (b) => {
    if (b === true) return;
    stats.count++;
    if (b === false) stats.trivial = true;
    else z.assert(b);
  };
  const enc = makeEncoding(options.encoding ?? DEFAULT_ENCODING, z, assert);
  const params = program.vars.filter((v) => v.role === 'param');
  for (const v of params) enc.param(v);
  const nameValues = options.nameValues ?? true;
  const encoded = new Set<number>();
  const encodeExample = (i: number): void => {
    new ExampleEncoder(program, enc, assert, { name: nameValues }, `e${i}.`).run(dataset, dataset.examples[i]!);
    encoded.add(i);
  };
  return { enc, params, encoded, encodeExample, stats };
}

/**
 * The whole instance (every example) as SMT-LIB 2 text for Z3 (`z3 FILE`): the solver logic, the
 * declarations and assertions, then check-sat and get-model. `title` goes into the first comment.
 */
export function smt2Text(program: Program, dataset: Dataset, options: Pick<SmtOptions, 'encoding' | 'nameValues' | 'logic'>, title: string): Promise<string> {
  const encoding = options.encoding ?? DEFAULT_ENCODING;
  const logic = options.logic ?? defaultLogic(encoding);
  return withSession({ logic: logic || undefined }, async (z) => {
    const encoder = encoderIn(z, program, dataset, options);
    dataset.examples.forEach((_, i) => encoder.encodeExample(i));
    const lines = [`; tpt: ${title}; encoding ${encoding}`, '; A Param is named by its constants: |NAME=K| (one-hot: NAME = K), |NAME.bI| (bit I of NAME) or NAME itself (int, bv).'];
    if (logic) lines.push(`(set-logic ${logic})`);
    lines.push(z.toSmt2().trimEnd());
    if (encoder.stats.trivial) lines.push('(assert false)');
    lines.push('(check-sat)', '(get-model)');
    return lines.join('\n') + '\n';
  });
}

async function solveIn(z: Z3Session, program: Program, dataset: Dataset, options: SmtOptions): Promise<SmtResult> {
  const log = options.onLog ?? (() => {});
  const start = performance.now();
  const elapsed = (): number => (performance.now() - start) / 1000;
  const encodingName = options.encoding ?? DEFAULT_ENCODING;
  const { enc, params, encoded, encodeExample, stats } = encoderIn(z, program, dataset, options);
  const total = dataset.examples.length;
  const cegis = options.cegis ?? false;
  for (let i = 0; i < (cegis ? Math.min(1, total) : total); i++) encodeExample(i);
  const encodeSeconds = elapsed();
  log(`smt: ${encodingName} encoding, ${stats.count} assertions for ${encoded.size} of ${total} examples in ${encodeSeconds.toFixed(3)} s`);
  const done = (status: SmtStatus, assignment: Int32Array | null = null): SmtResult => {
    const seconds = elapsed();
    log(`smt: ${status} after ${seconds.toFixed(3)} s`);
    return { status, assignment, seconds, encodeSeconds, conflicts: conflictsOf(z) };
  };
  if (options.seed !== undefined) z.setParams({ random_seed: options.seed >>> 0 });
  if (options.z3Params) z.setParams(options.z3Params);
  for (;;) {
    if (stats.trivial) return done('unsat');
    const remaining = options.timeLimitSeconds - elapsed();
    if (remaining <= 0) return done('timeout');
    const result = await z.check(remaining);
    if (result === 'unsat') return done('unsat');
    if (result === 'unknown') {
      const reason = z.reasonUnknown();
      log(`smt: unknown (${reason})`);
      const timedOut = /timeout|cancel|interrupt|terminated/i.test(reason) || elapsed() >= options.timeLimitSeconds;
      return done(timedOut ? 'timeout' : 'unknown');
    }
    const assignment = new Int32Array(program.vars.length);
    for (const v of params) assignment[v.id] = enc.decode(v);
    if (encoded.size === total) return done('sat', assignment);
    // Counterexample-guided: accept the candidate, or add the first example it gets wrong.
    const run = runExact(program, dataset, assignment);
    const failing = run.examples.findIndex((e) => e.faults.length > 0 || e.mismatches.length > 0);
    if (failing < 0) return done('sat', assignment);
    if (encoded.has(failing)) throw new Error(`smt: the model fails encoded example ${failing} (encoding bug)`);
    encodeExample(failing);
    log(`smt: added example ${failing} (${encoded.size} of ${total}) at ${elapsed().toFixed(3)} s`);
  }
}
