// Runs one method on a sketch in a worker thread, so that the starting thread stays free to draw
// progress and to catch Ctrl-C: `stop()` sets a flag in shared memory that the run's loop reads at
// every step, and the run then ends with its best assignment (stop reason `interrupted`).
import { Worker } from 'node:worker_threads';
import type { Sketch } from '../sketch/sketch.ts';
import type { Progress } from '../synth/progress.ts';
import type { MethodSynthesis } from '../synth/method.ts';
import type { MethodRequest } from './methods.ts';
import { RunError } from './pool.ts';
import { optimizerModuleSource, type OptimizerModuleSource } from '../optimizers/registry.ts';
import { METHOD_WORKER, resolveWorkerEntry, type WorkerEntry } from './worker-path.ts';

/** A request without its callbacks (they stay in the starting thread). */
export type WorkerRequest = Omit<MethodRequest, 'onProgress' | 'onOptimizer' | 'stop'>;

/** What the worker is started with. */
export interface MethodWorkerData {
  readonly sketch: Sketch;
  readonly request: WorkerRequest;
  /** Element 0 on a SharedArrayBuffer: non-zero asks the run to stop. */
  readonly stop: Int32Array;
  /** Whether to post progress messages. */
  readonly progress: boolean;
  /** The method's module when it comes from a user's file: loaded in the worker, unchanged, first. */
  readonly module?: OptimizerModuleSource;
}

/** Worker -> starting thread. */
export type FromMethodWorker =
  | { readonly type: 'progress'; readonly progress: Progress }
  | { readonly type: 'done'; readonly synthesis: MethodSynthesis }
  | { readonly type: 'error'; readonly name: string; readonly message: string; readonly stack: string };

/** A method running in a worker thread. */
export interface BackgroundRun {
  /** The finished synthesis; rejects with the run's error (same name and message) or a RunError. */
  readonly result: Promise<MethodSynthesis>;
  /** Asks the run to stop at its next step; `result` then resolves with the best assignment so far. */
  stop(): void;
  /** Ends the thread at once (for methods that cannot stop between steps, e.g. smt); `result` rejects. */
  kill(): Promise<void>;
}

/** Starts `request.optimizer` on `sketch` in a worker thread; `request.onProgress` is called in this thread. */
export function startMethodInWorker(sketch: Sketch, request: MethodRequest, entry: WorkerEntry = resolveWorkerEntry(import.meta.url, METHOD_WORKER)): BackgroundRun {
  const { onProgress, onOptimizer: _ignored, stop: _own, ...rest } = request;
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const module = optimizerModuleSource(request.optimizer);
  const workerData: MethodWorkerData = { sketch, request: rest, stop, progress: onProgress !== undefined, ...(module ? { module } : {}) };
  const options = { workerData, stdout: false, stderr: false };
  const worker = entry.kind === 'module' ? new Worker(entry.url, options) : new Worker(entry.code, { ...options, eval: true });
  let settled = false;
  const result = new Promise<MethodSynthesis>((resolve, reject) => {
    const finish = (f: () => void): void => {
      if (settled) return;
      settled = true;
      f();
      void worker.terminate();
    };
    worker.on('message', (m: FromMethodWorker) => {
      if (m.type === 'progress') onProgress?.(m.progress);
      else if (m.type === 'done') finish(() => resolve(m.synthesis));
      else finish(() => reject(Object.assign(new Error(m.message), { name: m.name, stack: m.stack })));
    });
    worker.on('error', (e) => finish(() => reject(new RunError(`synthesis worker failed: ${e.message}`, e.stack ? [e.stack] : []))));
    worker.on('exit', (code) => finish(() => reject(new RunError(`synthesis worker exited with code ${code}`))));
  });
  return {
    result,
    stop: () => void Atomics.store(stop, 0, 1),
    kill: async () => void (await worker.terminate()),
  };
}
