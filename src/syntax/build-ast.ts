// The one CST visitor: turns the parser's CST into the AST of ast.ts, a span on every node, and rejects
// the constructs the grammar accepts only to explain them (tuples, chained assignment, chained comparisons, ...).
import type { CstElement, CstNode, IToken } from 'chevrotain';
import { BaseCstVisitor } from '../../grammar/parser.ts';
import { error, InternalError, joinSpans, type Diagnostic, type Span } from '../util/diagnostics.ts';
import type { BinaryOp, CompFor, Expr, IfBranch, Keyword, Stmt, UnaryOp } from './ast.ts';
import { integerValue, stringValue } from './literals.ts';
import { lastToken, tokenSpan } from './spans.ts';
import { DEFAULT_LIMITS, formatCount, limitMessage, type Limits } from '../util/limits.ts';

type Ctx = Record<string, CstElement[] | undefined>;
type Argument = { readonly keyword: Keyword } | { readonly positional: Expr };
type Trailer = (target: Expr) => Expr;
interface ExprList { readonly items: Expr[]; readonly trailingComma: boolean; readonly span: Span }
interface SliceRest { readonly upper: Expr | null; readonly start: Span; readonly end: Span }

function toks(ctx: Ctx, key: string): IToken[] {
  return (ctx[key] ?? []) as IToken[];
}
function nodes(ctx: Ctx, key: string): CstNode[] {
  return (ctx[key] ?? []) as CstNode[];
}
function tok(ctx: Ctx, key: string, i = 0): IToken {
  const t = toks(ctx, key)[i];
  if (!t) throw new InternalError(`CST is missing token ${key}[${i}]`);
  return t;
}
/** The direct sub-expressions of `e`. */
function exprChildren(e: Expr): readonly (Expr | null)[] {
  switch (e.kind) {
    case 'index': return [e.target, ...e.indices];
    case 'slice': return [e.lower, e.upper];
    case 'attribute': return [e.target];
    case 'call': return [e.callee, ...e.args, ...e.keywords.map((k) => k.value)];
    case 'binary': return [e.left, e.right];
    case 'unary': return [e.operand];
    case 'conditional': return [e.test, e.then, e.orelse];
    case 'list': return e.items;
    default: return [];
  }
}
function lastSpan(body: readonly Stmt[], fallback: Span): Span {
  return body[body.length - 1]?.span ?? fallback;
}

/** Builds the statements of a parsed module; `diagnostics` holds every construct rejected on the way. */
export function buildAst(cst: CstNode, file: string, limits: Limits = DEFAULT_LIMITS): { body: Stmt[]; diagnostics: Diagnostic[] } {
  const builder = new AstBuilder(file, limits);
  const body = builder.visit(cst) as Stmt[];
  return { body, diagnostics: builder.diagnostics };
}

class AstBuilder extends BaseCstVisitor {
  readonly diagnostics: Diagnostic[] = [];
  /** The depth of every expression built so far (children are built, and measured, first). */
  private readonly depths = new WeakMap<Expr, number>();
  private tooDeep = false;

  constructor(
    private readonly file: string,
    private readonly limits: Limits,
  ) {
    super();
    this.validateVisitor();
  }

  /**
   * Records the depth of `e` from its children's, and reports the first expression deeper than the
   * limit `expression-depth`: every later pass recurses over expressions, so depth is bounded here.
   */
  private measured<T extends Expr>(e: T): T {
    if (this.depths.has(e)) return e;
    let below = 0;
    for (const child of exprChildren(e)) if (child) below = Math.max(below, this.depths.get(child) ?? 1);
    const depth = below + 1;
    this.depths.set(e, depth);
    const limit = this.limits['expression-depth'];
    if (depth > limit && !this.tooDeep) {
      this.tooDeep = true;
      const what = `this expression is nested more than ${formatCount(limit)} deep (a flat sum of n terms is n deep)`;
      this.diagnostics.push(error('too-large', limitMessage('expression-depth', this.limits, what), e.span));
    }
    return e;
  }

