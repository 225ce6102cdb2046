// `runComparison`: plans every run, skips those already in the results directory, runs the rest in
// parallel lanes (worker threads), appends each record as it finishes, then writes the reports.
import { availableParallelism } from 'node:os';
import { planRuns, planSize, type ComparisonConfig, type NormalizedConfig, type RunSpec, type Shard } from './config.ts';
import { loadComparisonModules } from './modules.ts';
import { inProcessLane, RunError, workerLane, type Lane } from './pool.ts';
import { SketchCache, type RunRecord } from './record.ts';
import { normalizeConfig } from './inputs.ts';
import { loadSketch } from '../sketch/load.ts';
import { writeReports } from './outputs.ts';
import { appendRun, openStore, readRuns, writeFailure, type OpenedStore, type StoreError } from './store.ts';
import type { PaperReference } from './reference.ts';
import type { Summary } from './summary.ts';
import { LimitError, formatCount, limitMessage, resolveLimits, type LimitName, type Limits } from '../util/limits.ts';

/** How to run a comparison (none of this is part of its identity). */
export interface CompareRunOptions {
  /** Results directory (created; resumed when it already holds this comparison). */
  readonly dir: string;
  /** Parallel runs (default: the machine's available parallelism). */
  readonly jobs?: number;
  readonly shard?: Shard;
  /** Run in the current thread instead of worker threads (one at a time). */
  readonly inProcess?: boolean;
  /** Published numbers to show beside ours, and where they came from. */
  readonly reference?: PaperReference;
  readonly referenceSource?: string;
  readonly onProgress?: (progress: CompareProgress) => void;
  readonly onRecord?: (record: RunRecord) => void;
  /** Aborting stops every lane; finished runs stay recorded and the reports are still written. */
  readonly signal?: AbortSignal;
  /** When the directory holds a different comparison (or older inputs), set it aside and start again. */
  readonly fresh?: boolean;
  /** Limits that differ from their defaults (README "Limits"), for loading sketches and planning. */
  readonly limits?: Readonly<Partial<Record<LimitName, number>>>;
  /**
   * No run starts after this time (`Date.now()` milliseconds); runs in flight finish and are kept.
   * Long benchmarks run in pieces this way: the next invocation resumes.
   */
  readonly startBefore?: number;
}

/** Progress of the whole comparison, for one progress bar. */
export interface CompareProgress {
  /** Runs of this invocation finished, and planned (excluding runs kept from earlier). */
  readonly done: number;
  readonly total: number;
  readonly solved: number;
  /** Runs in flight with the fraction of their budget (steps or time) used. */
  readonly running: readonly { readonly spec: RunSpec; readonly fraction: number }[];
  readonly elapsedSeconds: number;
}

/** What `runComparison` did: the normalized config, every record now stored with its summary, what ran, was kept or failed. */
export interface CompareOutcome {
  readonly config: NormalizedConfig;
  readonly summary: Summary;
  /** Every record in the directory after this invocation. */
  readonly records: readonly RunRecord[];
  /** Runs executed now, and runs of this plan (shard) found finished already. */
  readonly ran: number;
  readonly kept: number;
  /** A half-written last line from an interrupted earlier run was dropped. */
  readonly droppedTornLine: boolean;
  /** Lines of runs.jsonl that were not records, moved to runs.garbled.jsonl (their runs were redone). */
  readonly garbledLines: readonly number[];
  /** Records in runs.jsonl of no run of this comparison (ignored). */
  readonly foreignRecords: number;
  /** Where `fresh` set the directory's earlier runs aside, or null. */
  readonly setAside: string | null;
  readonly failures: readonly { readonly key: string; readonly error: RunError }[];
  readonly interrupted: boolean;
}

/**
 * Runs (or resumes) a comparison into `options.dir`. Throws `OptionError` for bad method options,
 * `LimitError` when it plans more runs than the limit `runs`,
 * `SketchLoadError` when a sweep value's sketch does not load, `StoreError` when the directory
 * holds a different comparison, is locked by another process, or cannot be written.
 */
