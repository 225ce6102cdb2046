// Static checks on the AST before any hyper is bound: every name resolves, and statements sit where they may.
import type { Expr, Module, Stmt } from '../syntax/ast.ts';
import { BUILTINS } from './builtins.ts';
import { error, type Diagnostic } from '../util/diagnostics.ts';

/** Names usable without a definition (TerpreT's `dummy` module and Python built-ins we support). */
const PREDEFINED = new Set<string>([...BUILTINS, 'Real']);

/** Reports unknown names and misplaced statements anywhere in the module, including code lowering never reaches. */
export function checkModule(module: Module): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const globals = new Set<string>([...PREDEFINED, ...boundNames(module.body)]);
  checkBody(module.body, globals, 'module', diagnostics);
  return diagnostics;
}

type Context = 'module' | 'inline' | 'runtime';

/** Names a body binds anywhere within it (Python scoping: loop and with variables leak). */
function boundNames(body: readonly Stmt[]): Set<string> {
  const names = new Set<string>();
  const visit = (stmts: readonly Stmt[]): void => {
    for (const s of stmts) {
      if (s.kind === 'assign') names.add(s.target);
      else if (s.kind === 'def') names.add(s.name);
      else if (s.kind === 'for' || s.kind === 'with') {
        names.add(s.variable);
        visit(s.body);
      } else if (s.kind === 'if') {
        s.branches.forEach((b) => visit(b.body));
        if (s.orelse) visit(s.orelse);
      }
    }
  };
  visit(body);
  return names;
}

function checkBody(body: readonly Stmt[], names: ReadonlySet<string>, where: Context, out: Diagnostic[]): void {
  for (const s of body) {
    switch (s.kind) {
      case 'import':
        if (where !== 'module') out.push(error('unsupported', 'imports belong at the top of the file', s.span));
        break;
      case 'pass':
        break;
      case 'assign':
        checkExpr(s.value, names, out);
        break;
      case 'setitem':
        checkExpr(s.target, names, out);
        checkExpr(s.index, names, out);
        checkExpr(s.value, names, out);
        break;
      case 'expr':
        checkExpr(s.expr, names, out);
        break;
      case 'return':
        if (where !== 'runtime') out.push(error('unsupported', 'return is only allowed in a @Runtime function', s.span));
        if (s.value) checkExpr(s.value, names, out);
        break;
      case 'if':
        for (const b of s.branches) {
          checkExpr(b.test, names, out);
          checkBody(b.body, names, where, out);
        }
        if (s.orelse) checkBody(s.orelse, names, where, out);
        break;
      case 'for':
      case 'with':
        if (where === 'runtime') out.push(error('unsupported', `a @Runtime function body holds only returns and if/elif/else`, s.span));
        checkExpr(s.kind === 'for' ? s.iterable : s.subject, names, out);
        checkBody(s.body, names, where, out);
        break;
      case 'def': {
        if (where !== 'module') out.push(error('unsupported', 'functions are defined at the top level only', s.nameSpan));
        for (const d of s.decorators) checkExpr(d, names, out);
        const isRuntime = s.decorators.some((d) => (d.kind === 'call' ? d.callee : d).kind === 'name' && ((d.kind === 'call' ? d.callee : d) as { name: string }).name === 'Runtime');
        const local = new Set<string>([...names, ...s.params.map((p) => p.name), ...boundNames(s.body)]);
        checkBody(s.body, local, isRuntime ? 'runtime' : 'inline', out);
        break;
      }
      default: {
        const never: never = s;
        throw new Error(`unknown statement ${(never as Stmt).kind}`);
      }
    }
  }
}

function checkExpr(e: Expr, names: ReadonlySet<string>, out: Diagnostic[]): void {
  switch (e.kind) {
    case 'number':
    case 'string':
      return;
    case 'name':
      if (!names.has(e.name)) out.push(error('unknown-name', `unknown name '${e.name}'`, e.span));
      return;
    case 'index':
      checkExpr(e.target, names, out);
      e.indices.forEach((i) => checkExpr(i, names, out));
      return;
    case 'slice':
      if (e.lower) checkExpr(e.lower, names, out);
      if (e.upper) checkExpr(e.upper, names, out);
      return;
    case 'attribute':
      checkExpr(e.target, names, out);
      return;
    case 'call':
      checkExpr(e.callee, names, out);
      e.args.forEach((a) => checkExpr(a, names, out));
      e.keywords.forEach((k) => checkExpr(k.value, names, out));
      return;
    case 'binary':
      checkExpr(e.left, names, out);
      checkExpr(e.right, names, out);
      return;
    case 'unary':
      checkExpr(e.operand, names, out);
      return;
    case 'conditional':
      checkExpr(e.test, names, out);
      checkExpr(e.then, names, out);
      checkExpr(e.orelse, names, out);
      return;
    case 'list':
      e.items.forEach((i) => checkExpr(i, names, out));
      return;
    case 'listcomp': {
      // Each clause's variable is visible in later clauses and in the element (Python 3 scoping).
      const local = new Set(names);
      for (const c of e.clauses) {
        checkExpr(c.iterable, local, out);
        local.add(c.variable);
      }
      checkExpr(e.element, local, out);
      return;
    }
    default: {
      const never: never = e;
      throw new Error(`unknown expression ${(never as Expr).kind}`);
    }
  }
}