  private span(t: IToken): Span {
    return tokenSpan(t, this.file);
  }
  private unsupported(message: string, span: Span): void {
    this.diagnostics.push(error('unsupported-syntax', message, span));
  }
  private expr(node: CstNode | undefined): Expr {
    if (!node) throw new InternalError('CST is missing an expression');
    return this.measured(this.visit(node) as Expr);
  }
  private suiteOf(ctx: Ctx, i: number): Stmt[] {
    return this.visit(nodes(ctx, 'suite')[i]!) as Stmt[];
  }
  /** One expression where Python would allow a tuple. */
  private single(list: ExprList): Expr {
    if (list.items.length !== 1 || list.trailingComma) {
      this.unsupported('tuples are not supported; use a list [a, b] or separate statements', list.span);
    }
    return list.items[0]!;
  }
  private fold(ctx: Ctx, operand: string, operator: string): Expr {
    const ops = toks(ctx, operator);
    return nodes(ctx, operand)
      .map((n) => this.expr(n))
      .reduce((left, right, i) => {
        const op = ops[i - 1]!.image as BinaryOp;
        return this.measured({ kind: 'binary', op, left, right, span: joinSpans(left.span, right.span) });
      });
  }

  // ---- statements ----

  module(ctx: Ctx): Stmt[] {
    return nodes(ctx, 'statement').map((n) => this.visit(n) as Stmt);
  }
  statement(ctx: Ctx): Stmt {
    const child = Object.values(ctx).flat()[0] as CstNode;
    return this.visit(child) as Stmt;
  }
  simpleStatement(ctx: Ctx): Stmt {
    const pass = toks(ctx, 'Pass')[0];
    if (pass) return { kind: 'pass', span: this.span(pass) };
    const child = (Object.entries(ctx).find(([key]) => key !== 'Newline')?.[1] ?? [])[0] as CstNode;
    return this.visit(child) as Stmt;
  }
  returnStmt(ctx: Ctx): Stmt {
    const start = this.span(tok(ctx, 'Return'));
    const list = nodes(ctx, 'exprList')[0];
    const value = list ? this.single(this.visit(list) as ExprList) : null;
    return { kind: 'return', value, span: value ? joinSpans(start, value.span) : start };
  }
  importStmt(ctx: Ctx): Stmt { return this.importSpan(ctx, 'Import'); }
  fromImportStmt(ctx: Ctx): Stmt { return this.importSpan(ctx, 'From'); }
  private importSpan(ctx: Ctx, keyword: string): Stmt {
    const start = this.span(tok(ctx, keyword));
    const last = lastToken(ctx as CstNode['children']);
    return { kind: 'import', span: last ? joinSpans(start, this.span(last)) : start };
  }
  // Imports are ignored, so their parts carry no meaning.
  importNames(): void {}
  importName(): void {}
  dottedName(): void {}

  exprStmt(ctx: Ctx): Stmt {
    const lists = nodes(ctx, 'exprList').map((n) => this.visit(n) as ExprList);
    const targets = lists[0]!;
    const tupleTarget = lists.length > 1 && (targets.items.length > 1 || targets.trailingComma);
    const valueList = lists[lists.length - 1]!;
    // `a, b = 1, 2` is reported once, at the targets.
    const value = tupleTarget ? valueList.items[0]! : this.single(valueList);
    if (lists.length === 1) return { kind: 'expr', expr: value, span: value.span };
    if (lists.length > 2) {
      this.unsupported("chained assignment 'a = b = e' is not supported; assign each name separately", this.span(tok(ctx, 'Assign', 1)));
    }
    const target = targets.items[0]!;
    if (tupleTarget) {
      this.unsupported("tuple assignment 'a, b = ...' is not supported; assign each name on its own line", targets.span);
    } else if (target.kind === 'index') {
      // `xs[i] = e` fills a compile-time list; lowering reports any other target.
      if (target.indices.length !== 1 || target.indices[0]!.kind === 'slice') {
        this.unsupported('an element assignment takes one index: xs[i] = e', target.span);
      }
      return { kind: 'setitem', target: target.target, index: target.indices[0]!, value, span: joinSpans(target.span, value.span) };
    } else if (target.kind === 'attribute') {
      this.unsupported('assignment to an attribute is not supported; use x.set_to(e) to assign a variable', target.span);
    } else if (target.kind === 'name' && ['True', 'False', 'None'].includes(target.name)) {
      this.diagnostics.push(error('syntax-error', `cannot assign to '${target.name}'`, target.span));
    } else if (target.kind !== 'name') {
      this.diagnostics.push(error('syntax-error', "cannot assign to an expression; the left side of '=' must be a name", target.span));
    }
    const name = target.kind === 'name' ? target.name : '';
    return { kind: 'assign', target: name, targetSpan: target.span, value, span: joinSpans(target.span, value.span) };
  }
  exprList(ctx: Ctx): ExprList {
    const items = nodes(ctx, 'expression').map((n) => this.expr(n));
    const commas = toks(ctx, 'Comma');
    const last = commas.length === items.length ? this.span(commas[commas.length - 1]!) : items[items.length - 1]!.span;
    return { items, trailingComma: commas.length === items.length, span: joinSpans(items[0]!.span, last) };
  }

