// @Runtime functions become lookup tables: evaluated once per argument combination, then specialised
// for the arguments that are compile-time constants at each call.
import type { Stmt } from '../syntax/ast.ts';
import type { Source } from './ir.ts';
import type { LowerContext } from './context.ts';
import { evaluateInt } from './evaluate.ts';
import { Scope, type RuntimeFunction } from './values.ts';
import { DiagnosticError, type Span } from '../util/diagnostics.ts';

const fullTables = new WeakMap<RuntimeFunction, Int32Array>();

/** Tabulates `fn` over its declared argument domains, reporting results outside the result domain. */
export function tabulate(ctx: LowerContext, fn: RuntimeFunction): Int32Array {
  const cached = fullTables.get(fn);
  if (cached) return cached;
  const size = fn.argDomains.reduce((a, b) => a * b, 1);
  ctx.reserveTable(fn.name, size, fn.span);
  const values = new Int32Array(size);
  const args = new Array<number>(fn.argDomains.length).fill(0);
  for (let n = 0; n < size; n++) {
    const scope = new Scope(fn.scope);
    fn.params.forEach((p, i) => scope.bind(p, { kind: 'int', value: args[i]! }));
    const result = runBody(ctx, fn, fn.body, scope);
    if (result === undefined) {
      ctx.fail('missing-return', `${fn.name}(${args.join(', ')}) reaches the end of the function without a return`, fn.span);
    }
    if (result < 0 || result >= fn.outDomain) {
      ctx.fail(
        'runtime-range',
        `${fn.name}(${args.join(', ')}) returns ${result}, outside its declared result domain 0..${fn.outDomain - 1}`,
        fn.span,
      );
    }
    values[n] = result;
    for (let d = args.length - 1; d >= 0; d--) {
      if (++args[d]! < fn.argDomains[d]!) break;
      args[d] = 0;
    }
  }
  fullTables.set(fn, values);
  return values;
}

function runBody(ctx: LowerContext, fn: RuntimeFunction, body: readonly Stmt[], scope: Scope): number | undefined {
  for (const stmt of body) {
    switch (stmt.kind) {
      case 'return':
        if (!stmt.value) ctx.fail('missing-return', `${fn.name} must return a value`, stmt.span);
        return withCallContext(ctx, fn, () => evaluateInt(ctx, stmt.value!, scope, 'a @Runtime result'));
      case 'if': {
        const taken = stmt.branches.find((b) => withCallContext(ctx, fn, () => evaluateInt(ctx, b.test, scope, 'a condition')));
        const result = runBody(ctx, fn, taken ? taken.body : (stmt.orelse ?? []), scope);
        if (result !== undefined) return result;
        break;
      }
      case 'assign':
        scope.bind(stmt.target, { kind: 'int', value: evaluateInt(ctx, stmt.value, scope) });
        break;
      case 'pass':
        break;
      default:
        ctx.fail('unsupported', `a @Runtime function body holds only returns, if/elif/else and local constants`, stmt.span);
    }
  }
  return undefined;
}

/** Errors inside a @Runtime body name the function, since they surface while tabulating. */
function withCallContext<T>(ctx: LowerContext, fn: RuntimeFunction, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof DiagnosticError && e.diagnostic && !e.diagnostic.message.includes(fn.name)) {
      throw new DiagnosticError({ ...e.diagnostic, message: `in @Runtime ${fn.name}: ${e.diagnostic.message}` });
    }
    throw e;
  }
}

/** One argument at a call site: a compile-time constant or a variable (with its domain). */
export type RuntimeArg = { readonly kind: 'int'; readonly value: number; readonly span: Span } | { readonly kind: 'var'; readonly id: number; readonly domain: number; readonly span: Span };

/**
 * The IR source for `fn(args)`: a constant when every argument is, otherwise the application of a table
 * specialised to the constant arguments and cut to the variables' domains.
 */
export function applyRuntime(ctx: LowerContext, fn: RuntimeFunction, args: readonly RuntimeArg[], span: Span): Source {
  if (args.length !== fn.params.length) {
    ctx.fail('arity', `${fn.name} takes ${fn.params.length} argument(s), ${args.length} given`, span);
  }
  args.forEach((a, i) => {
    const d = fn.argDomains[i]!;
    if (a.kind === 'int' && (a.value < 0 || a.value >= d)) {
      ctx.fail('domain-mismatch', `argument ${i + 1} of ${fn.name} is ${a.value}, outside its declared domain 0..${d - 1}`, a.span);
    }
    if (a.kind === 'var' && a.domain > d) {
      ctx.fail('domain-mismatch', `argument ${i + 1} of ${fn.name} has domain ${a.domain}, larger than the declared ${d}`, a.span);
    }
  });
  const full = tabulate(ctx, fn);
  const varArgs = args.filter((a) => a.kind === 'var');
  const argDomains = varArgs.map((a) => a.domain);
  const key = `${fn.name}#${fn.span.offset}(${args.map((a) => (a.kind === 'int' ? a.value : `:${a.domain}`)).join(',')})`;
  let tableId = ctx.tableCache.get(key);
  if (tableId === undefined) {
    const size = argDomains.reduce((a, b) => a * b, 1);
    if (varArgs.length > 0) ctx.reserveTable(fn.name, size, span);
    const values = new Int32Array(size);
    const varValues = new Array<number>(varArgs.length).fill(0);
    for (let n = 0; n < size; n++) {
      let flat = 0;
      let k = 0;
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        flat = flat * fn.argDomains[i]! + (a.kind === 'int' ? a.value : varValues[k++]!);
      }
      values[n] = full[flat]!;
      for (let d = varValues.length - 1; d >= 0; d--) {
        if (++varValues[d]! < argDomains[d]!) break;
        varValues[d] = 0;
      }
    }
    if (varArgs.length === 0) return { kind: 'const', value: values[0]! };
    tableId = ctx.tables.length;
    const label = `${fn.name}(${args.map((a) => (a.kind === 'int' ? String(a.value) : '_')).join(', ')})`;
    ctx.tables.push({ id: tableId, name: label, argDomains, outDomain: fn.outDomain, values });
    ctx.tableCache.set(key, tableId);
  }
  const table = ctx.tables[tableId]!;
  if (table.argDomains.length === 0) return { kind: 'const', value: table.values[0]! };
  return { kind: 'apply', table: tableId, args: varArgs.map((a) => (a as { id: number }).id) };
}
