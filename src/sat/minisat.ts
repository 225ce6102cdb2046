// MiniSat (the logic-solver package: MiniSat 2 compiled to JavaScript). Its solve call is synchronous
// and cannot be interrupted, so it runs in a worker thread, kept between solves (loading MiniSat takes
// about half a second) and terminated at a time limit. MiniSat's build there reports no statistics:
// no conflict count.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CnfClauses, SolveRequest, SolverAnswer } from './solver.ts';

/** The worker: plain JavaScript, so it runs the same from sources and from the bundle. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.url).then((m) => {
  const MiniSat = (m.default ?? m)._MiniSat;
  parentPort.on('message', ({ variables, literals }) => {
    const solver = new MiniSat();
    solver.ensureVar(variables);
    let ok = true;
    let clause = [];
    for (let i = 0; i < literals.length; i++) {
      if (literals[i] !== 0) { clause.push(literals[i]); continue; }
      ok = solver.addClause(clause) && ok;
      clause = [];
    }
    const sat = ok && solver.solve();
    let model = null;
    if (sat) {
      const solution = solver.getSolution();
      model = new Uint8Array(variables + 1);
      for (let v = 1; v <= variables; v++) model[v] = solution[v] ? 1 : 0;
    }
    parentPort.postMessage({ sat, model });
  });
  parentPort.postMessage({ ready: true });
}).catch((e) => parentPort.postMessage({ error: String((e && e.stack) || e) }));
`;

interface FromWorker {
  readonly ready?: boolean;
  readonly sat?: boolean;
  readonly model?: Uint8Array | null;
  readonly error?: string;
}

let current: Promise<Worker> | null = null;

/** The worker with MiniSat loaded (started on first use and after a terminated solve). */
function ready(): Promise<Worker> {
  current ??= new Promise<Worker>((resolve, reject) => {
    const url = pathToFileURL(createRequire(import.meta.url).resolve('logic-solver')).href;
    const worker = new Worker(WORKER, { eval: true, workerData: { url } });
    worker.once('message', (m: FromWorker) => {
      if (m.ready) {
        worker.unref();
        resolve(worker);
      } else reject(new Error(`minisat: ${m.error ?? 'worker failed to start'}`));
    });
    worker.once('error', reject);
  }).catch((e: unknown) => {
    current = null;
    throw e;
  });
  return current;
}

/** Starts the worker and loads MiniSat, so that no timed solve pays for it. */
export async function warmUpMiniSat(): Promise<void> {
  await ready();
}

export async function solveMiniSat(cnf: CnfClauses, request: SolveRequest): Promise<SolverAnswer> {
  const worker = await ready();
  const start = performance.now();
  const seconds = (): number => (performance.now() - start) / 1000;
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const abandon = (): void => {
      current = null;
      void worker.terminate();
    };
    const onMessage = (m: FromWorker): void => {
      cleanup();
      if (m.error !== undefined) return reject(new Error(`minisat: ${m.error}`));
      resolve({ status: m.sat ? 'sat' : 'unsat', model: m.model ?? null, conflicts: null, seconds: seconds() });
    };
    const onError = (e: unknown): void => {
      cleanup();
      abandon();
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    const onExit = (code: number): void => {
      cleanup();
      current = null;
      reject(new Error(`minisat: the worker exited with code ${code} before answering`));
    };
    const timer = setTimeout(() => {
      cleanup();
      abandon();
      resolve({ status: 'timeout', model: null, conflicts: null, seconds: seconds() });
    }, request.seconds * 1000);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ variables: cnf.variables, literals: cnf.literals });
  });
}
