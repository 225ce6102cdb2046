// The worker thread of `startMethodInWorker`: runs one method on a sketch and posts back progress
// and the finished synthesis. Its stop flag is shared memory the starting thread sets (Ctrl-C), so a
// run that never yields to an event loop still stops at its next step. Never imported.
import { parentPort, workerData } from 'node:worker_threads';
import { runMethod } from './methods.ts';
import type { MethodWorkerData, FromMethodWorker } from './run-in-worker.ts';

const port = parentPort;
if (!port) throw new Error('synthesis worker started outside a worker thread');
const { sketch, request, stop, progress } = workerData as MethodWorkerData;
const send = (message: FromMethodWorker): void => port.postMessage(message);

runMethod(sketch, { ...request, stop, ...(progress ? { onProgress: (p) => send({ type: 'progress', progress: p }) } : {}) }).then(
  (synthesis) => send({ type: 'done', synthesis }),
  (e: unknown) => send({ type: 'error', name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack ?? '' : '' }),
);
