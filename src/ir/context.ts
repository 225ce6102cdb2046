// Shared state of one lowering: the IR being built, diagnostics, and definite-assignment tracking per path.
import type { FixedParam, IrVar, Observation, Stmt, Table, VarGroup, VarRole } from './ir.ts';
import { RealState } from './real-context.ts';
import { DiagnosticLog } from './diagnostic-log.ts';
import { DiagnosticError, error, type Span } from '../util/diagnostics.ts';
import { DEFAULT_LIMITS, formatCount, limitMessage, type Limits } from '../util/limits.ts';

/** Which variables are written on the current path: definitely (every path) or possibly (some path). */
export interface PathState {
  definite: Uint8Array;
  possible: Uint8Array;
}

/** Joins the states that several branches reached from one start: definite on all, possible on any. */
export function joinStates(states: readonly PathState[]): PathState {
  const n = Math.max(...states.map((s) => s.definite.length));
  const definite = new Uint8Array(n).fill(1);
  const possible = new Uint8Array(n);
  for (const s of states) {
    for (let i = 0; i < n; i++) {
      definite[i]! &= s.definite[i] ?? 0;
      possible[i]! |= s.possible[i] ?? 0;
    }
  }
  return { definite, possible };
}

export class LowerContext {
  readonly vars: IrVar[] = [];
  readonly groups: VarGroup[] = [];
  readonly tables: Table[] = [];
  readonly observations: Observation[] = [];
  /** Params fixed by set_to_constant / observe_value, by variable id (see fixed-params.ts). */
  readonly fixed = new Map<number, FixedParam>();
  /** One entry per (span, code); see diagnostic-log.ts. */
  readonly diagnostics = new DiagnosticLog();
  /** Variables whose assignment failed with a diagnostic: reads and writes of them report nothing more. */
  readonly failed = new Set<number>();
  /** Where each declared name was first declared. */
  private readonly declared = new Map<string, Span>();
  /** Inputs read before any write: they come from the data, so the program may not also set them. */
  readonly inputRead = new Set<number>();
  /** Inputs the program sets itself (set_to_constant / set_to): not clamped from data. */
  readonly inputWritten = new Set<number>();
  readonly tableCache = new Map<string, number>();
  /** Names of the Hypers the program declares, in order (for `--set` validation and reports). */
  readonly hyperNames: string[] = [];
  state: PathState = { definite: new Uint8Array(64), possible: new Uint8Array(64) };
  /** Nesting depth of @Inline expansions, to stop runaway recursion. */
  inlineDepth = 0;
  /** Real declarations, bridges and settings (real-context.ts); empty for a discrete program. */
  readonly real = new RealState();
  /** Discrete variables assigned inside some case split (a real-valued branch may not test them). */
  readonly assignedInCase = new Set<number>();
  /** Current nesting depth of case splits. */
  caseDepth = 0;
  /** Set once a limit is passed (or errors pile up): lowering stops at the next statement. */
  limitReached = false;
  /** Lowering steps so far, against the limit `statements` (see {@link spend}). */
  private steps = 0;
  /** Entries of every @Runtime table built so far, against the limit `table-entries`. */
  private tableEntries = 0;

  constructor(
    readonly file: string,
    readonly hypers: Readonly<Record<string, number>>,
    readonly limits: Limits = DEFAULT_LIMITS,
  ) {}

  /**
   * Charges `n` lowering steps: one per statement lowered, one per value a case split lists (its IR
   * holds them), and per branch one per 1,000 variables (the path state it copies and joins).
   */
  spend(n: number, span: Span): void {
    this.steps += n;
    if (this.steps > this.limits.statements) {
      this.failLimit('too-large', limitMessage('statements', this.limits, `lowering passes ${formatCount(this.limits.statements)} steps here (statements after unrolling loops and expanding @Inline calls, plus the values case splits list)`), span);
    }
  }

  /** The steps a case split listing `values` values in `branches` branches costs (see {@link spend}). */
  caseCost(values: number, branches: number): number {
    return values + branches * (1 + Math.floor(this.vars.length / 1000));
  }

  /** Reserves `entries` more @Runtime table entries for `name` before they are allocated. */
  reserveTable(name: string, entries: number, span: Span): void {
    if (this.tableEntries + entries > this.limits['table-entries']) {
      this.failLimit('table-too-large', limitMessage('table-entries', this.limits, `${name} would need a table of ${formatCount(entries)} entries`, this.tableEntries + entries), span);
    }
    this.tableEntries += entries;
  }

  /** Aborts the current statement with a diagnostic. */
  fail(code: string, message: string, span: Span): never {
    throw new DiagnosticError(error(code, message, span));
  }

  /** Fails with a limit's message and ends lowering: what follows would only repeat the error. */
  failLimit(code: string, message: string, span: Span): never {
    this.limitReached = true;
    return this.fail(code, message, span);
  }

  report(code: string, message: string, span: Span): void {
    this.diagnostics.push(error(code, message, span));
  }

