// Text -> token vector with Python layout: NEWLINE, INDENT and DEDENT inserted after Chevrotain lexing.
//
// Layout rules (Python's): blank and comment-only lines are ignored; newlines inside (), [] and {}
// are ignored (bracket continuation); a backslash before a newline joins lines; a tab advances to
// the next multiple of 8, and, as in Python 3, indentation whose meaning would change with the tab
// size (e.g. a tab on one line and 8 spaces on the next) is rejected as inconsistent. At the end of
// the input a final NEWLINE and the pending DEDENTs are emitted.
import { createTokenInstance, Lexer, type IToken, type TokenType } from 'chevrotain';
import {
  allTokens, Dedent, Indent, LBrace, LBracket, LParen, Newline, RBrace, RBracket, RParen, UnterminatedString,
} from './tokens.ts';

/** A problem found while lexing, located by 0-based offsets (end exclusive); parse.ts turns it into a Diagnostic. */
export interface LexProblem {
  readonly code: 'syntax-error' | 'indentation-error';
  readonly message: string;
  readonly startOffset: number;
  readonly endOffset: number;
}

export interface LexResult {
  readonly tokens: IToken[];
  readonly problems: LexProblem[];
}

const lexer = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: false });

/** Bad characters can be numerous in garbage input; a few are enough to act on. */
const MAX_PROBLEMS = 5;

/** Tokenizes `source`; when `problems` is non-empty the token vector must not be parsed. */
export function tokenize(source: string): LexResult {
  const raw = lexer.tokenize(source);
  const problems: LexProblem[] = raw.errors.map((e) => ({
    code: 'syntax-error',
    message: badCharacterMessage(source, e.offset),
    startOffset: e.offset,
    endOffset: e.offset + Math.max(1, e.length),
  }));
  for (const tok of raw.tokens) {
    if (tok.tokenType === UnterminatedString) {
      const quote = tok.image.startsWith('"""') || tok.image.startsWith("'''") ? tok.image.slice(0, 3) : tok.image[0];
      problems.push({
        code: 'syntax-error',
        message: `unterminated string literal: the closing ${quote} is missing`,
        startOffset: tok.startOffset,
        endOffset: (tok.endOffset ?? tok.startOffset) + 1,
      });
    }
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.startOffset - b.startOffset);
    return { tokens: [], problems: problems.slice(0, MAX_PROBLEMS) };
  }
  return layout(source, raw.tokens);
}

function badCharacterMessage(source: string, offset: number): string {
  const ch = source.codePointAt(offset) ?? 0;
  const text = String.fromCodePoint(ch);
  if (text === '\\') return "unexpected '\\': a line continuation must be the last character on its line";
  if (text === '!') return "unexpected character '!' (use 'not' for negation and '!=' for inequality)";
  const printable = ch > 0x20 && ch !== 0x7f && !(ch >= 0x80 && ch <= 0xa0);
  const shown = printable ? `'${text}'` : `U+${ch.toString(16).toUpperCase().padStart(4, '0')}`;
  return `unexpected character ${shown}`;
}

interface Level {
  readonly column: number; // tabs to the next multiple of 8
  readonly altColumn: number; // tabs as width 1: if the two comparisons disagree, tabs and spaces were mixed
}

function layout(source: string, raw: IToken[]): LexResult {
  const out: IToken[] = [];
  const levels: Level[] = [{ column: 0, altColumn: 0 }];
  const open: IToken[] = [];
  let lineHasTokens = false;
  for (const tok of raw) {
    const type = tok.tokenType;
    if (type === Newline) {
      if (open.length === 0 && lineHasTokens) {
        out.push(tok);
        lineHasTokens = false;
      }
      continue;
    }
    if (!lineHasTokens) {
      const problem = applyIndentation(source, tok, levels, out);
      if (problem) return { tokens: [], problems: [problem] };
      lineHasTokens = true;
    }
    if (type === LParen || type === LBracket || type === LBrace) open.push(tok);
    else if ((type === RParen || type === RBracket || type === RBrace) && open.length > 0) open.pop();
    out.push(tok);
  }
  const unclosed = open[open.length - 1];
  if (unclosed) {
    return {
      tokens: [],
      problems: [{ code: 'syntax-error', message: `'${unclosed.image}' was never closed`, startOffset: unclosed.startOffset, endOffset: unclosed.startOffset + 1 }],
    };
  }
  const end = positionAt(source, source.length);
  const atEnd = (type: TokenType) =>
    createTokenInstance(type, '', source.length, source.length - 1, end.line, end.line, end.column, end.column - 1);
  if (lineHasTokens) out.push(atEnd(Newline));
  for (let i = levels.length - 1; i > 0; i--) out.push(atEnd(Dedent));
  return { tokens: out, problems: [] };
}

/** Compares the indentation of `first` (the first token of a logical line) with the stack, emitting INDENT/DEDENTs. */
function applyIndentation(source: string, first: IToken, levels: Level[], out: IToken[]): LexProblem | null {
  let lineStart = first.startOffset;
  while (lineStart > 0 && source[lineStart - 1] !== '\n' && source[lineStart - 1] !== '\r') lineStart--;
  let column = 0;
  let altColumn = 0;
  for (let i = lineStart; i < first.startOffset; i++) {
    const ch = source[i];
    if (ch === ' ') {
      column++;
      altColumn++;
    } else if (ch === '\t') {
      column = Math.floor(column / 8) * 8 + 8;
      altColumn++;
    } else if (ch === '\f') {
      column = 0; // Python resets the indentation count at a form feed
      altColumn = 0;
    }
  }
  const whitespace: LexProblem = {
    code: 'indentation-error',
    message: '',
    startOffset: lineStart,
    endOffset: Math.max(first.startOffset, lineStart + 1),
  };
  const inconsistent = { ...whitespace, message: 'inconsistent use of tabs and spaces in indentation' };
  const line = first.startLine ?? 1;
  const col = first.startColumn ?? 1;
  let top = levels[levels.length - 1]!;
  if (column > top.column) {
    if (altColumn <= top.altColumn) return inconsistent;
    levels.push({ column, altColumn });
    // The INDENT token covers the indentation whitespace, so "unexpected indent" underlines it.
    out.push(createTokenInstance(Indent, source.slice(lineStart, first.startOffset), lineStart, first.startOffset - 1, line, line, 1, col - 1));
    return null;
  }
  while (column < top.column) {
    levels.pop();
    top = levels[levels.length - 1]!;
    out.push(createTokenInstance(Dedent, '', first.startOffset, first.startOffset - 1, line, line, col, col - 1));
  }
  if (column !== top.column) return { ...whitespace, message: 'unindent does not match any outer indentation level' };
  if (altColumn !== top.altColumn) return inconsistent;
  return null;
}

/** 1-based line and column of a 0-based offset, counting line breaks as Chevrotain does (\r\n, \r, \n). */
export function positionAt(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), source.length);
  for (let i = 0; i < end; i++) {
    const ch = source[i];
    if (ch === '\n' || (ch === '\r' && source[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
