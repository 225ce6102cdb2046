// Spans from Chevrotain tokens and from raw offsets (for lexer problems and the end of the file).
import type { CstElement, CstNode, IToken } from 'chevrotain';
import { positionAt } from '../../grammar/lexer.ts';
import { Newline } from '../../grammar/tokens.ts';
import type { Span } from '../util/diagnostics.ts';

/** The span of a real token (Chevrotain's ends are inclusive; ours are exclusive). */
export function tokenSpan(tok: IToken, file: string): Span {
  return {
    file,
    line: tok.startLine ?? 1,
    column: tok.startColumn ?? 1,
    endLine: tok.endLine ?? tok.startLine ?? 1,
    endColumn: (tok.endColumn ?? tok.startColumn ?? 0) + 1,
    offset: tok.startOffset,
    endOffset: (tok.endOffset ?? tok.startOffset) + 1,
  };
}

/** The span of `source[start, end)`. */
export function offsetSpan(source: string, file: string, start: number, end: number): Span {
  const from = positionAt(source, start);
  const to = positionAt(source, end);
  return { file, line: from.line, column: from.column, endLine: to.line, endColumn: to.column, offset: start, endOffset: end };
}

/**
 * The span of a token reported by the parser. Chevrotain's end-of-file token has no position, so it
 * becomes the end of the text; a line break becomes the empty span where it starts ("end of line").
 */
export function reportedTokenSpan(tok: IToken, source: string, file: string): Span {
  if (Number.isNaN(tok.startOffset) || tok.startLine === undefined || Number.isNaN(tok.startLine)) {
    return offsetSpan(source, file, source.length, source.length);
  }
  if (tok.tokenType === Newline) return offsetSpan(source, file, tok.startOffset, tok.startOffset);
  return tokenSpan(tok, file);
}

function isToken(element: CstElement): element is IToken {
  return (element as IToken).image !== undefined;
}

/** The last real (non-empty) token among a CST node's children, e.g. to end the span of an import. */
export function lastToken(children: CstNode['children']): IToken | null {
  let best: IToken | null = null;
  for (const elements of Object.values(children)) {
    for (const element of elements) {
      const candidate = isToken(element) ? (element.image === '' ? null : element) : lastToken(element.children);
      if (candidate && (!best || candidate.startOffset > best.startOffset)) best = candidate;
    }
  }
  return best;
}
