// Optimizer option schemas: each optimizer declares its options as data, so validation, defaults and
// the `tpt optimizers` listing are generic. Values may arrive as strings (from the command line).

import { InternalError } from '../util/diagnostics.ts';

/** A resolved option value. */
export type OptionValue = number | boolean | string;

/** Resolved options of one optimizer: every declared option, defaults filled in. */
export type ResolvedOptions = Readonly<Record<string, OptionValue>>;

/** One declared option: name, type, default, a one-line doc and, for numbers, the allowed range. */
export interface OptionSpec {
  readonly name: string;
  readonly type: 'number' | 'integer' | 'boolean' | 'choice';
  readonly default: OptionValue;
  /** One line, shown by `tpt optimizers`. */
  readonly doc: string;
  /** Allowed values of a `choice` option. */
  readonly choices?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** The bound itself is not allowed (e.g. `min: 0, minExclusive: true` = positive). */
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
}

/** A bad option given by the user: unknown name or a value of the wrong type or range. */
export class OptionError extends Error {
  override name = 'OptionError';
}

/** Describes what a spec accepts, e.g. "a positive number", "a number in [0, 1]", "one of a, b". */
export function describeOption(spec: OptionSpec): string {
  if (spec.type === 'boolean') return 'true or false';
  if (spec.type === 'choice') return `one of ${(spec.choices ?? []).join(', ')}`;
  const noun = spec.type === 'integer' ? 'integer' : 'number';
  const { min, max } = spec;
  if (min !== undefined && max === undefined) {
    if (min === 0) return spec.minExclusive ? `a positive ${noun}` : `a non-negative ${noun}`;
    if (min === 1 && spec.type === 'integer' && !spec.minExclusive) return 'a positive integer';
    return `a ${noun} ${spec.minExclusive ? '>' : '>='} ${min}`;
  }
  if (min === undefined && max !== undefined) return `a ${noun} ${spec.maxExclusive ? '<' : '<='} ${max}`;
  if (min !== undefined && max !== undefined) {
    return `a ${noun} in ${spec.minExclusive ? '(' : '['}${min}, ${max}${spec.maxExclusive ? ')' : ']'}`;
  }
  return `a ${noun}`;
}

/**
 * Checks `raw` against `specs` and fills in defaults. Accepts numbers and booleans as values or as
 * strings ("0.1", "true"). Throws {@link OptionError} with a message naming the option and the rule.
 */
export function resolveOptions(
  optimizer: string,
  specs: readonly OptionSpec[],
  raw: Readonly<Record<string, unknown>> = {},
): ResolvedOptions {
  const byName = new Map(specs.map((s) => [s.name, s]));
  for (const key of Object.keys(raw)) {
    if (!byName.has(key)) {
      const known = specs.map((s) => s.name).join(', ') || '(none)';
      throw new OptionError(`unknown option '${key}' for ${optimizer}; known: ${known}`);
    }
  }
  const out: Record<string, OptionValue> = {};
  for (const spec of specs) {
    out[spec.name] = raw[spec.name] === undefined ? spec.default : parseValue(spec, raw[spec.name]);
  }
  return Object.freeze(out);
}

function parseValue(spec: OptionSpec, value: unknown): OptionValue {
  const fail = (): never => {
    throw new OptionError(`${spec.name} must be ${describeOption(spec)}, got ${show(value)}`);
  };
  switch (spec.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true') return true;
      if (value === 'false') return false;
      return fail();
    case 'choice':
      if (typeof value === 'string' && (spec.choices ?? []).includes(value)) return value;
      return fail();
    case 'number':
    case 'integer': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) return fail();
      if (spec.type === 'integer' && !Number.isInteger(n)) return fail();
      if (spec.min !== undefined && (spec.minExclusive ? n <= spec.min : n < spec.min)) return fail();
      if (spec.max !== undefined && (spec.maxExclusive ? n >= spec.max : n > spec.max)) return fail();
      return n;
    }
    default: {
      const never: never = spec.type;
      throw new InternalError(`unknown option type ${String(never)}`);
    }
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/** Reads a number option (already validated by {@link resolveOptions}). */
export function num(options: ResolvedOptions, name: string): number {
  const v = options[name];
  if (typeof v !== 'number') throw new InternalError(`option ${name} is not a number`);
  return v;
}

/** Reads a boolean option. */
export function bool(options: ResolvedOptions, name: string): boolean {
  const v = options[name];
  if (typeof v !== 'boolean') throw new InternalError(`option ${name} is not a boolean`);
  return v;
}

/** Reads a choice option. */
export function choice<T extends string>(options: ResolvedOptions, name: string): T {
  const v = options[name];
  if (typeof v !== 'string') throw new InternalError(`option ${name} is not a choice`);
  return v as T;
}

/** Returns `specs` with some defaults replaced (for optimizers sharing a block of options). */
export function withDefaults(
  specs: readonly OptionSpec[],
  defaults: Readonly<Record<string, OptionValue>>,
): OptionSpec[] {
  return specs.map((s) => (s.name in defaults ? { ...s, default: defaults[s.name] as OptionValue } : s));
}
