// Z3 lifetime: one initialised z3-solver module per process, and one short-lived low-level context
// per solve. The high-level API frees terms from a JS finalizer that can run on the main thread while
// check() runs on a worker, corrupting Z3's heap; a non-ref-counted context has no finalizers: every
// term lives until the context is deleted, after its check has finished.
// z3-solver is imported on first use: loading it costs a start-up that most commands never need.
import type { BoolTerms } from './logic.ts';
import type { init, Z3_ast, Z3_context, Z3_model, Z3_solver, Z3_sort } from 'z3-solver';

type Z3Api = Awaited<ReturnType<typeof init>>;
type Z3Low = Z3Api['Z3'];
/** The parts of the Emscripten module used to call n-ary constructors without per-call marshalling. */
interface Emscripten {
  readonly HEAPU32: Uint32Array;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  _Z3_mk_and(ctx: Z3_context, n: number, args: number): Z3_ast;
  _Z3_mk_or(ctx: Z3_context, n: number, args: number): Z3_ast;
}
export type Ast = Z3_ast;

const L_TRUE = 1; // Z3_lbool values
const L_FALSE = -1;

let loading: Promise<Z3Api> | null = null;
let queue: Promise<unknown> = Promise.resolve();

export interface SessionOptions {
  /** Z3 logic for the solver (default: Z3 picks a strategy from the formula). */
  readonly logic?: string | undefined;
  /** Global Z3 parameters (e.g. `sat.*`, which solver parameters do not reach), reset afterwards. */
  readonly global?: Readonly<Record<string, string>> | undefined;
}