  declareGroup(name: string, role: VarRole, domain: number, dims: readonly number[], span: Span, list?: VarGroup['list']): number {
    this.checkNewName(name, role, span);
    const groupId = this.groups.length;
    const count = dims.reduce((a, b) => a * b, 1);
    if (domain > this.limits.domain) {
      this.failLimit('too-large', limitMessage('domain', this.limits, `${name} has a domain of ${formatCount(domain)} values`, domain), span);
    }
    this.reserveVariables(name, count, span);
    const ids: number[] = [];
    const index = new Array<number>(dims.length).fill(0);
    for (let n = 0; n < count; n++) {
      const id = this.vars.length;
      const label = dims.length === 0 ? name : `${name}[${index.join(', ')}]`;
      this.vars.push({ id, name: label, group: groupId, index: [...index], domain, role });
      ids.push(id);
      for (let d = dims.length - 1; d >= 0; d--) {
        if (++index[d]! < dims[d]!) break;
        index[d] = 0;
      }
    }
    this.groups.push({ name, role, domain, dims, vars: ids, span, ...(list ? { list } : {}) });
    this.growState();
    for (const id of ids) {
      // Params and data-fed Inputs hold a value from the start of every path.
      if (role === 'param' || role === 'input') this.state.definite[id] = this.state.possible[id] = 1;
    }
    return groupId;
  }

  /** Fails before `count` more variables (or real elements) would pass the limit `variables`. */
  reserveVariables(name: string, count: number, span: Span): void {
    const total = this.vars.length + this.real.elements + count;
    if (total > this.limits.variables) {
      const what = `${name} would hold ${formatCount(count)} variables${total > count ? `, the program ${formatCount(total)}` : ''}`;
      this.failLimit('too-large', limitMessage('variables', this.limits, what, total), span);
    }
  }

  /**
   * Two declarations of one name are an error: data and params files could not tell them apart. A
   * statement that declares a Var again when a loop or macro repeats it is fine; a Param, Input or
   * Output needs an array or a list instead.
   */
  checkNewName(name: string, role: VarRole, span: Span): void {
    const first = this.declared.get(name);
    if (!first) {
      this.declared.set(name, span);
      return;
    }
    const again = first.offset === span.offset && first.file === span.file;
    if (again && role === 'var') return;
    const message = again
      ? `${name} is declared again each time this statement is repeated: declare an array (${role === 'param' ? 'Param' : role === 'input' ? 'Input' : 'Output'}(D)[n]) or a list of declarations`
      : `${name} is declared twice`;
    const notes = again ? [] : [{ message: `${name} is first declared here`, span: first }];
    throw new DiagnosticError({ ...error('duplicate-declaration', message, span), notes });
  }

  private growState(): void {
    const n = this.vars.length;
    if (n <= this.state.definite.length) return;
    const size = Math.max(n, this.state.definite.length * 2);
    const grow = (a: Uint8Array): Uint8Array => {
      const b = new Uint8Array(size);
      b.set(a);
      return b;
    };
    this.state = { definite: grow(this.state.definite), possible: grow(this.state.possible) };
  }

  /** Records a read; reports a variable not written on every path reaching here. */
  noteRead(id: number, span: Span): void {
    const v = this.vars[id]!;
    if (this.real.bridged.has(id)) {
      this.fail('unsupported', `${v.name} is drawn from Bernoulli or Categorical: it can only be observed, not read by other statements`, span);
    }
    if (v.role === 'input' && !this.inputWritten.has(id)) this.inputRead.add(id);
    if (!this.state.definite[id] && !this.failed.has(id)) {
      const how = this.state.possible[id] ? 'is not set on every path reaching this read' : 'is read before it is set';
      this.report('read-before-write', `${v.name} ${how}`, span);
      // Report each variable once per path.
      this.state.definite[id] = 1;
    }
  }

  /** Records a write; reports writes to Params, to data-fed Inputs, and second writes on a path. */
  noteWrite(id: number, span: Span): void {
    const v = this.vars[id]!;
    if (v.role === 'param') {
      this.fail('param-write', `${v.name} is a Param: its value is what synthesis finds; fix it with ${v.name}.set_to_constant(k) instead`, span);
    }
    if (v.role === 'input' && !this.inputWritten.has(id)) {
      if (this.inputRead.has(id)) {
        this.fail('write-twice', `${v.name} is an Input already read as data before this write`, span);
      }
      this.inputWritten.add(id);
      // From here on the program, not the data, sets this Input.
      this.state.definite[id] = 0;
      this.state.possible[id] = 0;
    }
    if (this.state.possible[id] && !this.failed.has(id)) {
      const how = this.state.definite[id] ? 'already set' : 'already set on some path reaching here';
      this.report('write-twice', `${v.name} is ${how}: a variable is written at most once on every path`, span);
    }
    this.state.definite[id] = this.state.possible[id] = 1;
    if (this.caseDepth > 0) this.assignedInCase.add(id);
  }

  /** Runs `lower` once per branch from the same starting state and joins the resulting states. */
  branches<T>(count: number, lower: (branch: number) => T): T[] {
    const copy = (p: PathState): PathState => ({ definite: p.definite.slice(), possible: p.possible.slice() });
    const start = copy(this.state);
    const realStart = copy(this.real.state);
    const results: T[] = [];
    const ends: PathState[] = [];
    const realEnds: PathState[] = [];
    for (let b = 0; b < count; b++) {
      this.state = copy(start);
      this.real.state = copy(realStart);
      results.push(lower(b));
      ends.push(this.state);
      realEnds.push(this.real.state);
    }
    this.state = ends.length > 0 ? joinStates(ends) : start;
    this.real.state = realEnds.length > 0 ? joinStates(realEnds) : realStart;
    return results;
  }
}

export type { Stmt };
