// `runComparison`: plans every run, skips those already in the results directory, runs the rest in
// parallel lanes (worker threads), appends each record as it finishes, then writes the reports.
import { availableParallelism } from 'node:os';
import { normalizeConfig, planRuns, type ComparisonConfig, type NormalizedConfig, type RunSpec, type Shard } from './config.ts';
import { inProcessLane, RunError, workerLane, type Lane } from './pool.ts';
import { SketchCache, type RunRecord } from './record.ts';
import { loadSketch } from '../sketch/load.ts';
import { writeReports } from './outputs.ts';
import { appendRun, openStore, readRuns } from './store.ts';
import type { PaperReference } from './reference.ts';
import type { Summary } from './summary.ts';

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
  readonly failures: readonly { readonly key: string; readonly error: RunError }[];
  readonly interrupted: boolean;
}

/**
 * Runs (or resumes) a comparison into `options.dir`. Throws `OptionError` for bad method options,
 * `SketchLoadError` when a sweep value's sketch does not load, `StoreError` when the directory
 * holds a different comparison.
 */
export async function runComparison(config: ComparisonConfig, options: CompareRunOptions): Promise<CompareOutcome> {
  const normalized = normalizeConfig(config);
  const sketches = new SketchCache(normalized, loadSketch);
  for (const value of normalized.sweep ? normalized.sweep.values : [null]) sketches.get(value);
  const stored = openStore(options.dir, normalized);
  const finished = new Set(stored.records.map((r) => r.key));
  const plan = planRuns(normalized, options.shard);
  const todo = plan.filter((s) => !finished.has(s.key));
  const jobs = Math.max(1, Math.min(options.inProcess ? 1 : (options.jobs ?? availableParallelism()), todo.length));
  const lanes: Lane[] = Array.from({ length: todo.length ? jobs : 0 }, () =>
    options.inProcess ? inProcessLane(normalized, sketches) : workerLane(normalized),
  );

  const t0 = performance.now();
  const running = new Map<string, { spec: RunSpec; fraction: number }>();
  const failures: { key: string; error: RunError }[] = [];
  let done = 0;
  let solved = 0;
  let interrupted = false;
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
    while (!interrupted && next < todo.length) {
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
        appendRun(options.dir, record);
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

  const records = readRuns(options.dir).records;
  const summary = writeReports(options.dir, normalized, records, options.reference, options.referenceSource);
  return {
    config: normalized,
    summary,
    records,
    ran: done,
    kept: plan.length - todo.length,
    droppedTornLine: stored.tornBytes > 0,
    failures,
    interrupted,
  };
}
