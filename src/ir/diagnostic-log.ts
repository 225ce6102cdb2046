// Lowering's diagnostics, one per (source span, code): a problem inside an unrolled loop or an
// expanded macro is reported once, saying in how many of the statement's unrolled copies it occurs
// and the loop and `with` bindings of the first ("in 3 of 5 unrolled iterations, first at t = 2").
import type { Stmt } from '../syntax/ast.ts';
import type { Diagnostic } from '../util/diagnostics.ts';

interface Entry {
  readonly first: Diagnostic;
  /** Source offset of the innermost statement being lowered when it was first reported (-1 outside any). */
  readonly stmt: number;
  /** `i = 0, t = 3` at the first report, or '' outside loops and case splits. */
  readonly where: string;
  count: number;
}

/** One binding of an enclosing `for` or `with`, innermost last. */
export interface Binding {
  readonly name: string;
  value: number | string;
}

export class DiagnosticLog {
  private readonly entries = new Map<string, Entry>();
  /** Times each statement was lowered (its unrolled copies), by the source offset where it starts. */
  private visits = new Int32Array(1024);
  /** Source offset of the statement being lowered, -1 outside any. */
  private current = -1;
  /** Bindings of the enclosing loops and case splits, outermost first. */
  readonly bindings: Binding[] = [];

  /** Distinct diagnostics so far. */
  get length(): number {
    return this.entries.size;
  }

  push(d: Diagnostic): void {
    const key = `${d.code}@${d.span ? `${d.span.file}:${d.span.offset}:${d.span.endOffset}` : d.message}`;
    const entry = this.entries.get(key);
    if (entry) {
      entry.count++;
      return;
    }
    const where = this.bindings.map((b) => `${b.name} = ${b.value}`).join(', ');
    this.entries.set(key, { first: d, stmt: this.current, where, count: 1 });
  }

  /**
   * Marks the start of lowering one copy of `stmt` (statements start at distinct offsets of the one
   * source file); returns what `leave` restores when that copy is done.
   */
  enter(stmt: Stmt): number {
    const at = stmt.span.offset;
    if (at >= this.visits.length) {
      const grown = new Int32Array(Math.max(at + 1, this.visits.length * 2));
      grown.set(this.visits);
      this.visits = grown;
    }
    this.visits[at]!++;
    const outer = this.current;
    this.current = at;
    return outer;
  }

  leave(outer: number): void {
    this.current = outer;
  }

  /** The diagnostics in the order first seen, each repeated one saying where and how often. */
  list(): Diagnostic[] {
    return [...this.entries.values()].map((e) => {
      const copies = e.stmt >= 0 ? this.visits[e.stmt]! : 1;
      if (copies <= 1 && e.count <= 1) return e.first;
      const of = e.where ? `${e.count} of ${copies} unrolled iterations, first at ${e.where}` : `${e.count} of ${copies} expansions`;
      return { ...e.first, message: `${e.first.message} (in ${of})` };
    });
  }
}
