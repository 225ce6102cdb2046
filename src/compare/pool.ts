// Executors for planned runs: a pool of worker threads (one run at a time per worker), or the
// current thread. A worker that dies fails only its current run and is replaced for the next.
import { Worker } from 'node:worker_threads';
import type { NormalizedConfig, RunSpec } from './config.ts';
import { executeRun, SketchCache, type RunRecord } from './record.ts';
import { resolveWorkerEntry, type WorkerEntry } from './worker-path.ts';
import { loadSketch } from '../sketch/load.ts';
import { DEFAULT_LIMITS, type Limits } from '../util/limits.ts';

/** What a worker starts with. */
export interface WorkerData {
  readonly config: NormalizedConfig;
  readonly limits: Limits;
}

/** Main thread -> worker. */
export interface ToWorker {
  readonly type: 'run';
  readonly spec: RunSpec;
}

/** Worker -> main thread. */
export type FromWorker =
  | { readonly type: 'progress'; readonly key: string; readonly fraction: number }
  | { readonly type: 'record'; readonly record: RunRecord }
  | { readonly type: 'error'; readonly key: string; readonly message: string; readonly details: readonly string[] };

/** A run that threw instead of finishing (a bug, or a worker that died). */
export class RunError extends Error {
  override name = 'RunError';
  constructor(
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

/** Runs one planned run at a time. */
export interface Lane {
  run(spec: RunSpec, onProgress: (fraction: number) => void): Promise<RunRecord>;
  close(): Promise<void>;
}

/** A lane in the current thread (runs block it; for tests and debugging). */
export function inProcessLane(config: NormalizedConfig, sketches = new SketchCache(config, loadSketch)): Lane {
  return {
    run: (spec, onProgress) => executeRun(config, spec, sketches, onProgress),
    close: async () => {},
  };
}

/** A lane backed by one worker thread, started on first use and restarted after it dies. */
export function workerLane(config: NormalizedConfig, limits: Limits = DEFAULT_LIMITS, entry: WorkerEntry = resolveWorkerEntry(import.meta.url)): Lane {
  let worker: Worker | null = null;
  let pending: { resolve: (r: RunRecord) => void; reject: (e: Error) => void; onProgress: (f: number) => void } | null = null;
  const fail = (e: Error): void => {
    worker = null;
    const p = pending;
    pending = null;
    p?.reject(e);
  };
  const start = (): Worker => {
    const options = { workerData: { config, limits } satisfies WorkerData, stdout: false, stderr: false };
    const w = entry.kind === 'module' ? new Worker(entry.url, options) : new Worker(entry.code, { ...options, eval: true });
    w.on('message', (m: FromWorker) => {
      if (!pending) return;
      if (m.type === 'progress') pending.onProgress(m.fraction);
      else {
        const p = pending;
        pending = null;
        if (m.type === 'record') p.resolve(m.record);
        else p.reject(new RunError(m.message, m.details));
      }
    });
    w.on('error', (e) => fail(new RunError(`worker failed: ${e.message}`, e.stack ? [e.stack] : [])));
    w.on('exit', (code) => {
      if (worker === w) fail(new RunError(`worker exited with code ${code}`));
    });
    return w;
  };
  return {
    run(spec, onProgress) {
      worker ??= start();
      const w = worker;
      return new Promise<RunRecord>((resolve, reject) => {
        pending = { resolve, reject, onProgress };
        w.postMessage({ type: 'run', spec } satisfies ToWorker);
      });
    },
    async close() {
      const w = worker;
      worker = null;
      pending?.reject(new RunError('interrupted'));
      pending = null;
      if (w) await w.terminate();
    },
  };
}
