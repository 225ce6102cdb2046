// Lowering: binds hypers, unrolls loops, expands @Inline macros, folds constant conditions and turns
// `if x == k` / `with x as v` into case nodes over scalar variables. Reports binding-time diagnostics.
import type { Expr, IfBranch, Module, Stmt as AstStmt } from '../syntax/ast.ts';
import type { CaseBranch, Program, Source, Stmt } from './ir.ts';
import type { RealProgram, RealStmt } from './real.ts';
import { applySetting, isSetting } from './real-declarations.ts';
import { lowerBridge, lowerRealSet } from './real-statements.ts';
import { LowerContext } from './context.ts';
import { evaluate, evaluateInt, evaluateVar, loopValues } from './evaluate.ts';
import { assignElement, defineFunction, evaluateDefinition } from './declarations.ts';
import { applyFixedParams, fixParam } from './fixed-params.ts';
import type { Binding } from './diagnostic-log.ts';
import { markTargetsFailed } from './follow-on.ts';
import { applyRuntime, type RuntimeArg } from './tabulate.ts';
import { Scope, describe, type InlineFunction } from './values.ts';
import { BUILTINS } from '../check/builtins.ts';
import { DiagnosticError, type Diagnostic, type Span } from '../util/diagnostics.ts';
import { DEFAULT_LIMITS, type Limits } from '../util/limits.ts';

/** What `lowerModule` returns: the program (null on an error) and the Hypers it declares. */
export interface LowerResult {
  readonly program: Program | null;
  readonly diagnostics: Diagnostic[];
  /** Every `name = Hyper()` in the program, in order, whether bound or not. */
  readonly hyperNames: readonly string[];
}

/** Lowers a parsed module with the given hyper values. Never throws for bad input. */
export function lowerModule(module: Module, hypers: Readonly<Record<string, number>>, limits: Limits = DEFAULT_LIMITS): LowerResult {
  const ctx = new LowerContext(module.file, hypers, limits);
  const scope = new Scope(null);
  for (const name of BUILTINS) scope.bind(name, { kind: 'builtin', name });
  const lowerer = new Lowerer(ctx);
  const body: Stmt[] = [];
  lowerer.statements(module.body, scope, body);
  if (ctx.limitReached) return { program: null, diagnostics: ctx.diagnostics.list(), hyperNames: ctx.hyperNames };
  for (const t of ctx.real.unsetOutputs()) ctx.report('read-before-write', `Output ${t.name} is not set on every path through the program`, t.span);
  if (ctx.diagnostics.length > 0) return { program: null, diagnostics: ctx.diagnostics.list(), hyperNames: ctx.hyperNames };
  for (const group of ctx.groups) {
    if (group.role !== 'output') continue;
    for (const id of group.vars) {
      if (!ctx.state.definite[id]) {
        ctx.report('read-before-write', `Output ${ctx.vars[id]!.name} is not set on every path through the program`, group.span);
        break;
      }
    }
  }
  // An Input the program sets itself (set_to_constant) is an ordinary variable: data does not clamp it.
  const inputsSet = ctx.vars.map((v) => (v.role === 'input' && ctx.inputWritten.has(v.id) ? { ...v, role: 'var' as const } : v));
  const fixed = applyFixedParams(ctx, inputsSet, body);
  const program: Program = {
    file: module.file,
    hypers: { ...hypers },
    vars: fixed.vars,
    groups: ctx.groups,
    tables: ctx.tables,
    body: fixed.body,
    observations: ctx.observations,
    fixed: fixed.fixed,
    ...(ctx.real.tensors.length > 0 || ctx.real.bridges.length > 0 ? { real: realProgram(ctx, lowerer.realBody) } : {}),
  };
  return { program: ctx.diagnostics.length > 0 ? null : program, diagnostics: ctx.diagnostics.list(), hyperNames: ctx.hyperNames };
}

function realProgram(ctx: LowerContext, body: readonly RealStmt[]): RealProgram {
  const r = ctx.real;
  return { tensors: r.tensors, paramSize: r.paramSize, body, bridges: r.bridges, settings: { ...r.settings } };
}

