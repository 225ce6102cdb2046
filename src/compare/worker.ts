// A comparison worker thread: receives planned runs one at a time, runs each with the shared
// `executeRun`, and posts back progress and the finished record. Started by pool.ts, never imported.
import { parentPort, workerData } from 'node:worker_threads';
import { executeRun, SketchCache, SketchLoadError } from './record.ts';
import { loadComparisonModules } from './modules.ts';
import type { FromWorker, ToWorker, WorkerData } from './pool.ts';
import { loadSketch } from '../sketch/load.ts';
import '../sat/node-solvers.ts';

const port = parentPort;
if (!port) throw new Error('compare worker started outside a worker thread');
const { config, limits } = workerData as WorkerData;
const sketches = new SketchCache(config, loadSketch, limits);
// Methods from user modules: the same files, unchanged, loaded in this thread before any run.
const ready = loadComparisonModules({ modules: Object.fromEntries(Object.entries(config.modules ?? {}).map(([n, s]) => [n, s.path])) }, config.modules);
ready.catch(() => {}); // reported with every run
const send = (message: FromWorker): void => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  const { spec } = message;
  ready.then(() => executeRun(config, spec, sketches, (fraction) => send({ type: 'progress', key: spec.key, fraction }))).then(
    (record) => send({ type: 'record', record }),
    (e: unknown) =>
      send({
        type: 'error',
        key: spec.key,
        message: e instanceof Error ? e.message : String(e),
        details: e instanceof SketchLoadError ? [...e.details] : e instanceof Error && e.stack ? [e.stack] : [],
      }),
  );
});
