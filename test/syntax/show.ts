// Test helper: a compact s-expression printer for AST nodes, so tests can assert tree shapes in one line.
import type { Expr, Stmt } from '../../src/syntax/ast.ts';
import { parseModule } from '../../src/syntax/parse.ts';

export function showExpr(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return e.isFloat && Number.isInteger(e.value) ? `${e.value}.0` : String(e.value);
    case 'string':
      return JSON.stringify(e.value);
    case 'name':
      return e.name;
    case 'index':
      return `(index ${showExpr(e.target)} ${e.indices.map(showExpr).join(' ')})`;
    case 'slice':
      return `(slice ${e.lower ? showExpr(e.lower) : '_'} ${e.upper ? showExpr(e.upper) : '_'})`;
    case 'attribute':
      return `(. ${showExpr(e.target)} ${e.name})`;
    case 'call': {
      const parts = [showExpr(e.callee), ...e.args.map(showExpr), ...e.keywords.map((k) => `${k.name}=${showExpr(k.value)}`)];
      return `(call ${parts.join(' ')})`;
    }
    case 'binary':
      return `(${e.op} ${showExpr(e.left)} ${showExpr(e.right)})`;
    case 'unary':
      return `(${e.op} ${showExpr(e.operand)})`;
    case 'conditional':
      return `(ifexp ${showExpr(e.test)} ${showExpr(e.then)} ${showExpr(e.orelse)})`;
    case 'list':
      return `[${e.items.map(showExpr).join(' ')}]`;
    case 'listcomp':
      return `[${showExpr(e.element)} ${e.clauses.map((c) => `for ${c.variable} in ${showExpr(c.iterable)}`).join(' ')}]`;
  }
}

function block(body: readonly Stmt[]): string {
  return `{${body.map(showStmt).join('; ')}}`;
}

export function showStmt(s: Stmt): string {
  switch (s.kind) {
    case 'import':
      return 'import';
    case 'assign':
      return `${s.target} = ${showExpr(s.value)}`;
    case 'setitem':
      return `${showExpr(s.target)}[${showExpr(s.index)}] = ${showExpr(s.value)}`;
    case 'expr':
      return showExpr(s.expr);
    case 'if': {
      const branches = s.branches.map((b, i) => `${i === 0 ? 'if' : 'elif'} ${showExpr(b.test)} ${block(b.body)}`);
      return [...branches, ...(s.orelse ? [`else ${block(s.orelse)}`] : [])].join(' ');
    }
    case 'for':
      return `for ${s.variable} in ${showExpr(s.iterable)} ${block(s.body)}`;
    case 'with':
      return `with ${showExpr(s.subject)} as ${s.variable} ${block(s.body)}`;
    case 'def': {
      const decorators = s.decorators.map((d) => `@${showExpr(d)} `).join('');
      return `${decorators}def ${s.name}(${s.params.map((p) => p.name).join(', ')}) ${block(s.body)}`;
    }
    case 'return':
      return s.value ? `return ${showExpr(s.value)}` : 'return';
    case 'pass':
      return 'pass';
  }
}

/** Parses text that must be valid and returns its statements; fails the test with the diagnostics otherwise. */
export function parseOk(source: string): readonly Stmt[] {
  const result = parseModule(source, 'test.tpt');
  if (!result.module) throw new Error(`expected a module, got:\n${result.diagnostics.map((d) => `${d.code} ${d.span?.line}:${d.span?.column} ${d.message}`).join('\n')}`);
  return result.module.body;
}

/** The shape of every statement of a valid program, one string per statement. */
export function shapes(source: string): string[] {
  return parseOk(source).map(showStmt);
}

/** The shape of one expression, parsed as the statement `e`. */
export function exprShape(source: string): string {
  const [stmt] = parseOk(`${source}\n`);
  if (stmt?.kind !== 'expr') throw new Error(`not an expression statement: ${source}`);
  return showExpr(stmt.expr);
}