export async function runComparison(config: ComparisonConfig, options: CompareRunOptions): Promise<CompareOutcome> {
  await loadComparisonModules(config);
  const normalized = normalizeConfig(config);
  const limits = resolveLimits(options.limits);
  const size = planSize(normalized);
  if (size > limits.runs) throw new LimitError(limitMessage('runs', limits, `the comparison plans ${formatCount(size)} runs`, size));
  const sketches = new SketchCache(normalized, loadSketch, limits);
  for (const value of normalized.sweep ? normalized.sweep.values : [null]) sketches.get(value);
  const store = openStore(options.dir, normalized, 'tpt compare', options.fresh);
  try {
    return await resume(normalized, store, sketches, limits, options);
  } finally {
    store.release();
  }
}

/** Runs the runs of the plan (or shard) that `stored` lacks, appending each, then writes the reports. */
async function resume(normalized: NormalizedConfig, stored: OpenedStore, sketches: SketchCache, limits: Limits, options: CompareRunOptions): Promise<CompareOutcome> {
  const finished = new Set(stored.records.map((r) => r.key));
  const fullPlan = planRuns(normalized);
  const shard = options.shard;
  const plan = shard ? fullPlan.filter((s) => s.index % shard.count === shard.index) : fullPlan;
  const todo = plan.filter((s) => !finished.has(s.key));
  const jobs = Math.max(1, Math.min(options.inProcess ? 1 : (options.jobs ?? availableParallelism()), todo.length));
  const lanes: Lane[] = Array.from({ length: todo.length ? jobs : 0 }, () =>
    options.inProcess ? inProcessLane(normalized, sketches) : workerLane(normalized, limits),
  );

  const t0 = performance.now();
  const running = new Map<string, { spec: RunSpec; fraction: number }>();
  const failures: { key: string; error: RunError }[] = [];
  let done = 0;
  let solved = 0;
  let interrupted = false;
  let writeError: StoreError | null = null;
  const report = (): void =>
    options.onProgress?.({ done, total: todo.length, solved, running: [...running.values()], elapsedSeconds: (performance.now() - t0) / 1000 });
  const onAbort = (): void => {
    interrupted = true;
    for (const lane of lanes) void lane.close();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  let next = 0;
  const drive = async (lane: Lane): Promise<void> => {
    while (!interrupted && next < todo.length && !(options.startBefore !== undefined && Date.now() >= options.startBefore)) {
      const spec = todo[next++]!;
      const slot = { spec, fraction: 0 };
      running.set(spec.key, slot);
      report();
      try {
        const record = await lane.run(spec, (f) => {
          slot.fraction = f;
          report();
        });
        if (interrupted) break;
        try {
          appendRun(options.dir, record);
        } catch (e) {
          // A full disk or a vanished directory ends the comparison; the run is redone on resume.
          writeError ??= e as StoreError;
          onAbort();
          break;
        }
        done++;
        if (record.success) solved++;
        options.onRecord?.(record);
      } catch (e) {
        if (interrupted) break;
        failures.push({ key: spec.key, error: e instanceof RunError ? e : new RunError(e instanceof Error ? e.message : String(e)) });
      } finally {
        running.delete(spec.key);
        report();
      }
    }
  };
  try {
    await Promise.all(lanes.map(drive));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await Promise.all(lanes.map((l) => l.close()));
  }

  if (writeError) throw writeError;

  // Only records of this plan count: a line of another comparison never passes for one of its runs.
  const planned = new Set(fullPlan.map((s) => s.key));
  const all = readRuns(options.dir).records;
  const records = all.filter((r) => planned.has(r.key));
  let summary: Summary;
  try {
    summary = writeReports(options.dir, normalized, records, options.reference, options.referenceSource);
  } catch (e) {
    throw writeFailure(options.dir, e);
  }
  return {
    config: normalized,
    summary,
    records,
    ran: done,
    kept: plan.length - todo.length,
    droppedTornLine: stored.tornBytes > 0,
    garbledLines: stored.garbledLines,
    foreignRecords: all.length - records.length,
    setAside: stored.setAside,
    failures,
    interrupted,
  };
}
