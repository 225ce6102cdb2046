// A comparison's configuration and its plan: every (method, sweep value, run) with a seed derived
// only from the base seed, the method, the sweep value and the run index; shards are slices of it.
import type { SketchOptions } from '../sketch/sketch.ts';
import type { ResolvedOptions } from '../optimizers/options.ts';
import { optimizerModuleSource, type OptimizerModuleSource } from '../optimizers/registry.ts';
import { sha256Hex } from '../util/sha256.ts';
import { resolveMethodOptions } from './methods.ts';

/** A swept value: a Hyper's integer or a batch name. */
export type SweepValue = number | string;

/** `--sweep NAME=V1,V2`: NAME is a Hyper, or `batch` to sweep the data batch. */
export interface Sweep {
  readonly name: string;
  readonly values: readonly SweepValue[];
}

/** What a comparison runs; stored as `config.json` and compared on resume. */
export interface ComparisonConfig {
  readonly program: string;
  readonly dataPath?: string;
  readonly hypersPath?: string;
  readonly batch?: string;
  readonly set?: Readonly<Record<string, number>>;
  /** Method names (optimizers, `local-search`, `smt`), in table order. */
  readonly optimizers: readonly string[];
  /**
   * Methods defined in a user's module: method name -> the module's path (loaded by runComparison,
   * in every worker too; see loadOptimizerModule).
   */
  readonly modules?: Readonly<Record<string, string>>;
  /** Raw options per method, e.g. `{ bop: { tau: 100 } }`. */
  readonly options?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly sweep?: Sweep | null;
  readonly runs: number;
  /** Run counts that differ from `runs`, per method (e.g. `{ smt: 5 }`). */
  readonly runsFor?: Readonly<Record<string, number>>;
  /** Per-run step budget; null for none (then `timeLimitSeconds` ends every run that does not solve). */
  readonly maxSteps: number | null;
  /** Per-run wall-clock limit in seconds. */
  readonly timeLimitSeconds?: number | null;
  readonly seed: number;
  readonly epsilon?: number;
  /** Runs 0..curveRuns-1 of every (method, sweep value) keep a downsampled loss curve (default 3). */
  readonly curveRuns?: number;
}

/** The canonical form: defaults filled in, options resolved; what `config.json` holds. */
export interface NormalizedConfig extends Required<Omit<ComparisonConfig, 'dataPath' | 'hypersPath' | 'batch' | 'options' | 'modules'>> {
  readonly dataPath: string | null;
  readonly hypersPath: string | null;
  readonly batch: string | null;
  readonly options: Readonly<Record<string, ResolvedOptions>>;
  /** Present when a method comes from a user's module: its path and the SHA-256 of the file that ran. */
  readonly modules?: Readonly<Record<string, OptimizerModuleSource>>;
  /** What the program, data and hypers files held when the comparison started. */
  readonly inputs: InputHashes;
  /** 2 added `inputs` and the context digest in run keys. */
  readonly version: typeof CONFIG_VERSION;
}

/** SHA-256 (first 16 hex digits) of each input file's bytes; null when there is no such file (inputs.ts hashes them). */
export interface InputHashes {
  readonly program: string | null;
  readonly data: string | null;
  readonly hypers: string | null;
}

/** The config.json format; a directory of another version is refused (with --fresh offered). */
export const CONFIG_VERSION = 2;

/** One planned run. `index` is its position in the full (unsharded) plan. */
export interface RunSpec {
  readonly key: string;
  readonly index: number;
  readonly optimizer: string;
  readonly options: ResolvedOptions;
  readonly sweepValue: SweepValue | null;
  readonly run: number;
  readonly seed: number;
}

/** `--shard I/N`: the runs whose plan index is I modulo N. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Fills defaults and resolves every method's options (throws `OptionError` on a bad one); `inputs`
 * are the hashes of what the program, data and hypers held (inputs.ts reads the files). Methods of
 * user modules must have been loaded (runComparison does it); their sources are recorded.
 */
