// Source spans and user-facing diagnostics: collected as values, never thrown, rendered with an underline.

/** A half-open region of one source file; lines and columns are 1-based. */
export interface Span {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number; // exclusive
  readonly offset: number; // 0-based character offset of the start
  readonly endOffset: number; // exclusive
}

/** An error stops the stage that found it; a warning does not. */
export type Severity = 'error' | 'warning';

/** One problem found in user input. `code` is stable and documented (see README "Diagnostics"). */
export interface Diagnostic {
  readonly code: string;
  readonly message: string;
  readonly severity: Severity;
  readonly span?: Span;
  /** Other places the problem involves (e.g. the first of two declarations), each rendered with its own underline. */
  readonly notes?: readonly { readonly message: string; readonly span: Span }[];
}

/** Thrown only for internal invariant failures (bugs), never for bad user input. */
export class InternalError extends Error {
  override name = 'InternalError';
}

/**
 * Carries a diagnostic out of deep recursion; caught at the stage boundary and turned into a value.
 * A null diagnostic aborts quietly (the cause was already reported).
 */
export class DiagnosticError extends Error {
  constructor(readonly diagnostic: Diagnostic | null) {
    super(diagnostic?.message ?? 'aborted after an earlier error');
  }
}

export function error(code: string, message: string, span?: Span): Diagnostic {
  return span ? { code, message, severity: 'error', span } : { code, message, severity: 'error' };
}

/** True when any diagnostic is an error (warnings alone leave a result usable). */
export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

/** A span covering two spans (start of `a` to end of `b`). */
export function joinSpans(a: Span, b: Span): Span {
  return {
    file: a.file,
    line: a.line,
    column: a.column,
    offset: a.offset,
    endLine: b.endLine,
    endColumn: b.endColumn,
    endOffset: b.endOffset,
  };
}

/**
 * Renders `FILE:LINE:COL: severity[code]: message`, the source line and a `^^^` underline.
 * `sources` maps file names to their text; a diagnostic whose file is unknown prints without a source line.
 */
export function renderDiagnostic(d: Diagnostic, sources: ReadonlyMap<string, string>): string {
  const head = `${d.severity}[${d.code}]: ${d.message}`;
  if (!d.span) return head;
  return [located(head, d.span, sources), ...(d.notes ?? []).map((n) => located(`note: ${n.message}`, n.span, sources))].join('\n');
}

/** `FILE:LINE:COL: head`, then the source line and an underline when the file's text is known. */
function located(head: string, s: Span, sources: ReadonlyMap<string, string>): string {
  const out = [`${s.file}:${s.line}:${s.column}: ${head}`];
  const text = sources.get(s.file);
  if (text !== undefined) {
    const lines = text.split(/\r\n|\r|\n/);
    const src = lines[s.line - 1];
    if (src !== undefined) {
      const width = s.endLine === s.line ? Math.max(1, s.endColumn - s.column) : Math.max(1, src.length - s.column + 1);
      const gutter = String(s.line).length;
      out.push(`${' '.repeat(gutter)} |`);
      out.push(`${s.line} | ${src.replace(/\t/g, ' ')}`);
      out.push(`${' '.repeat(gutter)} | ${' '.repeat(Math.max(0, s.column - 1))}${'^'.repeat(width)}`);
    }
  }
  return out.join('\n');
}
