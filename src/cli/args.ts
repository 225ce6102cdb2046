// A small command-line parser: positionals, `--flag value`, `--flag=value`, repeated `--set`, booleans.

export interface FlagSpec {
  readonly name: string;
  /** 'boolean' flags take no value; 'list' flags may repeat. */
  readonly type: 'string' | 'boolean' | 'list';
  readonly help: string;
  readonly value?: string;
}

export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Map<string, string | boolean | string[]>;
  /** Notes for the user about accepted spellings (`--firstImprovement` is `--first-improvement`). */
  readonly notes: string[];
}

export class UsageError extends Error {}

/** `firstImprovement` -> `first-improvement`: every flag is kebab-case, derived from option names. */
export function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * Parses `argv` against `specs`. A camelCase spelling of a kebab-case flag is accepted with a note;
 * an unknown flag is an error (with `explain(name)` added when it knows more, e.g. which optimizer
 * has such an option); a single-valued flag given twice and an empty value are errors.
 */
export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[], explain?: (name: string) => string | undefined): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const positionals: string[] = [];
  const flags = new Map<string, string | boolean | string[]>();
  const notes: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const written = arg.slice(2, eq < 0 ? undefined : eq);
    let name = written;
    let spec = byName.get(name);
    if (!spec && byName.has(kebabCase(written))) {
      name = kebabCase(written);
      spec = byName.get(name);
      notes.push(`--${written} is written --${name}`);
    }
    if (!spec) {
      const more = explain?.(written);
      throw new UsageError(more ? `unknown option --${written}: ${more}` : `unknown option --${written}; known: ${specs.map((s) => `--${s.name}`).join(', ')}`);
    }
    if (spec.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
      continue;
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`--${name} needs a value${spec.value ? ` (${spec.value})` : ''}`);
      value = next;
    }
    if (value === '') throw new UsageError(`--${name} needs a value${spec.value ? ` (${spec.value})` : ''}, got an empty one`);
    if (spec.type === 'list') {
      const list = (flags.get(name) as string[] | undefined) ?? [];
      list.push(value);
      flags.set(name, list);
    } else {
      const earlier = flags.get(name);
      if (earlier !== undefined) throw new UsageError(`--${name} is given twice ('${String(earlier)}' and '${value}'); give it once`);
      flags.set(name, value);
    }
  }
  return { positionals, flags, notes };
}

/** Parses `--set NAME=VALUE` entries into integers. */
export function parseSets(entries: readonly string[]): Record<string, number> {
  const set: Record<string, number> = {};
  for (const entry of entries) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(-?\d+)$/.exec(entry);
    if (!m) throw new UsageError(`--set expects NAME=INTEGER, got '${entry}'`);
    if (!Number.isSafeInteger(Number(m[2]))) throw new UsageError(`--set ${m[1]}: ${m[2]} is beyond 2^53`);
    set[m[1]!] = Number(m[2]);
  }
  return set;
}

export function flagString(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function flagBool(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name) === true;
}

export function flagList(args: ParsedArgs, name: string): string[] {
  const v = args.flags.get(name);
  return Array.isArray(v) ? v : [];
}

/** Parses a numeric flag with bounds, or returns `fallback` when absent. */
export function flagNumber(args: ParsedArgs, name: string, fallback: number, opts: { integer?: boolean; min?: number } = {}): number {
  const raw = flagString(args, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || (opts.integer && !Number.isSafeInteger(n)) || (opts.min !== undefined && n < opts.min)) {
    const kind = opts.integer ? 'an integer (at most 2^53)' : 'a number';
    throw new UsageError(`--${name} must be ${kind}${opts.min !== undefined ? ` >= ${opts.min}` : ''}, got '${raw}'`);
  }
  return n;
}