class Lowerer {
  /** Where real statements go: the program's real body, or the branch being lowered. */
  realOut: RealStmt[] = [];
  readonly realBody = this.realOut;
  /** Subjects of the case splits enclosing the statement being lowered, innermost last. */
  private readonly subjects: number[] = [];

  constructor(private readonly ctx: LowerContext) {}

  statements(stmts: readonly AstStmt[], scope: Scope, out: Stmt[]): void {
    const log = this.ctx.diagnostics;
    for (const stmt of stmts) {
      // A limit ends lowering: everything after it would only repeat the same error.
      if (this.ctx.limitReached) return;
      const outer = log.enter(stmt);
      try {
        this.ctx.spend(1, stmt.span);
        this.statement(stmt, scope, out);
      } catch (e) {
        if (!(e instanceof DiagnosticError)) throw e;
        if (e.diagnostic) log.push(e.diagnostic);
        // A failed definition poisons its name so later uses do not cascade into more errors.
        if (stmt.kind === 'assign' && !scope.lookup(stmt.target)) scope.bind(stmt.target, { kind: 'poisoned' });
        if (stmt.kind === 'def') scope.bind(stmt.name, { kind: 'poisoned' });
        if (stmt.kind === 'if' || stmt.kind === 'with' || stmt.kind === 'for') markTargetsFailed(this.ctx, stmt, scope);
        // Past 200 locations with errors the rest is noise: stop lowering.
        if (log.length >= 200) this.ctx.limitReached = true;
      } finally {
        log.leave(outer);
      }
    }
  }

  private statement(stmt: AstStmt, scope: Scope, out: Stmt[]): void {
    const ctx: LowerContext = this.ctx;
    switch (stmt.kind) {
      case 'import':
      case 'pass':
        return;
      case 'assign':
        scope.bind(stmt.target, evaluateDefinition(ctx, stmt.target, stmt.value, scope));
        return;
      case 'setitem':
        assignElement(ctx, stmt, scope);
        return;
      case 'def':
        scope.bind(stmt.name, defineFunction(ctx, stmt, scope));
        return;
      case 'expr':
        this.call(stmt.expr, scope, out);
        return;
      case 'if':
        this.ifChain(stmt.branches, stmt.orelse, scope, out);
        return;
      case 'for':
        this.forLoop(stmt, scope, out);
        return;
      case 'with':
        this.withCase(stmt, scope, out);
        return;
      case 'return':
        ctx.fail('unsupported', 'return is only allowed in a @Runtime function', stmt.span);
        return;
      default: {
        const never: never = stmt;
        throw new Error(`unknown statement ${(never as AstStmt).kind}`);
      }
    }
  }

  private call(expr: Expr, scope: Scope, out: Stmt[]): void {
    const ctx: LowerContext = this.ctx;
    if (expr.kind !== 'call') {
      ctx.fail('unsupported', 'a statement must be a call such as x.set_to(e); this expression has no effect', expr.span);
    }
    if (isSetting(expr, scope)) {
      applySetting(ctx, expr, scope);
      return;
    }
    if (expr.keywords.length > 0) ctx.fail('unsupported', 'keyword arguments are not supported here', expr.keywords[0]!.span);
    if (expr.callee.kind === 'attribute') {
      this.method(expr.callee.target, expr.callee.name, expr.callee.span, expr.args, expr.span, scope, out);
      return;
    }
    const callee = evaluate(ctx, expr.callee, scope);
    if (callee.kind !== 'inline') {
      ctx.fail('unsupported', `only @Inline functions can be called as statements; this is ${describe(callee)}`, expr.callee.span);
    }
    this.expandInline(callee.fn, expr.args, expr.span, scope, out);
  }

