// Resource limits: every size tpt estimates before it reads, unrolls or allocates, so that hostile or
// mistaken input ends in seconds with a located error naming the limit (`--limit NAME=N` raises it).

/** The name of a limit, as written after `--limit`. */
export type LimitName =
  | 'program-size'
  | 'data-size'
  | 'expression-depth'
  | 'statements'
  | 'variables'
  | 'domain'
  | 'table-entries'
  | 'storage'
  | 'runs';

/** A value for every limit. */
export type Limits = Readonly<Record<LimitName, number>>;

/** One limit: its name, default and what it counts. */
export interface LimitInfo {
  readonly name: LimitName;
  readonly default: number;
  /** What the limit counts, for the README, `--help` and messages. */
  readonly counts: string;
}

/** Every limit with its default; the README's "Limits" section lists the same. */
export const LIMITS: readonly LimitInfo[] = [
  { name: 'program-size', default: 256 * 1024, counts: 'bytes of a program file' },
  { name: 'data-size', default: 8 * 1024 * 1024, counts: 'bytes of a data, hypers or params file' },
  { name: 'expression-depth', default: 1000, counts: 'nesting depth of one expression (a flat sum of n terms is n deep)' },
  { name: 'statements', default: 1_000_000, counts: 'statements lowered after unrolling loops and expanding @Inline calls, plus the values case splits enumerate and the elements comprehensions and list repetition build' },
  { name: 'variables', default: 1_000_000, counts: 'discrete variables plus real tensor elements of the lowered program' },
  { name: 'domain', default: 1_000_000, counts: 'values of one discrete variable or @Runtime argument' },
  { name: 'table-entries', default: 1_000_000, counts: 'entries of all @Runtime tables together' },
  { name: 'storage', default: 50_000_000, counts: 'floats the evaluator would hold (values of every variable times the examples)' },
  { name: 'runs', default: 100_000, counts: 'runs one comparison plans' },
];

/** Every limit at its default. */
export const DEFAULT_LIMITS: Limits = Object.freeze(Object.fromEntries(LIMITS.map((l) => [l.name, l.default])) as Record<LimitName, number>);

/** True when `name` is a limit. */
export function isLimitName(name: string): name is LimitName {
  return LIMITS.some((l) => l.name === name);
}

/** The defaults with `overrides` applied. */
export function resolveLimits(overrides: Readonly<Partial<Record<LimitName, number>>> | undefined): Limits {
  return overrides ? { ...DEFAULT_LIMITS, ...overrides } : DEFAULT_LIMITS;
}

/** `1000000` -> `1,000,000`; very large values in exponent form. */
export function formatCount(n: number): string {
  return Number.isSafeInteger(n) ? n.toLocaleString('en-US') : n.toPrecision(3);
}

/**
 * A limit message: "`what`; the limit is NAME = N (raise it with --limit NAME=M)", where M is `needed`
 * when known. `what` says what was counted, e.g. "x would hold 999,999,999 variables".
 */
export function limitMessage(name: LimitName, limits: Limits, what: string, needed?: number): string {
  const raise = needed !== undefined && Number.isSafeInteger(needed) ? String(needed) : 'N';
  return `${what}; the limit is ${name} = ${formatCount(limits[name])} (raise it with --limit ${name}=${raise})`;
}

/** A limit passed by something with no place in a file (a flag such as `--runs`); `message` says which. */
export class LimitError extends Error {
  override name = 'LimitError';
  readonly code = 'too-large';
}
