// Symbolic execution of the lowered program for one example: inputs are constants and propagate,
// Params are shared symbols, case splits merge their branches; asserts "no runtime fault" and the outputs.
import type { Program, Source, Stmt } from '../ir/ir.ts';
import { DONT_CARE, type Dataset, type Example } from '../data/dataset.ts';
import { tableRange, type Assert, type Encoding } from './encoding.ts';
import type { B } from './logic.ts';
import type { Ast } from './z3.ts';

/** A variable's symbolic state: the condition under which it is set and its value there. */
interface Sym<V, T> {
  readonly def: B<T>;
  /** null when no path sets the variable. */
  readonly val: V | null;
}

const UNSET_SYM: Sym<never, never> = { def: false, val: null };

export interface ExecuteOptions {
  /** Introduce a fresh constant for every computed value (instead of sharing whole terms). */
  readonly name: boolean;
}

/** Encodes one example through `enc`; `T` is the backend's Boolean term (Z3's or CNF's). */
export class ExampleEncoder<V, T = Ast> {
  private readonly state: Sym<V, T>[];
  private journal: Map<number, Sym<V, T>> | null = null;
  private names = 0;

  constructor(
    private readonly program: Program,
    private readonly enc: Encoding<V, T>,
    private readonly assert: Assert<T>,
    private readonly options: ExecuteOptions,
    private readonly prefix: string,
  ) {
    this.state = new Array<Sym<V, T>>(program.vars.length).fill(UNSET_SYM);
  }

  /** Encodes the whole program on `example` of `dataset`. */
  run(dataset: Dataset, example: Example): void {
    const { program, enc, state } = this;
    for (const v of program.vars) if (v.role === 'param') state[v.id] = { def: true, val: enc.param(v) };
    dataset.inputVars.forEach((v, i) => (state[v] = { def: true, val: enc.constant(example.inputs[i]!) }));
    this.body(program.body, true);
    dataset.observedVars.forEach((v, i) => {
      const want = example.expected[i]!;
      if (want === DONT_CARE) return;
      const s = state[v]!;
      if (s.val === null) return this.assert(false);
      this.assert(s.def);
      this.assert(enc.member(s.val, [want], program.vars[v]!.domain));
    });
  }

  /** A unique constant name for a value of `v` (one variable can be named at several merges). */
  private label(v: number): string {
    return `${this.prefix}${this.program.vars[v]!.name}#${this.names++}`;
  }

  private write(v: number, s: Sym<V, T>): void {
    if (this.journal && !this.journal.has(v)) this.journal.set(v, this.state[v]!);
    this.state[v] = s;
  }

  /** The value of `v` read under `guard`: asserts that it is set there. */
  private read(v: number, guard: B<T>): V {
    const s = this.state[v]!;
    this.assert(this.enc.logic.implies(guard, s.def));
    return s.val ?? this.enc.constant(0);
  }

  private body(stmts: readonly Stmt[], guard: B<T>): void {
    for (const stmt of stmts) {
      if (stmt.kind === 'assign') this.assign(stmt.target, stmt.source, guard);
      else this.split(stmt.subject, stmt.branches, guard);
    }
  }

  private source(src: Source, guard: B<T>): { value: V; range: number } {
    const { program, enc } = this;
    if (src.kind === 'const') return { value: enc.constant(src.value), range: src.value + 1 };
    if (src.kind === 'copy') return { value: this.read(src.from, guard), range: program.vars[src.from]!.domain };
    const table = program.tables[src.table]!;
    const args = src.args.map((a, i) => {
      const value = this.read(a, guard);
      const have = program.vars[a]!.domain;
      const want = table.argDomains[i]!;
      if (have > want) this.assert(enc.logic.implies(guard, enc.member(value, range(want), have)));
      return enc.fit(value, have, want);
    });
    return { value: enc.apply(table, args), range: tableRange(table) };
  }

  private assign(target: number, src: Source, guard: B<T>): void {
    const { program, enc } = this;
    const v = program.vars[target]!;
    let { value, range: from } = this.source(src, guard);
    if (from > v.domain) {
      this.assert(enc.logic.implies(guard, enc.member(value, range(v.domain), from)));
    }
    value = enc.fit(value, from, v.domain);
    const old = this.state[target]!;
    if (v.role !== 'param' && old.def !== false) this.assert(enc.logic.implies(guard, enc.logic.not(old.def)));
    if (this.options.name) value = enc.name(value, v.domain, this.label(target));
    this.write(target, { def: true, val: value });
  }

  private split(subject: number, branches: readonly { values: readonly number[]; body: readonly Stmt[] }[], guard: B<T>): void {
    const { program, enc } = this;
    const { logic } = enc;
    const domain = program.vars[subject]!.domain;
    const s = this.read(subject, guard);
    const known = enc.known(s);
    if (known !== null) {
      const branch = branches.find((b) => b.values.includes(known));
      if (branch) this.body(branch.body, guard);
      return;
    }
    const taken: { cond: B<T>; changes: Map<number, Sym<V, T>> }[] = [];
    for (const branch of branches) {
      const cond = enc.member(s, branch.values, domain);
      if (cond === false) continue;
      const outer = this.journal;
      this.journal = new Map();
      this.body(branch.body, logic.and(guard, cond));
      const changes = new Map<number, Sym<V, T>>();
      for (const [v, before] of this.journal) {
        changes.set(v, this.state[v]!);
        this.state[v] = before;
      }
      this.journal = outer;
      taken.push({ cond, changes });
    }
    const touched = new Set<number>();
    for (const t of taken) for (const v of t.changes.keys()) touched.add(v);
    for (const v of touched) {
      const before = this.state[v]!;
      const syms = taken.map((t) => t.changes.get(v) ?? before);
      const conds = taken.map((t) => t.cond);
      const def = syms.every((x) => x.def === true) ? true : logic.or(...syms.map((x, b) => logic.and(conds[b]!, x.def)));
      const live = syms.map((x, b) => ({ val: x.val, cond: conds[b]! })).filter((x) => x.val !== null && x.cond !== false);
      const vdomain = program.vars[v]!.domain;
      let val = live.length === 0 ? null : enc.merge(live.map((x) => x.cond), live.map((x) => x.val!), vdomain);
      if (val !== null && this.options.name) val = enc.name(val, vdomain, this.label(v));
      this.write(v, { def, val });
    }
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