  private method(targetExpr: Expr, name: string, nameSpan: Span, args: readonly Expr[], span: Span, scope: Scope, out: Stmt[]): void {
    const ctx: LowerContext = this.ctx;
    if (name !== 'set_to' && name !== 'set_to_constant' && name !== 'observe_value') {
      ctx.fail('unsupported', `unknown method '${name}': use set_to, set_to_constant or observe_value`, nameSpan);
    }
    if (args.length !== 1) ctx.fail('arity', `${name} takes exactly one argument (${args.length} given)`, span);
    if (lowerBridge(ctx, targetExpr, name, args[0]!, span, scope)) return;
    const real = lowerRealSet(ctx, targetExpr, name, args[0]!, span, scope, this.subjects);
    if (real) {
      this.realOut.push(real);
      return;
    }
    const target = evaluateVar(ctx, targetExpr, scope);
    const v = ctx.vars[target]!;
    const arg = args[0]!;
    if (v.role === 'param' && name !== 'set_to') return fixParam(ctx, target, arg, span, scope, name);
    if (name === 'observe_value') {
      if (ctx.caseDepth > 0) ctx.fail('unsupported', 'observe_value must not depend on a case split: move it out of the if/with', span);
      const value = evaluateInt(ctx, arg, scope, 'an observed value');
      if (value < 0 || value >= v.domain) {
        ctx.fail('domain-mismatch', `observed value ${value} is outside the domain 0..${v.domain - 1} of ${v.name}`, arg.span);
      }
      if (!ctx.real.bridged.has(target)) ctx.noteRead(target, targetExpr.span);
      ctx.observations.push({ variable: target, value, span });
      return;
    }
    let source: Source;
    try {
      source = name === 'set_to_constant' ? this.constant(arg, scope, v.domain, v.name) : this.source(arg, scope, v.domain, v.name);
      ctx.noteWrite(target, targetExpr.span);
    } catch (e) {
      // Later reads and writes of the target would only repeat this failure.
      ctx.failed.add(target);
      throw e;
    }
    out.push({ kind: 'assign', target, source, span });
  }

  private constant(arg: Expr, scope: Scope, domain: number, targetName: string): Source {
    const value = evaluateInt(this.ctx, arg, scope, 'the value');
    if (value < 0 || value >= domain) {
      this.ctx.fail('domain-mismatch', `${value} is outside the domain 0..${domain - 1} of ${targetName}`, arg.span);
    }
    return { kind: 'const', value };
  }

  /** The right-hand side of `x.set_to(e)`: a constant, a variable, or one @Runtime call. */
  private source(arg: Expr, scope: Scope, domain: number, targetName: string): Source {
    const ctx: LowerContext = this.ctx;
    if (arg.kind === 'call') {
      const callee = evaluate(ctx, arg.callee, scope);
      if (callee.kind === 'runtime') {
        if (arg.keywords.length > 0) ctx.fail('unsupported', 'keyword arguments are not supported here', arg.keywords[0]!.span);
        const fn = callee.fn;
        // Widening is fine (every result fits); a wider result may not fit.
        if (fn.outDomain > domain) {
          ctx.fail('domain-mismatch', `${fn.name} returns values in 0..${fn.outDomain - 1}, which may not fit in ${targetName} (domain 0..${domain - 1})`, arg.span);
        }
        const runtimeArgs = arg.args.map((a) => this.runtimeArg(a, scope));
        const source = applyRuntime(ctx, fn, runtimeArgs, arg.span);
        for (const a of runtimeArgs) if (a.kind === 'var') ctx.noteRead(a.id, a.span);
        return source;
      }
    }
    const value = evaluate(ctx, arg, scope);
    if (value.kind === 'int') return this.constant(arg, scope, domain, targetName);
    if (value.kind === 'var') {
      const from = ctx.vars[value.id]!;
      if (from.domain > domain) {
        ctx.fail('domain-mismatch', `${from.name} has values in 0..${from.domain - 1}, which may not fit in ${targetName} (domain 0..${domain - 1})`, arg.span);
      }
      ctx.noteRead(value.id, arg.span);
      return { kind: 'copy', from: value.id };
    }
    return ctx.fail('type-error', `set_to takes a constant, a variable or a @Runtime call, not ${describe(value)}`, arg.span);
  }

