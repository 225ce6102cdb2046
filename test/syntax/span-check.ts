// Test helper: find every span in an AST and check that its line/column agree with its offsets.
import { positionAt } from '../../grammar/lexer.ts';
import type { Span } from '../../src/util/diagnostics.ts';

/** Every span in a tree (`span` and `...Span` fields), found structurally so new node kinds are covered too. */
export function allSpans(node: unknown, out: Span[] = []): Span[] {
  if (Array.isArray(node)) node.forEach((n) => allSpans(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'span' || key.endsWith('Span')) && value) out.push(value as Span);
      else allSpans(value, out);
    }
  }
  return out;
}

/** Line/column of both ends agree with the offsets, which lie inside the source. */
export function spanIsConsistent(span: Span, source: string): boolean {
  const start = positionAt(source, span.offset);
  const end = positionAt(source, span.endOffset);
  return (
    span.offset >= 0 && span.offset <= span.endOffset && span.endOffset <= source.length &&
    start.line === span.line && start.column === span.column && end.line === span.endLine && end.column === span.endColumn
  );
}
