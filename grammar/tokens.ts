// Token vocabulary for the Python subset: what the Chevrotain lexer matches and the parser consumes.
import { createToken, Lexer, type TokenType } from 'chevrotain';

// Categories let one CONSUME match a family of operators (the CST keeps the category name as key).
export const CompOp = createToken({ name: 'CompOp', pattern: Lexer.NA, label: 'a comparison operator' });
export const AddOp = createToken({ name: 'AddOp', pattern: Lexer.NA, label: "'+' or '-'" });
export const MulOp = createToken({ name: 'MulOp', pattern: Lexer.NA, label: 'a multiplication operator' });
/** Keywords and operators of Python that this language rejects with a targeted message. */
export const Unsupported = createToken({ name: 'Unsupported', pattern: Lexer.NA, label: 'an unsupported construct' });

// Layout tokens: Newline comes from the lexer, Indent and Dedent are inserted by lexer.ts.
export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n/, line_breaks: true, label: 'end of line' });
export const Indent = createToken({ name: 'Indent', pattern: Lexer.NA, label: 'an indented block' });
export const Dedent = createToken({ name: 'Dedent', pattern: Lexer.NA, label: 'the end of the block' });

export const Whitespace = createToken({ name: 'Whitespace', pattern: /[ \t\f\uFEFF]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: Lexer.SKIPPED });
export const LineContinuation = createToken({
  name: 'LineContinuation',
  pattern: /\\(?:\r\n|\r|\n)/,
  line_breaks: true,
  group: Lexer.SKIPPED,
});

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/, label: 'a name' });

const keywordTokens: TokenType[] = [];
function keyword(word: string, categories?: TokenType): TokenType {
  const name = word.charAt(0).toUpperCase() + word.slice(1);
  const tok = createToken({
    name,
    pattern: new RegExp(word),
    longer_alt: Identifier,
    label: `'${word}'`,
    ...(categories ? { categories } : {}),
  });
  keywordTokens.push(tok);
  return tok;
}

export const Def = keyword('def');
export const If = keyword('if');
export const Elif = keyword('elif');
export const Else = keyword('else');
export const For = keyword('for');
export const In = keyword('in');
export const With = keyword('with');
export const As = keyword('as');
export const Return = keyword('return');
export const Pass = keyword('pass');
export const And = keyword('and');
export const Or = keyword('or');
export const Not = keyword('not');
export const From = keyword('from');
export const Import = keyword('import');
export const True = keyword('True');
export const False = keyword('False');
export const None = keyword('None');
// Reserved Python words: lexed as keywords so that they never become names, then rejected by parse.ts.
export const unsupportedKeywords = [
  'while', 'class', 'lambda', 'try', 'except', 'finally', 'raise', 'global', 'nonlocal', 'yield',
  'del', 'assert', 'break', 'continue', 'async', 'await', 'is',
].map((w) => keyword(w, Unsupported));

// Strings: terminated forms first; the unterminated forms exist only to give a precise error.
export const StringLiteral = createToken({
  name: 'StringLiteral',
  // `(?!"")` keeps an opening triple quote from being read as an empty string followed by a quote.
  pattern: /"""[\s\S]*?"""|'''[\s\S]*?'''|"(?!"")(?:[^"\\\r\n]|\\[\s\S])*"|'(?!'')(?:[^'\\\r\n]|\\[\s\S])*'/,
  line_breaks: true,
  label: 'a string',
});
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"""[\s\S]*|'''[\s\S]*|"(?:[^"\\\r\n]|\\[\s\S])*|'(?:[^'\\\r\n]|\\[\s\S])*/,
  line_breaks: true,
  label: 'an unterminated string',
});

export const Float = createToken({
  name: 'Float',
  pattern: /(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+/,
  label: 'a number',
});
export const Integer = createToken({ name: 'Integer', pattern: /0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|[0-9]+/, label: 'a number' });

function op(name: string, text: string, categories?: TokenType | TokenType[]): TokenType {
  const escaped = text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return createToken({ name, pattern: new RegExp(escaped), label: `'${text}'`, ...(categories ? { categories } : {}) });
}

export const AugAssign = createToken({
  name: 'AugAssign',
  pattern: /(?:\*\*|\/\/|<<|>>|[-+*/%@&|^])=/,
  label: 'an augmented assignment',
  categories: Unsupported,
});
export const Arrow = op('Arrow', '->', Unsupported);
export const Walrus = op('Walrus', ':=', Unsupported);
export const Eq = op('Eq', '==', CompOp);
export const NotEq = op('NotEq', '!=', CompOp);
export const Shift = createToken({ name: 'Shift', pattern: /<<|>>/, label: 'a bitwise shift', categories: Unsupported });
export const LtE = op('LtE', '<=', CompOp);
export const GtE = op('GtE', '>=', CompOp);
export const Lt = op('Lt', '<', CompOp);
export const Gt = op('Gt', '>', CompOp);
export const Power = op('Power', '**');
export const DoubleSlash = op('DoubleSlash', '//', MulOp);
export const Star = op('Star', '*', MulOp);
export const Slash = op('Slash', '/', MulOp);
export const Percent = op('Percent', '%', MulOp);
export const At = op('At', '@', MulOp);
export const Plus = op('Plus', '+', AddOp);
export const Minus = op('Minus', '-', AddOp);
export const Ampersand = op('Ampersand', '&');
export const Pipe = op('Pipe', '|');
export const Caret = op('Caret', '^');
export const Tilde = op('Tilde', '~', Unsupported);
export const Assign = op('Assign', '=');
export const Dot = op('Dot', '.');
export const Comma = op('Comma', ',');
export const Colon = op('Colon', ':');
export const Semicolon = op('Semicolon', ';', Unsupported);
export const LParen = op('LParen', '(');
export const RParen = op('RParen', ')');
export const LBracket = op('LBracket', '[');
export const RBracket = op('RBracket', ']');
export const LBrace = op('LBrace', '{', Unsupported);
export const RBrace = op('RBrace', '}', Unsupported);

/** Every token type, in lexer priority order (the first pattern that matches wins). */
export const allTokens: TokenType[] = [
  CompOp, AddOp, MulOp, Unsupported, Indent, Dedent,
  Newline, Whitespace, Comment, LineContinuation,
  // Longest keywords first so that 'assert' is not read as 'as' (longer_alt would then make it a name).
  ...[...keywordTokens].sort((a, b) => (b.PATTERN as RegExp).source.length - (a.PATTERN as RegExp).source.length), Identifier,
  StringLiteral, UnterminatedString, Float, Integer,
  AugAssign, Arrow, Walrus, Eq, NotEq, Shift, LtE, GtE, Lt, Gt,
  Power, DoubleSlash, Star, Slash, Percent, At, Plus, Minus, Ampersand, Pipe, Caret, Tilde,
  Assign, Dot, Comma, Colon, Semicolon, LParen, RParen, LBracket, RBracket, LBrace, RBrace,
];
