// Where the comparison worker lives: beside this module's `.ts` source (run through tsx's loader,
// registered inside the worker), or as `compare-worker.mjs` beside the esbuild bundle in dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tsxRegisterUrl } from '../util/import-module.ts';

/** The bundle's file name for the worker entry (see `entries` in bin/tpt.mjs). */
export const BUNDLED_WORKER = 'compare-worker.mjs';
/** The worker's source, beside this folder's modules. */
export const SOURCE_WORKER = 'worker.ts';

/** How to start a worker: a module URL, or (from source) a script to `eval` that loads tsx then the module. */
export type WorkerEntry =
  | { readonly kind: 'module'; readonly url: URL }
  | { readonly kind: 'eval'; readonly url: URL; readonly code: string };

/**
 * Resolves the worker for code running at `moduleUrl` (a module of this folder, or the bundle that
 * contains it). From TypeScript sources (vitest, tsx) the worker is `worker.ts`, started by a small
 * script that registers tsx's ESM loader in the worker first (Node 20 ignores `--import` in a
 * worker's execArgv); from a bundle, `compare-worker.mjs` in the bundle's directory. Throws an Error
 * saying what is missing when the file is not there.
 */
export function resolveWorkerEntry(moduleUrl: string): WorkerEntry {
  const fromSource = moduleUrl.endsWith('.ts');
  const url = new URL(fromSource ? `./${SOURCE_WORKER}` : `./${BUNDLED_WORKER}`, moduleUrl);
  if (url.protocol === 'file:' && !existsSync(fileURLToPath(url))) {
    throw new Error(
      fromSource
        ? `comparison worker not found at ${fileURLToPath(url)}`
        : `comparison worker not found at ${fileURLToPath(url)}; rebuild the bundle (bin/tpt.mjs builds it with the entry 'compare-worker')`,
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
