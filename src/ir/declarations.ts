// Module-level definitions: Hyper bindings, Param/Var/Input/Output declarations, @Runtime and @Inline functions.
import type { Expr, Stmt } from '../syntax/ast.ts';
import type { VarRole } from './ir.ts';
import type { LowerContext } from './context.ts';
import { evaluate, evaluateInt, evaluateList, isListSyntax, listPosition } from './evaluate.ts';
import { describe, type Scope, type Value } from './values.ts';
import { applySetting, declareReal, isSetting } from './real-declarations.ts';
import { isRealExpr, lowerReal } from './real-lower.ts';

const ROLES: Record<string, VarRole> = { Param: 'param', Var: 'var', Input: 'input', Output: 'output' };

/**
 * Evaluates the right-hand side of `name = value` at module or function level: a Hyper, a declaration,
 * a constant, an alias of a variable or array, or a list of any of these. `path` is the position of
 * `value` inside the list bound to `name` (`xs[2]` has path [2]); a declaration there is named `xs[2]`.
 */
export function evaluateDefinition(ctx: LowerContext, name: string, value: Expr, scope: Scope, path: readonly number[] = []): Value {
  // A list with a real item (`[s, 0.5, x[1]]`) is a real vector, not a compile-time list.
  if (isListSyntax(value) && !isRealExpr(value, scope)) return evaluateList(ctx, value, scope, (e, s, p) => evaluateDefinition(ctx, name, e, s, p), path);
  const call = value.kind === 'call' ? value : null;
  const calleeName = call?.callee.kind === 'name' ? call.callee.name : null;
  if (call && calleeName === 'Hyper' && scope.lookup('Hyper')?.kind === 'builtin') {
    if (path.length > 0) ctx.fail('unsupported', 'a Hyper is bound to a name of its own, not to a list element', call.span);
    if (call.args.length > 0) ctx.fail('arity', 'Hyper() takes no arguments: its value comes from a hypers file or --set', call.span);
    ctx.hyperNames.push(name);
    const bound = ctx.hypers[name];
    if (bound === undefined) {
      ctx.fail('unbound-hyper', `Hyper '${name}' has no value: give it in a hypers file, a data batch's hypers, or --set ${name}=VALUE`, value.span);
    }
    return { kind: 'int', value: bound };
  }
  const declaration = declarationParts(value);
  if (declaration && ROLES[declaration.kind] && scope.lookup(declaration.kind)?.kind === 'builtin') {
    return declare(ctx, name, path, declaration, scope);
  }
  if (isSetting(value, scope)) return applySetting(ctx, value, scope);
  if (isRealExpr(value, scope)) return { kind: 'real', expr: lowerReal(ctx, value, scope) };
  return evaluate(ctx, value, scope);
}

interface DeclarationParts {
  kind: string;
  call: Expr & { kind: 'call' };
  dims: readonly Expr[];
}

/** Recognises `Var(D)` and `Var(D)[d1, d2]`. */
function declarationParts(value: Expr): DeclarationParts | null {
  const call = value.kind === 'index' ? value.target : value;
  const dims = value.kind === 'index' ? value.indices : [];
  if (call.kind !== 'call' || call.callee.kind !== 'name') return null;
  return { kind: call.callee.name, call, dims };
}

function declare(ctx: LowerContext, listName: string, path: readonly number[], d: DeclarationParts, scope: Scope): Value {
  const role = ROLES[d.kind]!;
  const name = listName + path.map((i) => `[${i}]`).join('');
  const first = d.call.args[0];
  if (first?.kind === 'name' && first.name === 'Real' && scope.lookup('Real')?.kind === 'builtin') {
    if (path.length > 0) ctx.fail('unsupported', 'lists of real-valued declarations are not supported; declare one array', d.call.span);
    return declareReal(ctx, name, role, d.call, d.dims, scope);
  }
  if (d.call.keywords.length > 0) ctx.fail('unsupported', `${d.kind}(D) takes no keyword arguments`, d.call.keywords[0]!.span);
  if (d.call.args.length !== 1) {
    ctx.fail('arity', `${d.kind}(D) takes exactly one argument, the domain size`, d.call.span);
  }
  const domainExpr = d.call.args[0]!;
  const domain = evaluateInt(ctx, domainExpr, scope, 'a domain size');
  if (domain < 1) ctx.fail('domain-size', `a domain needs at least one value, got ${domain}`, domainExpr.span);
  const dims = d.dims.map((e) => {
    if (e.kind === 'slice') ctx.fail('unsupported', 'a dimension must be a size, not a slice', e.span);
    const n = evaluateInt(ctx, e, scope, 'an array dimension');
    // A dimension of 0 is an empty array (TerpreT's generators default some lengths to 0).
    if (n < 0) ctx.fail('domain-size', `an array dimension must not be negative, got ${n}`, e.span);
    return n;
  });
  const list = path.length > 0 ? { name: listName, index: path } : undefined;
  const group = ctx.declareGroup(name, role, domain, dims, d.call.span, list);
  return dims.length === 0 ? { kind: 'var', id: ctx.groups[group]!.vars[0]! } : { kind: 'group', group, prefix: [] };
}

