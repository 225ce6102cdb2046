// Turns a Chevrotain parse error into one Diagnostic with the right code: indentation, unsupported Python, or syntax.
import { tokenMatcher, type IRecognitionException, type IToken } from 'chevrotain';
import * as T from '../../grammar/tokens.ts';
import { error, joinSpans, type Diagnostic } from '../util/diagnostics.ts';
import { reportedTokenSpan } from './spans.ts';

const keywordAdvice: Record<string, string> = {
  while: "'while' loops are not supported; use 'for i in range(n):' (loops are unrolled at compile time)",
  class: 'classes are not supported; declare variables at module level and use @Runtime or @Inline functions',
  lambda: "'lambda' is not supported; define a function with @Runtime or @Inline",
  try: "exception handling ('try') is not supported",
  except: "exception handling ('except') is not supported",
  finally: "exception handling ('finally') is not supported",
  raise: "'raise' is not supported",
  global: "'global' is not supported; declare the variable at module level and assign it with x.set_to(e)",
  nonlocal: "'nonlocal' is not supported; assign variables with x.set_to(e)",
  yield: "generators ('yield') are not supported",
  del: "'del' is not supported",
  assert: "'assert' is not supported",
  break: "'break' is not supported; loops are unrolled at compile time, so guard the body with 'if'",
  continue: "'continue' is not supported; loops are unrolled at compile time, so guard the body with 'if'",
  async: "'async' is not supported",
  await: "'await' is not supported",
  is: "'is' is not supported; compare values with '=='",
};

function unsupportedMessage(tok: IToken): string {
  switch (tok.tokenType) {
    case T.AugAssign:
      return `augmented assignment '${tok.image}' is not supported; use x.set_to(e) to assign a variable, or 'name = name ${tok.image.slice(0, -1)} e' for a constant`;
    case T.Arrow:
      return "return annotations ('->') are not supported; remove them";
    case T.Walrus:
      return "assignment expressions (':=') are not supported; use x.set_to(e) in its own statement";
    case T.Semicolon:
      return "';' is not supported; put each statement on its own line";
    case T.LBrace:
    case T.RBrace:
      return 'dict and set literals are not supported; use a list [a, b]';
    case T.Tilde:
    case T.Shift:
      return `operator '${tok.image}' is not supported; use arithmetic ('*', '//', '-') or '^', '&', '|'`;
    default:
      return keywordAdvice[tok.image] ?? `'${tok.image}' is not supported`;
  }
}

/** Token types that can end an expression: an `in` or `for` right after one is Python we do not support. */
const expressionEnds = new Set([T.Identifier, T.Integer, T.Float, T.StringLiteral, T.RParen, T.RBracket, T.True, T.False, T.None]);

/** The first token of the logical line holding `tokens[index]`. */
function lineStart(tokens: readonly IToken[], index: number): IToken | undefined {
  let i = index;
  while (i > 0 && ![T.Newline, T.Indent, T.Dedent].includes(tokens[i - 1]!.tokenType)) i--;
  return tokens[i];
}

/** Classifies the first parse error. `tokens` is the vector that was parsed (for context around the error). */
export function classifyParseError(e: IRecognitionException, tokens: readonly IToken[], source: string, file: string): Diagnostic {
  const tok = e.token;
  const span = reportedTokenSpan(tok, source, file);
  const found = tokens.indexOf(tok);
  const index = found < 0 ? tokens.length : found;
  const prev = tokens[index - 1];
  const beforePrev = tokens[index - 2];

  if (tok.tokenType === T.Indent) return error('indentation-error', 'unexpected indent', span);
  // After `header:` and a line break the parser wants INDENT; anything else means the block is missing.
  if (prev?.tokenType === T.Newline && beforePrev?.tokenType === T.Colon && e.name === 'MismatchedTokenException') {
    const header = lineStart(tokens, index - 2);
    const what = header ? ` after '${header.image}' on line ${header.startLine}` : '';
    return error('indentation-error', `expected an indented block${what}`, span);
  }
  const compound = [T.If, T.For, T.With, T.Def].includes(tok.tokenType);
  if (compound && e.context.ruleStack[e.context.ruleStack.length - 1] === 'suite') {
    return error('syntax-error', `${tok.image === 'if' ? 'an' : 'a'} '${tok.image}' statement cannot follow ':' on the same line; start it on a new, indented line`, span);
  }
  if (tokenMatcher(tok, T.Unsupported)) return error('unsupported-syntax', unsupportedMessage(tok), span);
  const afterExpression = prev !== undefined && expressionEnds.has(prev.tokenType);
  if (tok.tokenType === T.In && afterExpression) {
    return error('unsupported-syntax', "membership tests with 'in' are not supported; compare with '==' (use 'in' only in 'for i in range(n):')", span);
  }
  const next = tokens[index + 1];
  if (tok.tokenType === T.Not && next?.tokenType === T.In) {
    return error('unsupported-syntax', "membership tests with 'not in' are not supported; compare with '!='", joinSpans(span, reportedTokenSpan(next, source, file)));
  }
  if (tok.tokenType === T.For && afterExpression) {
    return error('unsupported-syntax', 'only list comprehensions [e for i in range(n)] are supported; write a for statement', span);
  }
  return error('syntax-error', e.message, span);
}
