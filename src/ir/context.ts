// Shared state of one lowering: the IR being built, diagnostics, and definite-assignment tracking per path.
import type { IrVar, Observation, Stmt, Table, VarGroup, VarRole } from './ir.ts';
import { DiagnosticError, error, type Diagnostic, type Span } from '../util/diagnostics.ts';

/** Which variables are written on the current path: definitely (every path) or possibly (some path). */
export interface PathState {
  definite: Uint8Array;
  possible: Uint8Array;
}

export class LowerContext {
  readonly vars: IrVar[] = [];
  readonly groups: VarGroup[] = [];
  readonly tables: Table[] = [];
  readonly observations: Observation[] = [];
  readonly diagnostics: Diagnostic[] = [];
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

  constructor(readonly file: string, readonly hypers: Readonly<Record<string, number>>) {}

  /** Aborts the current statement with a diagnostic. */
  fail(code: string, message: string, span: Span): never {
    throw new DiagnosticError(error(code, message, span));
  }

  report(code: string, message: string, span: Span): void {
    this.diagnostics.push(error(code, message, span));
  }

  declareGroup(name: string, role: VarRole, domain: number, dims: readonly number[], span: Span): number {
    const groupId = this.groups.length;
    const count = dims.reduce((a, b) => a * b, 1);
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
    this.groups.push({ name, role, domain, dims, vars: ids, span });
    this.growState();
    for (const id of ids) {
      // Params and data-fed Inputs hold a value from the start of every path.
      if (role === 'param' || role === 'input') this.state.definite[id] = this.state.possible[id] = 1;
    }
    return groupId;
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
    if (v.role === 'input' && !this.inputWritten.has(id)) this.inputRead.add(id);
    if (!this.state.definite[id]) {
      const how = this.state.possible[id] ? 'is not set on every path reaching this read' : 'is read before it is set';
      this.report('read-before-write', `${v.name} ${how}`, span);
      // Report each variable once per path.
      this.state.definite[id] = 1;
    }
  }

  /** Records a write; reports writes to Params, to data-fed Inputs, and second writes on a path. */
  noteWrite(id: number, span: Span): void {
    const v = this.vars[id]!;
    if (v.role === 'param') this.fail('param-write', `${v.name} is a Param: its value is what synthesis finds, so the program cannot set it`, span);
    if (v.role === 'input' && !this.inputWritten.has(id)) {
      if (this.inputRead.has(id)) {
        this.fail('write-twice', `${v.name} is an Input already read as data before this write`, span);
      }
      this.inputWritten.add(id);
      // From here on the program, not the data, sets this Input.
      this.state.definite[id] = 0;
      this.state.possible[id] = 0;
    }
    if (this.state.possible[id]) {
      const how = this.state.definite[id] ? 'already set' : 'already set on some path reaching here';
      this.report('write-twice', `${v.name} is ${how}: a variable is written at most once on every path`, span);
    }
    this.state.definite[id] = this.state.possible[id] = 1;
  }

  /** Runs `lower` once per branch from the same starting state and joins the resulting states. */
  branches<T>(count: number, lower: (branch: number) => T): T[] {
    const start = { definite: this.state.definite.slice(), possible: this.state.possible.slice() };
    const results: T[] = [];
    let definite: Uint8Array | null = null;
    let possible: Uint8Array | null = null;
    for (let b = 0; b < count; b++) {
      this.state = { definite: start.definite.slice(), possible: start.possible.slice() };
      results.push(lower(b));
      const s = this.state;
      if (!definite || !possible) {
        definite = s.definite.slice();
        possible = s.possible.slice();
      } else {
        const n = Math.max(definite.length, s.definite.length);
        const d2 = new Uint8Array(n);
        const p2 = new Uint8Array(n);
        for (let i = 0; i < n; i++) {
          d2[i] = (definite[i] ?? 0) & (s.definite[i] ?? 0);
          p2[i] = (possible[i] ?? 0) | (s.possible[i] ?? 0);
        }
        definite = d2;
        possible = p2;
      }
    }
    this.state = definite && possible ? { definite, possible } : start;
    return results;
  }
}

export type { Stmt };
