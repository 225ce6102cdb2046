// Real declarations (`W = Param(Real, init='xavier')[3, 2]`) and the module-level training settings
// (`loss = SquaredError(half=True)`, `L2(0.01)`, `target = Accuracy(1.0)`, `Training(lr=0.5)`).
import type { Expr } from '../syntax/ast.ts';
import type { VarRole } from './ir.ts';
import type { LowerContext } from './context.ts';
import { evaluate, evaluateInt } from './evaluate.ts';
import { constant } from './real-lower.ts';
import type { RealInit, TrainingSetting } from './real.ts';
import { describe, type Scope, type Value } from './values.ts';

/** Built-in names that state a setting when called. */
export const SETTINGS = ['SquaredError', 'CrossEntropy', 'L2', 'Accuracy', 'Loss', 'Training'] as const;

const INITS = ['zeros', 'uniform', 'normal', 'xavier'];

/** `Param(Real, ...)[dims]` and friends: a real tensor of the given shape. */
export function declareReal(ctx: LowerContext, name: string, role: VarRole, call: Expr & { kind: 'call' }, dims: readonly Expr[], scope: Scope): Value {
  const kind = (call.callee as { name: string }).name;
  const shape = dims.map((e) => {
    if (e.kind === 'slice') ctx.fail('unsupported', 'a dimension must be a size, not a slice', e.span);
    const n = evaluateInt(ctx, e, scope, 'an array dimension');
    if (n < 1) ctx.fail('domain-size', `an array dimension must be at least 1, got ${n}`, e.span);
    return n;
  });
  if (call.args.length !== 1) ctx.fail('arity', `${kind}(Real) takes no other positional argument`, call.span);
  const options = new Map(call.keywords.map((k) => [k.name, k]));
  for (const k of call.keywords) {
    if (role !== 'param' || (k.name !== 'init' && k.name !== 'scale')) {
      ctx.fail('unsupported', `${kind}(Real) has no option '${k.name}'${role === 'param' ? " (use init='zeros'|'uniform'|'normal'|'xavier', scale=S)" : ''}`, k.span);
    }
  }
  let init: RealInit = shape.length >= 2 ? { kind: 'xavier' } : { kind: 'zeros' };
  const initExpr = options.get('init')?.value;
  const scaleExpr = options.get('scale')?.value;
  if (initExpr) {
    const v = evaluate(ctx, initExpr, scope);
    if (v.kind !== 'string' || !INITS.includes(v.value)) ctx.fail('type-error', `init must be one of ${INITS.map((i) => `'${i}'`).join(', ')}`, initExpr.span);
    const which = (v as { value: string }).value;
    const scale = scaleExpr ? constant(ctx, scaleExpr, scope) : which === 'normal' ? 0.1 : 0.5;
    if (scale < 0) ctx.fail('domain-size', 'scale must not be negative', scaleExpr!.span);
    init = which === 'zeros' ? { kind: 'zeros' } : which === 'xavier' ? { kind: 'xavier' } : { kind: which as 'uniform' | 'normal', scale };
  } else if (scaleExpr) ctx.fail('unsupported', "scale needs init='uniform' or init='normal'", scaleExpr.span);
  const size = shape.reduce((a, b) => a * b, 1);
  ctx.reserveVariables(name, size, call.span);
  ctx.checkNewName(name, role, call.span);
  return { kind: 'tensor', tensor: ctx.real.declare(name, role, shape, init, call.span) };
}

/** True when `expr` calls a setting built-in. */
export function isSetting(expr: Expr, scope: Scope): expr is Expr & { kind: 'call' } {
  return expr.kind === 'call' && expr.callee.kind === 'name' && (SETTINGS as readonly string[]).includes(expr.callee.name) && scope.lookup(expr.callee.name)?.kind === 'builtin';
}

