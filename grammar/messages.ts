// Parser error messages in a researcher's words ("expected ':' after the for header"), not token dumps.
import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import * as T from './tokens.ts';

/** How a token reads in a message: `name 'x'`, `')'`, `end of line`, `end of file`. */
export function describeToken(tok: IToken | undefined): string {
  if (!tok || tok.tokenType === EOF || Number.isNaN(tok.startOffset)) return 'end of file';
  switch (tok.tokenType) {
    case T.Newline:
      return tok.image === '' ? 'end of file' : 'end of line';
    case T.Indent:
      return 'an indent';
    case T.Dedent:
      return 'the end of the indented block';
    case T.Identifier:
      return `name '${tok.image}'`;
    case T.Integer:
    case T.Float:
      return `number ${tok.image}`;
    case T.StringLiteral:
      return 'a string';
    default:
      return `'${tok.image}'`;
  }
}

function label(type: TokenType): string {
  return type.LABEL ?? type.name;
}

const headers: Record<string, string> = {
  forStmt: 'the for header',
  ifStmt: 'the condition',
  withStmt: 'the with header',
  funcDef: 'the def header',
};

const expressionRules = new Set([
  'expression', 'disjunction', 'conjunction', 'inversion', 'comparison', 'bitOr', 'bitXor', 'bitAnd', 'arith', 'term', 'factor',
  'power', 'postfix', 'atom', 'exprList', 'exprStmt', 'decorator', 'argument',
]);

function mismatch(expected: TokenType, previous: IToken | undefined, ruleName: string): string {
  switch (expected) {
    case T.Colon:
      if (previous?.tokenType === T.Else) return "expected ':' after 'else'";
      return `expected ':' after ${headers[ruleName] ?? 'the header'}`;
    case T.Newline:
      return ruleName === 'decorator' ? 'expected end of line after the decorator' : 'expected end of line after the statement';
    case T.RParen:
      if (ruleName === 'trailer') return "expected ',' or ')' in the call arguments";
      if (ruleName === 'funcDef') return "expected ',' or ')' in the parameter list";
      return "expected ')' to close the parenthesis";
    case T.RBracket:
      return ruleName === 'trailer' ? "expected ',' or ']' in the subscript" : "expected ',' or ']' in the list";
    case T.In:
      return "expected 'in' after the loop variable (write 'for i in range(n):')";
    case T.As:
      return "expected 'as' after the with subject (write 'with x as v:')";
    case T.Else:
      return "expected 'else' in the conditional expression (write 'a if c else b')";
    case T.LParen:
      return ruleName === 'funcDef' ? "expected '(' after the function name" : "expected '('";
    case T.Def:
      return "expected 'def' after the decorator";
    case T.Import:
      return "expected 'import' after the module name";
    case T.Indent:
      return 'expected an indented block';
    case T.Identifier:
      if (ruleName === 'forStmt') return "expected a loop variable name after 'for'";
      if (ruleName === 'withStmt' || ruleName === 'importName') return "expected a name after 'as'";
      if (ruleName === 'funcDef') return "expected the function name after 'def'";
      if (ruleName === 'param') return 'expected a parameter name';
      if (ruleName === 'trailer') return "expected an attribute name after '.'";
      if (ruleName === 'dottedName') return 'expected a module name';
      return 'expected a name';
    default:
      return `expected ${label(expected)}`;
  }
}

function noAlternative(ruleName: string): string {
  if (expressionRules.has(ruleName)) return 'expected an expression';
  if (ruleName === 'suite') return "expected a statement or a new line after ':'";
  if (ruleName === 'subscript') return 'expected an index or a slice';
  if (ruleName === 'fromImportStmt') return "expected the names to import after 'import'";
  if (ruleName === 'dottedName' || ruleName === 'importStmt') return 'expected a module name';
  return 'expected a statement';
}

/** Chevrotain calls these while parsing; parse.ts may still replace the message with a more specific one. */
export const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, previous, ruleName }) {
    return `${mismatch(expected, previous, ruleName)}, found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    const type = firstRedundant.tokenType;
    if (type === T.Else || type === T.Elif) {
      return `'${firstRedundant.image}' without a matching 'if' (check its indentation)`;
    }
    if (type === T.RParen || type === T.RBracket) return `unmatched '${firstRedundant.image}'`;
    return `expected a statement, found ${describeToken(firstRedundant)}`;
  },
  buildNoViableAltMessage({ actual, ruleName }) {
    return `${noAlternative(ruleName)}, found ${describeToken(actual[0])}`;
  },
  buildEarlyExitMessage({ actual, ruleName }) {
    return `${noAlternative(ruleName)}, found ${describeToken(actual[0])}`;
  },
};