  private runtimeArg(a: Expr, scope: Scope): RuntimeArg {
    const value = evaluate(this.ctx, a, scope);
    if (value.kind === 'int') return { kind: 'int', value: value.value, span: a.span };
    if (value.kind === 'var') return { kind: 'var', id: value.id, domain: this.ctx.vars[value.id]!.domain, span: a.span };
    if (value.kind === 'group') return this.ctx.fail('arity', 'an argument must be one variable, not a whole array', a.span);
    return this.ctx.fail('unsupported', `a @Runtime argument must be a variable or a constant (nested calls are not supported), not ${describe(value)}`, a.span);
  }

  private expandInline(fn: InlineFunction, args: readonly Expr[], span: Span, scope: Scope, out: Stmt[]): void {
    const ctx: LowerContext = this.ctx;
    if (args.length !== fn.params.length) ctx.fail('arity', `${fn.name} takes ${fn.params.length} argument(s), ${args.length} given`, span);
    if (ctx.inlineDepth > 64) ctx.fail('unsupported', `@Inline ${fn.name} expands recursively`, span);
    const inner = new Scope(fn.scope);
    fn.params.forEach((p, i) => inner.bind(p, evaluate(ctx, args[i]!, scope)));
    ctx.inlineDepth++;
    try {
      for (const s of fn.body) {
        if (s.kind === 'return') ctx.fail('unsupported', 'an @Inline function cannot return a value; set a variable passed in instead', s.span);
      }
      this.statements(fn.body, inner, out);
    } finally {
      ctx.inlineDepth--;
    }
  }

  private forLoop(stmt: AstStmt & { kind: 'for' }, scope: Scope, out: Stmt[]): void {
    const bindings = this.ctx.diagnostics.bindings;
    const binding: Binding = { name: stmt.variable, value: 0 };
    let index = 0;
    bindings.push(binding);
    try {
      for (const value of loopValues(this.ctx, stmt.iterable, scope)) {
        if (this.ctx.limitReached) break;
        binding.value = value.kind === 'int' ? value.value : `element ${index}`;
        index++;
        scope.bind(stmt.variable, value);
        this.statements(stmt.body, scope, out);
      }
    } finally {
      bindings.pop();
    }
  }

  private withCase(stmt: AstStmt & { kind: 'with' }, scope: Scope, out: Stmt[]): void {
    const ctx: LowerContext = this.ctx;
    const subject = evaluateVar(ctx, stmt.subject, scope);
    ctx.noteRead(subject, stmt.subject.span);
    const domain = ctx.vars[subject]!.domain;
    const values = Array.from({ length: domain }, (_, k) => [k]);
    const bindings = ctx.diagnostics.bindings;
    bindings.push({ name: stmt.variable, value: 0 });
    try {
      this.emitCase(subject, values, stmt.span, out, (k, body) => {
        bindings[bindings.length - 1]!.value = k;
        scope.bind(stmt.variable, { kind: 'int', value: k });
        this.statements(stmt.body, scope, body);
      });
    } finally {
      bindings.pop();
    }
  }

  /**
   * Emits a case node whose branch b covers `values[b]`; `lower` fills each branch body. Real statements
   * of the branches form a parallel real case node (the discrete one is left out when it is empty).
   */
  private emitCase(subject: number, values: number[][], span: Span, out: Stmt[], lower: (branch: number, body: Stmt[]) => void): void {
    const ctx = this.ctx;
    ctx.spend(ctx.caseCost(ctx.vars[subject]!.domain, values.length), span);
    const outerReal = this.realOut;
    const realBodies: RealStmt[][] = [];
    ctx.caseDepth++;
    this.subjects.push(subject);
    try {
      const branches = ctx.branches<CaseBranch>(values.length, (b) => {
        const body: Stmt[] = [];
        this.realOut = [];
        realBodies.push(this.realOut);
        lower(b, body);
        return { values: values[b]!, body };
      });
      const hasReal = realBodies.some((r) => r.length > 0);
      if (!hasReal || branches.some((b) => b.body.length > 0)) out.push({ kind: 'case', subject, branches, span });
      if (hasReal) outerReal.push({ kind: 'case', subject, branches: realBodies.map((body, b) => ({ values: values[b]!, body })), span });
    } finally {
      this.realOut = outerReal;
      this.subjects.pop();
      ctx.caseDepth--;
    }
  }

