// The CstParser: pure grammar rules (no actions) for the Python subset; meaning lives in src/syntax/build-ast.ts.
//
// The grammar accepts a little more than the language (tuples, `a[i] = e`, chained comparisons,
// `*args`, default values, slice steps) so that build-ast.ts can reject those with a message saying
// what to write instead, rather than a bare "unexpected token".
import { CstParser, type CstNode, type IToken, type ParserMethod, type TokenType } from 'chevrotain';
import * as T from './tokens.ts';
import { errorMessages } from './messages.ts';

type Rule = ParserMethod<[], CstNode>;

export class TptParser extends CstParser {
  /**
   * `validate` runs Chevrotain's grammar checks (ambiguities, left recursion) while building the
   * parser. They cost 60-90 ms of every CLI start (npm run bench:startup) and can only fail on a
   * change to this file, so the shared instance skips them and a test builds one with them on.
   */
  constructor({ validate = false }: { validate?: boolean } = {}) {
    super(T.allTokens, { recoveryEnabled: false, maxLookahead: 3, errorMessageProvider: errorMessages, skipValidations: !validate });
    this.performSelfAnalysis();
  }

  /** `operand (operator operand)*`: a left-associative binary level (the operand is a thunk: rules are defined in order). */
  private chain(name: string, operand: () => Rule, operator: TokenType): Rule {
    return this.RULE(name, () => {
      this.SUBRULE(operand());
      this.MANY(() => {
        this.CONSUME(operator);
        this.SUBRULE2(operand());
      });
    });
  }

  module = this.RULE('module', () => {
    this.MANY(() => this.SUBRULE(this.statement));
  });