  decorator(ctx: Ctx): Expr {
    return this.expr(nodes(ctx, 'expression')[0]);
  }
  funcDef(ctx: Ctx): Stmt {
    const start = this.span(tok(ctx, 'Def'));
    const name = tok(ctx, 'Identifier');
    const decorators = nodes(ctx, 'decorator').map((n) => this.visit(n) as Expr);
    const params = nodes(ctx, 'param').map((n) => this.visit(n) as { name: string; span: Span });
    const body = this.suiteOf(ctx, 0);
    return { kind: 'def', name: name.image, nameSpan: this.span(name), params, decorators, body, span: joinSpans(start, lastSpan(body, start)) };
  }
  param(ctx: Ctx): { name: string; span: Span } {
    const name = tok(ctx, 'Identifier');
    const star = toks(ctx, 'Star')[0] ?? toks(ctx, 'Power')[0];
    if (star) this.unsupported(`'${star.image}${name.image}' parameters are not supported; list the parameters explicitly`, this.span(star));
    const assign = toks(ctx, 'Assign')[0];
    if (assign) {
      const value = this.expr(nodes(ctx, 'expression')[0]);
      this.unsupported('default parameter values are not supported', joinSpans(this.span(assign), value.span));
    }
    return { name: name.image, span: this.span(name) };
  }
  ifStmt(ctx: Ctx): Stmt {
    const tests = nodes(ctx, 'expression');
    const keywords = [tok(ctx, 'If'), ...toks(ctx, 'Elif')];
    const branches: IfBranch[] = tests.map((test, i) => {
      const start = this.span(keywords[i]!);
      const body = this.suiteOf(ctx, i);
      return { test: this.expr(test), body, span: joinSpans(start, lastSpan(body, start)) };
    });
    const orelse = nodes(ctx, 'suite').length > tests.length ? this.suiteOf(ctx, tests.length) : null;
    const last = orelse ? lastSpan(orelse, branches[branches.length - 1]!.span) : branches[branches.length - 1]!.span;
    return { kind: 'if', branches, orelse, span: joinSpans(branches[0]!.span, last) };
  }
  forStmt(ctx: Ctx): Stmt {
    const start = this.span(tok(ctx, 'For'));
    const variable = tok(ctx, 'Identifier');
    const iterable = this.expr(nodes(ctx, 'expression')[0]);
    const body = this.suiteOf(ctx, 0);
    return { kind: 'for', variable: variable.image, variableSpan: this.span(variable), iterable, body, span: joinSpans(start, lastSpan(body, start)) };
  }
  withStmt(ctx: Ctx): Stmt {
    const start = this.span(tok(ctx, 'With'));
    const subject = this.expr(nodes(ctx, 'expression')[0]);
    const variable = tok(ctx, 'Identifier');
    const body = this.suiteOf(ctx, 0);
    return { kind: 'with', subject, variable: variable.image, variableSpan: this.span(variable), body, span: joinSpans(start, lastSpan(body, start)) };
  }
  suite(ctx: Ctx): Stmt[] {
    const simple = nodes(ctx, 'simpleStatement')[0];
    if (simple) return [this.visit(simple) as Stmt];
    return nodes(ctx, 'statement').map((n) => this.visit(n) as Stmt);
  }