export function normalizeConfigWith(config: ComparisonConfig, inputs: InputHashes): NormalizedConfig {
  if (config.maxSteps === null && (config.timeLimitSeconds ?? null) === null) {
    throw new RangeError('a comparison needs a step budget or a time limit per run');
  }
  const modules: Record<string, OptimizerModuleSource> = {};
  for (const [name, path] of Object.entries(config.modules ?? {})) {
    const source = optimizerModuleSource(name);
    if (source?.path !== path) throw new RangeError(`${path}: the module of optimizer '${name}' is not loaded`);
    if (!config.optimizers.includes(name)) throw new RangeError(`module given for '${name}', which is not among the compared methods`);
    modules[name] = { path, sha256: source.sha256 };
  }
  const options: Record<string, ResolvedOptions> = {};
  for (const name of config.optimizers) options[name] = resolveMethodOptions(name, config.options?.[name] ?? {});
  for (const name of Object.keys(config.options ?? {})) {
    if (!config.optimizers.includes(name)) throw new RangeError(`options given for '${name}', which is not among the compared methods`);
  }
  const sorted = <T>(o: Readonly<Record<string, T>> | undefined): Record<string, T> =>
    Object.fromEntries(Object.entries(o ?? {}).sort(([a], [b]) => a.localeCompare(b)));
  return {
    program: config.program,
    dataPath: config.dataPath ?? null,
    hypersPath: config.hypersPath ?? null,
    batch: config.batch ?? null,
    set: sorted(config.set),
    optimizers: [...config.optimizers],
    options,
    // Only when there are any, so that the identity of earlier comparisons stays what it was.
    ...(Object.keys(modules).length ? { modules: Object.fromEntries(Object.entries(modules).sort(([a], [b]) => a.localeCompare(b))) } : {}),
    sweep: config.sweep ? { name: config.sweep.name, values: [...config.sweep.values] } : null,
    runs: config.runs,
    runsFor: sorted(config.runsFor),
    maxSteps: config.maxSteps,
    timeLimitSeconds: config.timeLimitSeconds ?? null,
    seed: config.seed,
    epsilon: config.epsilon ?? 1e-7,
    curveRuns: config.curveRuns ?? 3,
    inputs,
    version: CONFIG_VERSION,
  };
}

/** The sketch to load for one sweep value (a Hyper sweep binds it with `set`, a batch sweep picks the batch). */
export function sketchOptions(config: NormalizedConfig, value: SweepValue | null): SketchOptions {
  const sweep = config.sweep;
  const batch = sweep?.name === 'batch' && value !== null ? String(value) : config.batch ?? undefined;
  const set = sweep && sweep.name !== 'batch' && value !== null ? { ...config.set, [sweep.name]: Number(value) } : config.set;
  return {
    ...(config.dataPath ? { dataPath: config.dataPath } : {}),
    ...(config.hypersPath ? { hypersPath: config.hypersPath } : {}),
    ...(batch !== undefined ? { batch } : {}),
    set,
  };
}

/** JSON with object keys sorted, so equal values always print the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A run's seed: a 32-bit hash of (base seed, method, sweep value, run index) only. */
export function deriveSeed(base: number, optimizer: string, sweepValue: SweepValue | null, run: number): number {
  const text = `${base}/${optimizer}/${sweepValue === null ? '' : String(sweepValue)}/${run}`;
  let h = 0x811c9dc5; // FNV-1a, then a murmur-style finaliser to spread nearby inputs
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The identity of a run: method + options + sweep value + run index + seed + `context`, a digest of
 * everything else that decides its outcome (files and their contents, hypers, budgets, epsilon), so
 * records of two different comparisons never pass for each other.
 */
export function runKey(optimizer: string, options: ResolvedOptions, sweepValue: SweepValue | null, run: number, seed: number, context: string): string {
  return `${optimizer}|${canonicalJson(options)}|${sweepValue === null ? '' : String(sweepValue)}|${run}|${seed}|${context}`;
}

/** The digest of a config without what varies between its runs (methods, options, run counts, sweep values). */
export function runContext(config: NormalizedConfig): string {
  const { optimizers: _m, options: _o, runs: _r, runsFor: _f, sweep, ...shared } = config;
  const text = canonicalJson({ ...shared, sweep: sweep?.name ?? null });
  return sha256Hex(text).slice(0, 12);
}

/** How many runs the whole (unsharded) plan holds, computed without building it. */
export function planSize(config: NormalizedConfig): number {
  const perValue = config.optimizers.reduce((n, name) => n + (config.runsFor[name] ?? config.runs), 0);
  return perValue * (config.sweep ? config.sweep.values.length : 1);
}

/** Every run of the comparison in a fixed order (sweep value, method, run), optionally one shard of it. */
export function planRuns(config: NormalizedConfig, shard?: Shard): RunSpec[] {
  const specs: RunSpec[] = [];
  const values: (SweepValue | null)[] = config.sweep ? [...config.sweep.values] : [null];
  const context = runContext(config);
  for (const sweepValue of values) {
    for (const optimizer of config.optimizers) {
      const runs = config.runsFor[optimizer] ?? config.runs;
      const options = config.options[optimizer]!;
      for (let run = 0; run < runs; run++) {
        const seed = deriveSeed(config.seed, optimizer, sweepValue, run);
        specs.push({ key: runKey(optimizer, options, sweepValue, run, seed, context), index: specs.length, optimizer, options, sweepValue, run, seed });
      }
    }
  }
  return shard ? specs.filter((s) => s.index % shard.count === shard.index) : specs;
}

/** Names the top-level fields in which two normalized configs differ (empty when they are the same comparison). */
export function configDifferences(a: NormalizedConfig, b: NormalizedConfig): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const differ: string[] = [];
  for (const k of keys) {
    const x = canonicalJson((a as unknown as Record<string, unknown>)[k]);
    const y = canonicalJson((b as unknown as Record<string, unknown>)[k]);
    if (x !== y) differ.push(`${k}: ${x} here, ${y} in the directory`);
  }
  return differ;
}