  statement = this.RULE('statement', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.funcDef) },
      { ALT: () => this.SUBRULE(this.ifStmt) },
      { ALT: () => this.SUBRULE(this.forStmt) },
      { ALT: () => this.SUBRULE(this.withStmt) },
      { ALT: () => this.SUBRULE(this.simpleStatement) },
    ]);
  });

  /** One simple statement and its end of line. */
  simpleStatement = this.RULE('simpleStatement', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Pass) },
      { ALT: () => this.SUBRULE(this.returnStmt) },
      { ALT: () => this.SUBRULE(this.importStmt) },
      { ALT: () => this.SUBRULE(this.fromImportStmt) },
      { ALT: () => this.SUBRULE(this.exprStmt) },
    ]);
    this.CONSUME(T.Newline);
  });

  returnStmt = this.RULE('returnStmt', () => {
    this.CONSUME(T.Return);
    this.OPTION(() => this.SUBRULE(this.exprList));
  });

  importStmt = this.RULE('importStmt', () => {
    this.CONSUME(T.Import);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.importName) });
  });

  fromImportStmt = this.RULE('fromImportStmt', () => {
    this.CONSUME(T.From);
    this.SUBRULE(this.dottedName);
    this.CONSUME(T.Import);
    this.OR([
      { ALT: () => this.CONSUME(T.Star) },
      { ALT: () => { this.CONSUME(T.LParen); this.SUBRULE1(this.importNames); this.CONSUME(T.RParen); } },
      { ALT: () => this.SUBRULE2(this.importNames) },
    ]);
  });

  importNames = this.RULE('importNames', () => {
    this.SUBRULE(this.importName);
    this.MANY(() => { this.CONSUME(T.Comma); this.SUBRULE2(this.importName); });
    this.OPTION(() => this.CONSUME2(T.Comma));
  });

  importName = this.RULE('importName', () => {
    this.SUBRULE(this.dottedName);
    this.OPTION(() => { this.CONSUME(T.As); this.CONSUME(T.Identifier); });
  });

  dottedName = this.RULE('dottedName', () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.Dot, DEF: () => this.CONSUME(T.Identifier) });
  });

  /** `targets = ... = value` or a bare expression; several exprLists mean assignment. */
  exprStmt = this.RULE('exprStmt', () => {
    this.SUBRULE(this.exprList);
    this.MANY(() => { this.CONSUME(T.Assign); this.SUBRULE2(this.exprList); });
  });

  /** One expression, or a tuple (rejected later) when commas follow. */
  exprList = this.RULE('exprList', () => {
    this.SUBRULE(this.expression);
    this.MANY(() => { this.CONSUME(T.Comma); this.SUBRULE2(this.expression); });
    this.OPTION(() => this.CONSUME2(T.Comma));
  });

  decorator = this.RULE('decorator', () => {
    this.CONSUME(T.At);
    this.SUBRULE(this.expression);
    this.CONSUME(T.Newline);
  });

  funcDef = this.RULE('funcDef', () => {
    this.MANY(() => this.SUBRULE(this.decorator));
    this.CONSUME(T.Def);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.param);
      this.MANY2(() => { this.CONSUME(T.Comma); this.SUBRULE2(this.param); });
      this.OPTION2(() => this.CONSUME2(T.Comma));
    });
    this.CONSUME(T.RParen);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.suite);
  });

  param = this.RULE('param', () => {
    this.OPTION(() => this.OR([{ ALT: () => this.CONSUME(T.Star) }, { ALT: () => this.CONSUME(T.Power) }]));
    this.CONSUME(T.Identifier);
    this.OPTION2(() => { this.CONSUME(T.Assign); this.SUBRULE(this.expression); });
  });

  ifStmt = this.RULE('ifStmt', () => {
    this.CONSUME(T.If);
    this.SUBRULE(this.expression);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.suite);
    this.MANY(() => {
      this.CONSUME(T.Elif);
      this.SUBRULE2(this.expression);
      this.CONSUME2(T.Colon);
      this.SUBRULE2(this.suite);
    });
    this.OPTION(() => { this.CONSUME(T.Else); this.CONSUME3(T.Colon); this.SUBRULE3(this.suite); });
  });

  forStmt = this.RULE('forStmt', () => {
    this.CONSUME(T.For);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.In);
    this.SUBRULE(this.expression);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.suite);
  });

  withStmt = this.RULE('withStmt', () => {
    this.CONSUME(T.With);
    this.SUBRULE(this.expression);
    this.CONSUME(T.As);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.suite);
  });

  /** An indented block, or one simple statement on the header's line (`if x == 1: y.set_to(2)`). */
  suite = this.RULE('suite', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Newline);
          this.CONSUME(T.Indent);
          this.AT_LEAST_ONE(() => this.SUBRULE(this.statement));
          this.CONSUME(T.Dedent);
        },
      },
      { ALT: () => this.SUBRULE(this.simpleStatement) },
    ]);
  });

  // ---- expressions, lowest precedence first (Python's) ----

  /** `then if test else orelse` (the CST holds disjunction[0] = then, disjunction[1] = test). */
  expression = this.RULE('expression', () => {
    this.SUBRULE(this.disjunction);
    this.OPTION(() => {
      this.CONSUME(T.If);
      this.SUBRULE2(this.disjunction);
      this.CONSUME(T.Else);
      this.SUBRULE(this.expression);
    });
  });

  disjunction = this.chain('disjunction', () => this.conjunction, T.Or);
  conjunction = this.chain('conjunction', () => this.inversion, T.And);

  inversion = this.RULE('inversion', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.Not); this.SUBRULE(this.inversion); } },
      { ALT: () => this.SUBRULE(this.comparison) },
    ]);
  });

  /** Several operators form a chained comparison, which build-ast.ts rejects. */
  comparison = this.chain('comparison', () => this.bitOr, T.CompOp);
  bitOr = this.chain('bitOr', () => this.bitXor, T.Pipe);
  bitXor = this.chain('bitXor', () => this.bitAnd, T.Caret);
  bitAnd = this.chain('bitAnd', () => this.arith, T.Ampersand);
  arith = this.chain('arith', () => this.term, T.AddOp);
  term = this.chain('term', () => this.factor, T.MulOp);

  factor = this.RULE('factor', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.AddOp); this.SUBRULE(this.factor); } },
      { ALT: () => this.SUBRULE(this.power) },
    ]);
  });

  /** `**` is right-associative and its right operand may carry a sign: `2 ** -1`; `-2 ** 2` is `-(2 ** 2)`. */
  power = this.RULE('power', () => {
    this.SUBRULE(this.postfix);
    this.OPTION(() => { this.CONSUME(T.Power); this.SUBRULE(this.factor); });
  });

  postfix = this.RULE('postfix', () => {
    this.SUBRULE(this.atom);
    this.MANY(() => this.SUBRULE(this.trailer));
  });

  /** A call `(args)`, an attribute `.name` or a subscript `[i, j]`, applied in source order. */
  trailer = this.RULE('trailer', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.OPTION(() => {
            this.SUBRULE(this.argument);
            this.MANY(() => { this.CONSUME(T.Comma); this.SUBRULE2(this.argument); });
            this.OPTION2(() => this.CONSUME2(T.Comma));
          });
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => { this.CONSUME(T.Dot); this.CONSUME(T.Identifier); } },
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          this.SUBRULE(this.subscript);
          this.MANY2(() => { this.CONSUME3(T.Comma); this.SUBRULE2(this.subscript); });
          this.OPTION3(() => this.CONSUME4(T.Comma));
          this.CONSUME(T.RBracket);
        },
      },
    ]);
  });

  /** A call argument: positional, `name=value`, or `*xs` / `**kw` (rejected later). */
  argument = this.RULE('argument', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.Identifier); this.CONSUME(T.Assign); this.SUBRULE(this.expression); } },
      {
        ALT: () => {
          this.OPTION(() => this.OR2([{ ALT: () => this.CONSUME(T.Star) }, { ALT: () => this.CONSUME(T.Power) }]));
          this.SUBRULE2(this.expression);
        },
      },
    ]);
  });

  /** An index, or a slice `lower:upper[:step]` with each part optional (the step is rejected later). */
  subscript = this.RULE('subscript', () => {
    this.OR([
      { ALT: () => { this.SUBRULE(this.expression); this.OPTION(() => this.SUBRULE(this.sliceRest)); } },
      { ALT: () => this.SUBRULE2(this.sliceRest) },
    ]);
  });

  sliceRest = this.RULE('sliceRest', () => {
    this.CONSUME(T.Colon);
    this.OPTION(() => this.SUBRULE(this.expression));
    this.OPTION2(() => { this.CONSUME2(T.Colon); this.OPTION3(() => this.SUBRULE2(this.expression)); });
  });

  atom = this.RULE('atom', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.CONSUME(T.Integer) },
      { ALT: () => this.CONSUME(T.Float) },
      { ALT: () => this.AT_LEAST_ONE(() => this.CONSUME(T.StringLiteral)) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.CONSUME(T.None) },
      { ALT: () => { this.CONSUME(T.LParen); this.OPTION(() => this.SUBRULE(this.exprList)); this.CONSUME(T.RParen); } },
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          this.OPTION2(() => { this.SUBRULE2(this.exprList); this.MANY(() => this.SUBRULE(this.compFor)); });
          this.CONSUME(T.RBracket);
        },
      },
    ]);
  });

  /** One `for NAME in ITERABLE` clause of a list comprehension `[e for i in range(n)]`. */
  compFor = this.RULE('compFor', () => {
    this.CONSUME(T.For);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.In);
    this.SUBRULE(this.disjunction);
  });
}

/** The one parser instance; `parseTokens` resets it for every input. */
const parser = new TptParser();

export interface CstResult {
  readonly cst: CstNode | null;
  readonly errors: typeof parser.errors;
}

/** Parses a token vector from lexer.ts into a CST (null when there is an error). */
export function parseTokens(tokens: IToken[]): CstResult {
  parser.input = tokens;
  const cst = parser.module();
  const errors = parser.errors;
  return { cst: errors.length === 0 ? cst : null, errors };
}

/** The visitor base class bound to this grammar, for src/syntax/build-ast.ts. */
export const BaseCstVisitor = parser.getBaseCstVisitorConstructor();