  // ---- expressions ----

  expression(ctx: Ctx): Expr {
    const [first, second] = nodes(ctx, 'disjunction');
    const then = this.expr(first);
    if (!second) return then;
    const orelse = this.expr(nodes(ctx, 'expression')[0]);
    return { kind: 'conditional', test: this.expr(second), then, orelse, span: joinSpans(then.span, orelse.span) };
  }
  disjunction(ctx: Ctx): Expr { return this.fold(ctx, 'conjunction', 'Or'); }
  conjunction(ctx: Ctx): Expr { return this.fold(ctx, 'inversion', 'And'); }
  inversion(ctx: Ctx): Expr {
    const not = toks(ctx, 'Not')[0];
    if (!not) return this.expr(nodes(ctx, 'comparison')[0]);
    const operand = this.expr(nodes(ctx, 'inversion')[0]);
    return { kind: 'unary', op: 'not', operand, span: joinSpans(this.span(not), operand.span) };
  }
  comparison(ctx: Ctx): Expr {
    const second = toks(ctx, 'CompOp')[1];
    if (second) this.unsupported("chained comparisons such as 'a < b < c' are not supported; write 'a < b and b < c'", this.span(second));
    return this.fold(ctx, 'bitOr', 'CompOp');
  }
  bitOr(ctx: Ctx): Expr { return this.fold(ctx, 'bitXor', 'Pipe'); }
  bitXor(ctx: Ctx): Expr { return this.fold(ctx, 'bitAnd', 'Caret'); }
  bitAnd(ctx: Ctx): Expr { return this.fold(ctx, 'arith', 'Ampersand'); }
  arith(ctx: Ctx): Expr { return this.fold(ctx, 'term', 'AddOp'); }
  term(ctx: Ctx): Expr { return this.fold(ctx, 'factor', 'MulOp'); }
  factor(ctx: Ctx): Expr {
    const sign = toks(ctx, 'AddOp')[0];
    if (!sign) return this.expr(nodes(ctx, 'power')[0]);
    const operand = this.expr(nodes(ctx, 'factor')[0]);
    return { kind: 'unary', op: sign.image as UnaryOp, operand, span: joinSpans(this.span(sign), operand.span) };
  }
  power(ctx: Ctx): Expr {
    const base = this.expr(nodes(ctx, 'postfix')[0]);
    const exponent = nodes(ctx, 'factor')[0];
    if (!exponent) return base;
    const right = this.expr(exponent);
    return { kind: 'binary', op: '**', left: base, right, span: joinSpans(base.span, right.span) };
  }
  postfix(ctx: Ctx): Expr {
    const atom = this.expr(nodes(ctx, 'atom')[0]);
    return nodes(ctx, 'trailer').reduce((target, n) => this.measured((this.visit(n) as Trailer)(target)), atom);
  }
  trailer(ctx: Ctx): Trailer {
    const close = toks(ctx, 'RParen')[0] ?? toks(ctx, 'RBracket')[0];
    if (!close) {
      const name = tok(ctx, 'Identifier');
      return (target) => ({ kind: 'attribute', target, name: name.image, span: joinSpans(target.span, this.span(name)) });
    }
    const end = this.span(close);
    if (close.image === ']') {
      const indices = nodes(ctx, 'subscript').map((n) => this.expr(n));
      return (target) => ({ kind: 'index', target, indices, span: joinSpans(target.span, end) });
    }
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    for (const arg of nodes(ctx, 'argument').map((n) => this.visit(n) as Argument)) {
      if ('keyword' in arg) keywords.push(arg.keyword);
      else if (keywords.length > 0) {
        this.diagnostics.push(error('syntax-error', 'a positional argument cannot follow a keyword argument', arg.positional.span));
      } else args.push(arg.positional);
    }
    return (callee) => ({ kind: 'call', callee, args, keywords, span: joinSpans(callee.span, end) });
  }
  argument(ctx: Ctx): Argument {
    const value = this.expr(nodes(ctx, 'expression')[0]);
    const name = toks(ctx, 'Identifier')[0];
    if (name) return { keyword: { name: name.image, value, span: joinSpans(this.span(name), value.span) } };
    const star = toks(ctx, 'Star')[0] ?? toks(ctx, 'Power')[0];
    if (star) this.unsupported(`argument unpacking with '${star.image}' is not supported; pass the arguments explicitly`, this.span(star));
    return { positional: value };
  }
  subscript(ctx: Ctx): Expr {
    const lower = nodes(ctx, 'expression')[0];
    const restNode = nodes(ctx, 'sliceRest')[0];
    const lowerExpr = lower ? this.expr(lower) : null;
    if (!restNode) return lowerExpr!;
    const rest = this.visit(restNode) as SliceRest;
    return { kind: 'slice', lower: lowerExpr, upper: rest.upper, span: joinSpans(lowerExpr?.span ?? rest.start, rest.end) };
  }
  sliceRest(ctx: Ctx): SliceRest {
    const colons = toks(ctx, 'Colon').map((t) => this.span(t));
    const exprs = nodes(ctx, 'expression').map((n) => this.expr(n));
    const step = colons[1];
    const upper = exprs.find((e) => !step || e.span.offset < step.offset) ?? null;
    const stepValue = step ? exprs.find((e) => e.span.offset > step.offset) : undefined;
    if (stepValue) this.unsupported("slice steps 'a:b:c' are not supported", stepValue.span);
    const end = [...colons, ...exprs.map((e) => e.span)].reduce((a, b) => (b.offset > a.offset ? b : a));
    return { upper, start: colons[0]!, end };
  }
  atom(ctx: Ctx): Expr {
    const open = toks(ctx, 'LParen')[0] ?? toks(ctx, 'LBracket')[0];
    if (open) return this.bracketed(ctx, open);
    const strings = toks(ctx, 'StringLiteral');
    if (strings.length > 0) {
      const span = joinSpans(this.span(strings[0]!), this.span(strings[strings.length - 1]!));
      return { kind: 'string', value: strings.map((s) => stringValue(s.image)).join(''), span };
    }
    const t = Object.values(ctx).flat()[0] as IToken;
    const span = this.span(t);
    if (t.tokenType.name === 'Integer' || t.tokenType.name === 'Float') {
      const isFloat = t.tokenType.name === 'Float';
      const value = isFloat ? Number(t.image) : integerValue(t.image);
      if (value === null) this.diagnostics.push(error('syntax-error', `leading zeros are not allowed in '${t.image}'; write ${Number(t.image)}`, span));
      else if (!isFloat && !Number.isSafeInteger(value)) {
        this.diagnostics.push(error('overflow', `the integer ${t.image} is beyond 2^53, the largest tpt computes with exactly`, span));
      }
      return { kind: 'number', value: value ?? 0, isFloat, span };
    }
    return { kind: 'name', name: t.image, span }; // identifiers and True / False / None
  }
  compFor(ctx: Ctx): CompFor {
    const name = tok(ctx, 'Identifier');
    const iterable = this.expr(nodes(ctx, 'disjunction')[0]);
    return { variable: name.image, variableSpan: this.span(name), iterable, span: joinSpans(this.span(tok(ctx, 'For')), iterable.span) };
  }
  /** `( e )` keeps `e` but widens its span to the parentheses; `[a, b]` is a list, `[e for i in r]` a comprehension. */
  private bracketed(ctx: Ctx, open: IToken): Expr {
    const span = joinSpans(this.span(open), this.span(toks(ctx, 'RParen')[0] ?? tok(ctx, 'RBracket')));
    const inner = nodes(ctx, 'exprList')[0];
    const list = inner ? (this.visit(inner) as ExprList) : null;
    const clauses = nodes(ctx, 'compFor').map((n) => this.visit(n) as CompFor);
    if (clauses.length > 0) return { kind: 'listcomp', element: this.single(list!), clauses, span };
    if (open.image === '[') return { kind: 'list', items: list?.items ?? [], span };
    if (!list) {
      this.unsupported("tuples are not supported; '()' is an empty tuple", span);
      return { kind: 'list', items: [], span };
    }
    if (list.items.length > 1 || list.trailingComma) {
      this.unsupported('tuples are not supported; use a list [a, b] or separate statements', span);
    }
    return { ...list.items[0]!, span };
  }
}