/** Records the setting `expr` states (each kind once, outside case splits). */
export function applySetting(ctx: LowerContext, expr: Expr & { kind: 'call' }, scope: Scope): Value {
  const name = (expr.callee as { name: string }).name;
  if (ctx.caseDepth > 0) ctx.fail('unsupported', `${name}(...) must not depend on a case split`, expr.span);
  const slot = name === 'Accuracy' || name === 'Loss' ? 'target' : name;
  const before = ctx.real.seenSettings.get(slot);
  if (before) ctx.fail('unsupported', `${slot === 'target' ? 'the success target' : name} is already set on line ${before.line}`, expr.span);
  ctx.real.seenSettings.set(slot, expr.span);
  const args = new Args(ctx, expr, scope, name);
  const s = ctx.real.settings;
  switch (name) {
    case 'SquaredError':
      s.squaredError = { half: args.flag('half', s.squaredError.half), reduction: args.choice('reduction', ['mean', 'sum'], 'mean') as 'mean' | 'sum' };
      break;
    case 'CrossEntropy':
      s.crossEntropy = { reduction: args.choice('reduction', ['mean', 'sum'], 'mean') as 'mean' | 'sum' };
      break;
    case 'L2': {
      const alpha = args.number('alpha', 0, null, true);
      const list = args.raw('params', 1);
      const tensors = list ? paramList(ctx, list, scope) : ctx.real.tensors.filter((t) => t.role === 'param').map((t) => t.id);
      s.l2 = { alpha, tensors };
      break;
    }
    case 'Accuracy':
      s.target = { kind: 'accuracy', value: args.number('value', 0, 1, true), tolerance: args.number('tolerance', 0, null, false, 0.5) };
      break;
    case 'Loss':
      s.target = { kind: 'loss', value: args.number('value', 0, null, true), tolerance: args.number('tolerance', 0, null, false, 0.5) };
      break;
    case 'Training': {
      const t: { -readonly [K in keyof TrainingSetting]: TrainingSetting[K] } = {};
      if (args.has('lr')) t.lr = args.number('lr', 0, null, false);
      if (args.has('update')) t.update = args.choice('update', ['adam', 'sgd', 'rmsprop'], 'adam') as TrainingSetting['update'];
      if (args.has('momentum')) t.momentum = args.number('momentum', 0, 1, false);
      if (args.has('batch_size')) t.batchSize = args.integer('batch_size');
      if (args.has('epochs')) t.epochs = args.integer('epochs');
      if (args.has('shuffle')) t.shuffle = args.flag('shuffle', true);
      s.training = t;
      break;
    }
  }
  args.done();
  return { kind: 'setting', name };
}

function paramList(ctx: LowerContext, list: Expr, scope: Scope): number[] {
  if (list.kind !== 'list') return ctx.fail('type-error', 'L2 takes a list of real Params: L2(0.01, [W1, W2])', list.span);
  return list.items.map((item) => {
    const v = evaluate(ctx, item, scope);
    if (v.kind !== 'tensor' || ctx.real.tensors[v.tensor]!.role !== 'param') return ctx.fail('type-error', `expected a real Param, not ${describe(v)}`, item.span);
    return v.tensor;
  });
}

/** Positional-or-keyword arguments of a setting call, each consumed once. */
class Args {
  private readonly used = new Set<string>();
  private readonly names: string[] = [];

  constructor(private readonly ctx: LowerContext, private readonly call: Expr & { kind: 'call' }, private readonly scope: Scope, private readonly fn: string) {}

  has(name: string): boolean {
    return this.call.keywords.some((k) => k.name === name);
  }

  raw(name: string, position = -1): Expr | undefined {
    this.names.push(name);
    this.used.add(name);
    return this.call.keywords.find((k) => k.name === name)?.value ?? (position >= 0 ? this.call.args[position] : undefined);
  }

  number(name: string, min: number, max: number | null, required: boolean, fallback = 0): number {
    const e = this.raw(name, this.names.length === 0 ? 0 : -1);
    if (!e) return required ? this.ctx.fail('arity', `${this.fn}() needs ${name}`, this.call.span) : fallback;
    const v = constant(this.ctx, e, this.scope);
    if (v < min || (max !== null && v > max)) this.ctx.fail('domain-size', `${name} must be in [${min}, ${max ?? 'inf'})`, e.span);
    return v;
  }

  integer(name: string): number {
    const e = this.raw(name)!;
    const v = evaluateInt(this.ctx, e, this.scope, name);
    if (v < 1) this.ctx.fail('domain-size', `${name} must be at least 1`, e.span);
    return v;
  }

  flag(name: string, fallback: boolean): boolean {
    const e = this.raw(name);
    return e ? evaluateInt(this.ctx, e, this.scope, name) !== 0 : fallback;
  }

  choice(name: string, choices: string[], fallback: string): string {
    const e = this.raw(name);
    if (!e) return fallback;
    const v = evaluate(this.ctx, e, this.scope);
    if (v.kind !== 'string' || !choices.includes(v.value)) return this.ctx.fail('type-error', `${name} must be one of ${choices.map((c) => `'${c}'`).join(', ')}`, e.span);
    return v.value;
  }

  /** Reports arguments no rule consumed. */
  done(): void {
    const bad = this.call.keywords.find((k) => !this.used.has(k.name));
    if (bad) this.ctx.fail('unsupported', `${this.fn}() has no option '${bad.name}'`, bad.span);
    const positional = this.fn === 'L2' ? 2 : this.fn === 'Accuracy' || this.fn === 'Loss' ? 1 : 0;
    if (this.call.args.length > positional) this.ctx.fail('arity', `${this.fn}() takes ${positional} positional argument(s)`, this.call.args[positional]!.span);
  }
}
