// Text -> AST: lex (with layout), parse, build; every failure on user input comes back as a Diagnostic.
import { tokenize } from '../../grammar/lexer.ts';
import { parseTokens } from '../../grammar/parser.ts';
import { error, type Diagnostic } from '../util/diagnostics.ts';
import type { Module } from './ast.ts';
import { buildAst } from './build-ast.ts';
import { classifyParseError } from './classify.ts';
import { offsetSpan } from './spans.ts';
import { DEFAULT_LIMITS, type Limits } from '../util/limits.ts';

/** What `parseModule` returns. */
export interface ParseResult {
  /** The parsed module, or null when there is at least one diagnostic. */
  readonly module: Module | null;
  readonly diagnostics: Diagnostic[];
}

/**
 * Parses the text of a `.tpt` file (TerpreT v2's Python subset) into an AST.
 * Never throws: bad input yields `module: null` and diagnostics with codes `syntax-error`,
 * `indentation-error` or `unsupported-syntax` (`internal-error` marks a bug in this parser).
 * `file` only labels the spans.
 */
export function parseModule(source: string, file: string, limits: Limits = DEFAULT_LIMITS): ParseResult {
  const text = typeof source === 'string' ? source : String(source);
  try {
    return parseText(text, file, limits);
  } catch (e) {
    // Deeply nested input can exhaust the stack of the recursive-descent parser or the visitor.
    if (e instanceof RangeError) {
      return { module: null, diagnostics: [error('syntax-error', 'the program is nested too deeply to parse', offsetSpan(text, file, 0, 0))] };
    }
    const message = e instanceof Error ? e.message : String(e);
    return { module: null, diagnostics: [error('internal-error', `internal parser error: ${message}`)] };
  }
}

function parseText(source: string, file: string, limits: Limits): ParseResult {
  const lexed = tokenize(source);
  if (lexed.problems.length > 0) {
    const diagnostics = lexed.problems.map((p) => error(p.code, p.message, offsetSpan(source, file, p.startOffset, p.endOffset)));
    return { module: null, diagnostics };
  }
  const parsed = parseTokens(lexed.tokens);
  const first = parsed.errors[0];
  if (first || !parsed.cst) {
    const diagnostics = first ? [classifyParseError(first, lexed.tokens, source, file)] : [error('internal-error', 'internal parser error: no syntax tree')];
    return { module: null, diagnostics };
  }
  const built = buildAst(parsed.cst, file, limits);
  if (built.diagnostics.length > 0) {
    const diagnostics = [...built.diagnostics].sort((a, b) => (a.span?.offset ?? 0) - (b.span?.offset ?? 0));
    return { module: null, diagnostics };
  }
  return { module: { file, source, body: built.body }, diagnostics: [] };
}