/** Runs `fn` with a fresh session once every earlier session has finished (Z3 allows one check at a time). */
export function withSession<T>(options: SessionOptions, fn: (s: Z3Session) => Promise<T>): Promise<T> {
  const run = async (): Promise<T> => {
    const loaded = (loading ??= import('z3-solver').then((z3) => z3.init()).catch((e: unknown) => {
      loading = null;
      throw e;
    }));
    const api = await loaded;
    const global = Object.entries(options.global ?? {});
    for (const [key, value] of global) api.Z3.global_param_set(key, value);
    let session: Z3Session | null = null;
    try {
      session = new Z3Session(api.Z3, api.em as Emscripten, options.logic);
      return await fn(session);
    } finally {
      session?.dispose();
      if (global.length > 0 && loading === loaded) api.Z3.global_param_reset_all();
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

/** Terminates the threads of the current module, whose check ignored an interrupt; the next session reloads Z3. */
async function abandonModule(): Promise<void> {
  const current = loading;
  loading = null;
  if (current) await killZ3Threads(await current).catch(() => undefined);
}

/** Stops Z3's worker threads so the process can exit; a later solve loads Z3 again. */
export async function shutdownSmt(): Promise<void> {
  const current = loading;
  if (!current) return;
  await queue;
  loading = null;
  await killZ3Threads(await current);
}

async function killZ3Threads(api: Z3Api): Promise<void> {
  const { killThreads } = await import('z3-solver');
  await killThreads(api.em);
}

/** A low-level Z3 context and one solver, with the term constructors the encodings use. */
export class Z3Session implements BoolTerms<Ast> {
  readonly ctx: Z3_context;
  private readonly solver: Z3_solver;
  private model: Z3_model | null = null;
  private readonly sorts = new Map<number, Z3_sort>();

  /** Set when the module was abandoned under a running check: nothing may call into it again. */
  private dead = false;
  private scratch = 0;
  private scratchSize = 0;

  constructor(
    private readonly z: Z3Low,
    private readonly em: Emscripten,
    logic: string | undefined,
  ) {
    const cfg = z.mk_config();
    z.set_param_value(cfg, 'model', 'true');
    this.ctx = z.mk_context(cfg);
    z.del_config(cfg);
    try {
      this.solver = this.term(logic ? z.mk_solver_for_logic(this.ctx, z.mk_string_symbol(this.ctx, logic)) : z.mk_solver(this.ctx));
    } catch (e) {
      z.del_context(this.ctx);
      throw e;
    }
    z.solver_inc_ref(this.ctx, this.solver);
  }

  /** Throws Z3's message when the last call failed (the wrapper installs a no-op error handler). */
  private ok<T>(value: T): T {
    const code = this.z.get_error_code(this.ctx);
    if (code !== 0) throw new Error(`z3: ${this.z.get_error_msg(this.ctx, code).split('\n')[0]}`);
    return value;
  }

  /** A constructed object; Z3 returns a null pointer exactly when the construction failed. */
  private term<T extends Ast | Z3_solver>(a: T): T {
    return (a as unknown as number) === 0 ? this.ok(a) : a;
  }

  private sort(width: number): Z3_sort {
    let s = this.sorts.get(width);
    if (s === undefined) {
      const { z, ctx } = this;
      s = width === -1 ? z.mk_bool_sort(ctx) : width === 0 ? z.mk_int_sort(ctx) : z.mk_bv_sort(ctx, width);
      this.sorts.set(width, s);
    }
    return s;
  }

  /** A named constant: Bool (width -1), Int (width 0) or a BitVec of `width` bits. */
  constant(name: string, width: number): Ast {
    return this.term(this.z.mk_const(this.ctx, this.z.mk_string_symbol(this.ctx, name), this.sort(width)));
  }
  /** A Boolean constant. */
  fresh(name: string): Ast {
    return this.constant(name, -1);
  }
  /** An Int (width 0) or BitVec numeral. */
  numeral(value: number, width: number): Ast {
    return this.term(this.z.mk_numeral(this.ctx, String(value), this.sort(width)));
  }
  not(a: Ast): Ast { return this.term(this.z.mk_not(this.ctx, a)); }
  and(xs: Ast[]): Ast { return this.nary(this.em._Z3_mk_and, xs); }
  or(xs: Ast[]): Ast { return this.nary(this.em._Z3_mk_or, xs); }

  /** Calls an n-ary constructor with the arguments copied into a reused buffer on Z3's heap. */
  private nary(fn: (ctx: Z3_context, n: number, args: number) => Z3_ast, xs: Ast[]): Ast {
    if (xs.length > this.scratchSize) {
      if (this.scratch) this.em._free(this.scratch);
      this.scratchSize = Math.max(64, 2 * xs.length);
      this.scratch = this.em._malloc(4 * this.scratchSize);
    }
    const heap = this.em.HEAPU32;
    for (let i = 0; i < xs.length; i++) heap[(this.scratch >>> 2) + i] = xs[i] as unknown as number;
    return this.term(fn(this.ctx, xs.length, this.scratch));
  }
  implies(a: Ast, b: Ast): Ast { return this.term(this.z.mk_implies(this.ctx, a, b)); }
  eq(a: Ast, b: Ast): Ast { return this.term(this.z.mk_eq(this.ctx, a, b)); }
  ite(c: Ast, a: Ast, b: Ast): Ast { return this.term(this.z.mk_ite(this.ctx, c, a, b)); }
  /** a < b on Ints (width 0) or unsigned BitVecs. */
  less(a: Ast, b: Ast, width: number): Ast {
    return this.term(width === 0 ? this.z.mk_lt(this.ctx, a, b) : this.z.mk_bvult(this.ctx, a, b));
  }
  zeroExt(bits: number, a: Ast): Ast { return this.term(this.z.mk_zero_ext(this.ctx, bits, a)); }
  extract(high: number, low: number, a: Ast): Ast { return this.term(this.z.mk_extract(this.ctx, high, low, a)); }

  assert(a: Ast): void {
    this.z.solver_assert(this.ctx, this.solver, a);
    this.ok(undefined);
  }

  /** The solver's assertions as SMT-LIB 2 (declarations and asserts). */
  toSmt2(): string {
    return this.ok(this.z.solver_to_string(this.ctx, this.solver));
  }

  /** Solver parameters: booleans, unsigned integers, doubles or symbols by the value's type. */
  setParams(values: Readonly<Record<string, number | boolean | string>>): void {
    const { z, ctx } = this;
    const p = z.mk_params(ctx);
    z.params_inc_ref(ctx, p);
    for (const [key, value] of Object.entries(values)) {
      const k = z.mk_string_symbol(ctx, key);
      if (typeof value === 'boolean') z.params_set_bool(ctx, p, k, value);
      else if (typeof value === 'string') z.params_set_symbol(ctx, p, k, z.mk_string_symbol(ctx, value));
      else if (Number.isInteger(value) && value >= 0) z.params_set_uint(ctx, p, k, value);
      else z.params_set_double(ctx, p, k, value);
    }
    z.solver_set_params(ctx, this.solver, p);
    z.params_dec_ref(ctx, p);
    this.ok(undefined);
  }

  /**
   * Checks satisfiability within `seconds`: Z3's own timeout, then `interrupt()` at the limit, then,
   * should the check still not return, termination of Z3's threads (the module is loaded afresh by
   * the next session); the last two give 'unknown'.
   */
  async check(seconds: number, graceSeconds = 3): Promise<'sat' | 'unsat' | 'unknown'> {
    this.dropModel();
    this.setParams({ timeout: Math.max(1, Math.round(seconds * 1000)) });
    let grace: ReturnType<typeof setTimeout> | undefined;
    let abandon: () => void = () => {};
    const abandoned = new Promise<'abandoned'>((resolve) => (abandon = () => resolve('abandoned')));
    const limit = setTimeout(() => {
      this.z.interrupt(this.ctx);
      grace = setTimeout(abandon, graceSeconds * 1000);
    }, seconds * 1000);
    let r: number | 'abandoned';
    try {
      r = await Promise.race([this.z.solver_check(this.ctx, this.solver), abandoned]);
    } finally {
      clearTimeout(limit);
      clearTimeout(grace);
    }
    if (r === 'abandoned') {
      this.dead = true;
      await abandonModule();
      return 'unknown';
    }
    if (r === L_TRUE) {
      this.model = this.z.solver_get_model(this.ctx, this.solver);
      this.z.model_inc_ref(this.ctx, this.model);
      return 'sat';
    }
    return r === L_FALSE ? 'unsat' : 'unknown';
  }

  /** The solver's counters after a check (Z3's names: `conflicts`, `sat conflicts`, `decisions`...). */
  statistics(): Record<string, number> {
    if (this.dead) return {};
    const { z, ctx } = this;
    const st = z.solver_get_statistics(ctx, this.solver);
    z.stats_inc_ref(ctx, st);
    const out: Record<string, number> = {};
    for (let i = 0; i < z.stats_size(ctx, st); i++) {
      out[z.stats_get_key(ctx, st, i)] = z.stats_is_uint(ctx, st, i) ? z.stats_get_uint_value(ctx, st, i) : z.stats_get_double_value(ctx, st, i);
    }
    z.stats_dec_ref(ctx, st);
    return out;
  }

  reasonUnknown(): string {
    if (this.dead) return 'interrupt ignored: Z3 threads terminated';
    return this.z.solver_get_reason_unknown(this.ctx, this.solver);
  }

  private evaluate(a: Ast): Ast {
    if (!this.model) throw new Error('z3: no model');
    const v = this.z.model_eval(this.ctx, this.model, a, true);
    if (v === null) throw new Error('z3: model evaluation failed');
    return v;
  }
  evalBool(a: Ast): boolean {
    return this.z.get_bool_value(this.ctx, this.evaluate(a)) === L_TRUE;
  }
  evalNumber(a: Ast): number {
    return Number(this.z.get_numeral_string(this.ctx, this.evaluate(a)));
  }

  private dropModel(): void {
    if (this.model) this.z.model_dec_ref(this.ctx, this.model);
    this.model = null;
  }

  dispose(): void {
    if (this.dead) return;
    if (this.scratch) this.em._free(this.scratch);
    this.dropModel();
    this.z.solver_dec_ref(this.ctx, this.solver);
    this.z.del_context(this.ctx);
  }
}