/**
 * `xs[i] = value` (TerpreT's NFP models fill `[None] * n` this way): replaces element i of the list
 * `xs` holds; a declaration there is named `xs[i]` (`xs[i][j]` for a list of lists).
 */
export function assignElement(ctx: LowerContext, stmt: Stmt & { kind: 'setitem' }, scope: Scope): void {
  const { list, name, path } = elementPlace(ctx, stmt.target, scope);
  const i = listPosition(ctx, list.items.length, evaluateInt(ctx, stmt.index, scope, 'an index'), stmt.index);
  try {
    list.items[i] = evaluateDefinition(ctx, name, stmt.value, scope, [...path, i]);
  } catch (e) {
    list.items[i] = { kind: 'poisoned' }; // later uses of this element abort quietly
    throw e;
  }
}

/** The list `target` denotes, with the name and path a declaration in one of its elements gets. */
function elementPlace(ctx: LowerContext, target: Expr, scope: Scope): { list: Value & { kind: 'list' }; name: string; path: number[] } {
  const list = evaluate(ctx, target, scope);
  if (list.kind !== 'list') ctx.fail('type-error', `only an element of a list can be assigned with '='; this is ${describe(list)} (use .set_to to assign a variable)`, target.span);
  if (target.kind === 'index' && target.indices.length === 1) {
    const outer = elementPlace(ctx, target.target, scope);
    const i = listPosition(ctx, outer.list.items.length, evaluateInt(ctx, target.indices[0]!, scope, 'an index'), target.indices[0]!);
    return { list, name: outer.name, path: [...outer.path, i] };
  }
  return { list, name: target.kind === 'name' ? target.name : 'list', path: [] };
}

/** Binds a `def` decorated with @Runtime([doms], dout) or @Inline. */
export function defineFunction(ctx: LowerContext, stmt: Stmt & { kind: 'def' }, scope: Scope): Value {
  if (stmt.decorators.length !== 1) {
    ctx.fail('unsupported', `a function needs exactly one decorator, @Runtime([domains], result) or @Inline`, stmt.nameSpan);
  }
  const dec = stmt.decorators[0]!;
  const decName = dec.kind === 'name' ? dec.name : dec.kind === 'call' && dec.callee.kind === 'name' ? dec.callee.name : null;
  const params = stmt.params.map((p) => p.name);
  if (decName === 'Inline') {
    if (dec.kind === 'call' && dec.args.length > 0) ctx.fail('arity', '@Inline takes no arguments', dec.span);
    return { kind: 'inline', fn: { name: stmt.name, params, body: stmt.body, span: stmt.nameSpan, scope } };
  }
  if (decName !== 'Runtime' || dec.kind !== 'call') {
    return ctx.fail('unsupported', 'functions must be decorated with @Runtime([domains], result) or @Inline', dec.span);
  }
  if (dec.args.length !== 2 || dec.args[0]!.kind !== 'list') {
    ctx.fail('arity', '@Runtime takes a list of argument domains and a result domain: @Runtime([2, 2], 2)', dec.span);
  }
  const list = dec.args[0] as Expr & { kind: 'list' };
  const argDomains = list.items.map((e) => evaluateInt(ctx, e, scope, 'a domain size'));
  const outDomain = evaluateInt(ctx, dec.args[1]!, scope, 'a domain size');
  for (const [i, dom] of [...argDomains, outDomain].entries()) {
    if (dom < 1) ctx.fail('domain-size', `a domain needs at least one value, got ${dom}`, i < argDomains.length ? list.items[i]!.span : dec.args[1]!.span);
  }
  if (argDomains.length !== params.length) {
    ctx.fail('arity', `@Runtime lists ${argDomains.length} argument domain(s) but ${stmt.name} takes ${params.length} parameter(s)`, dec.span);
  }
  return { kind: 'runtime', fn: { name: stmt.name, params, argDomains, outDomain, body: stmt.body, span: stmt.nameSpan, scope } };
}
