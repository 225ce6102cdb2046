// Where a worker thread's entry lives: beside this module's `.ts` source (run through tsx's loader,
// registered inside the worker), or as a `.js` file beside the bundle's chunks in dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tsxRegisterUrl } from '../util/import-module.ts';

/** A worker entry: its source beside this folder's modules, its built file in dist/ (see `ENTRIES` in scripts/build.ts). */
export interface WorkerFiles {
  readonly source: string;
  readonly bundled: string;
  /** What the worker is, for error messages. */
  readonly what: string;
}

/** The comparison worker (one planned run at a time). */
export const COMPARE_WORKER: WorkerFiles = { source: 'worker.ts', bundled: 'compare-worker.js', what: 'comparison worker' };
/** The worker that runs one method for `tpt synth`, so that Ctrl-C can stop it (method-worker.ts). */
export const METHOD_WORKER: WorkerFiles = { source: 'method-worker.ts', bundled: 'method-worker.js', what: 'synthesis worker' };

/** How to start a worker: a module URL, or (from source) a script to `eval` that loads tsx then the module. */
export type WorkerEntry =
  | { readonly kind: 'module'; readonly url: URL }
  | { readonly kind: 'eval'; readonly url: URL; readonly code: string };

/**
 * Resolves a worker for code running at `moduleUrl` (a module of this folder, or the dist/ chunk
 * that contains it). From TypeScript sources (vitest, tsx) the worker is its `.ts` source, started by a
 * small script that registers tsx's ESM loader in the worker first (Node 20 ignores `--import` in a
 * worker's execArgv); from built JavaScript, its `.js` file in the same directory. Throws an Error
 * saying what is missing when the file is not there.
 */
export function resolveWorkerEntry(moduleUrl: string, files: WorkerFiles = COMPARE_WORKER): WorkerEntry {
  const fromSource = moduleUrl.endsWith('.ts');
  const url = new URL(fromSource ? `./${files.source}` : `./${files.bundled}`, moduleUrl);
  if (url.protocol === 'file:' && !existsSync(fileURLToPath(url))) {
    throw new Error(
      fromSource
        ? `${files.what} not found at ${fileURLToPath(url)}`
        : `${files.what} not found at ${fileURLToPath(url)}; rebuild dist/ (npm run build)`,
    );
  }
  if (!fromSource) return { kind: 'module', url };
  const tsx = tsxRegisterUrl(moduleUrl);
  const code =
    `import(${JSON.stringify(tsx)})` +
    `.then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })` +
    `.catch((e) => { setTimeout(() => { throw e; }); });`;
  return { kind: 'eval', url, code };
}
