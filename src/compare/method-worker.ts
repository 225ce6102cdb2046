// The worker thread of `startMethodInWorker`: runs one method on a sketch and posts back progress
// and the finished synthesis. Its stop flag is shared memory the starting thread sets (Ctrl-C), so a
// run that never yields to an event loop still stops at its next step. Never imported.
import { parentPort, workerData } from 'node:worker_threads';
import { runMethod } from './methods.ts';
import { loadOptimizerModule } from '../optimizers/user-module.ts';
import type { MethodWorkerData, FromMethodWorker } from './run-in-worker.ts';
import '../sat/node-solvers.ts';

const port = parentPort;
if (!port) throw new Error('synthesis worker started outside a worker thread');
const { sketch, request, stop, progress, module } = workerData as MethodWorkerData;
const send = (message: FromMethodWorker): void => port.postMessage(message);

// A method from a user's module: the same file, unchanged, before the run.
const ready = module ? loadOptimizerModule(module.path, module.sha256) : Promise.resolve();
ready.then(() => runMethod(sketch, { ...request, stop, ...(progress ? { onProgress: (p) => send({ type: 'progress', progress: p }) } : {}) })).then(
  (synthesis) => send({ type: 'done', synthesis }),
  (e: unknown) => send({ type: 'error', name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack ?? '' : '' }),
);