  /** `if/elif/else`: constant tests fold away; tests of one variable against constants become one case node. */
  private ifChain(branches: readonly IfBranch[], orelse: readonly AstStmt[] | null, scope: Scope, out: Stmt[]): void {
    if (branches.length === 0) {
      if (orelse) this.statements(orelse, scope, out);
      return;
    }
    const first = this.classify(branches[0]!.test, scope);
    if (first.kind === 'const') {
      if (first.value) this.statements(branches[0]!.body, scope, out);
      else this.ifChain(branches.slice(1), orelse, scope, out);
      return;
    }
    // Gather the run of branches testing the same variable; the rest of the chain goes under the leftover values.
    const subject = first.id;
    const domain = this.ctx.vars[subject]!.domain;
    const covered = new Set<number>();
    const arms: { values: number[]; body: readonly AstStmt[] }[] = [];
    let next = 0;
    while (next < branches.length) {
      const test = next === 0 ? first : this.classify(branches[next]!.test, scope);
      if (test.kind !== 'var' || test.id !== subject) break;
      const values = test.values.filter((k) => !covered.has(k));
      values.forEach((k) => covered.add(k));
      if (values.length > 0) arms.push({ values, body: branches[next]!.body });
      next++;
    }
    const rest = Array.from({ length: domain }, (_, k) => k).filter((k) => !covered.has(k));
    const restBranches = branches.slice(next);
    this.ctx.noteRead(subject, branches[0]!.test.span);
    const all = rest.length > 0 ? [...arms, { values: rest, body: null }] : arms;
    this.emitCase(subject, all.map((a) => a.values), branches[0]!.span, out, (b, body) => {
      const arm = all[b]!;
      if (arm.body) this.statements(arm.body, scope, body);
      else this.ifChain(restBranches, orelse, scope, body);
    });
  }

  /** A condition is either constant after folding or `variable OP constant` (either side). */
  private classify(test: Expr, scope: Scope): { kind: 'const'; value: number } | { kind: 'var'; id: number; values: number[] } {
    const ctx: LowerContext = this.ctx;
    const compare = ['==', '!=', '<', '<=', '>', '>='];
    if (test.kind === 'binary' && compare.includes(test.op)) {
      const left = evaluate(ctx, test.left, scope);
      const right = evaluate(ctx, test.right, scope);
      const flip: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==', '!=': '!=' };
      let id: number | null = null;
      let k = 0;
      let op = test.op;
      if (left.kind === 'var' && right.kind === 'int') [id, k] = [left.id, right.value];
      else if (left.kind === 'int' && right.kind === 'var') [id, k, op] = [right.id, left.value, flip[test.op]! as typeof op];
      else if (left.kind === 'var' && right.kind === 'var') {
        ctx.fail('unsupported', 'a condition compares one variable with a constant; compare two variables with a @Runtime function', test.span);
      }
      if (id !== null) {
        const domain = ctx.vars[id]!.domain;
        ctx.spend(ctx.caseCost(domain, 0), test.span);
        const holds = (v: number): boolean =>
          op === '==' ? v === k : op === '!=' ? v !== k : op === '<' ? v < k : op === '<=' ? v <= k : op === '>' ? v > k : v >= k;
        return { kind: 'var', id, values: Array.from({ length: domain }, (_, v) => v).filter(holds) };
      }
    }
    const value = evaluate(ctx, test, scope);
    if (value.kind === 'int') return { kind: 'const', value: value.value };
    return ctx.fail('unsupported', 'a condition must be constant after unrolling or compare one variable with a constant (x == 1)', test.span);
  }
}
