// Where a worker thread's entry lives: beside this module's `.ts` source (run through tsx's loader,
// registered inside the worker), or as an `.mjs` file beside the esbuild bundle in dist/.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A worker entry: its source beside this folder's modules, its file beside the bundle (see `entries` in bin/tpt.mjs). */
export interface WorkerFiles {
  readonly source: string;
  readonly bundled: string;
  /** What the worker is, for error messages. */
  readonly what: string;
}

/** The comparison worker (one planned run at a time). */
export const COMPARE_WORKER: WorkerFiles = { source: 'worker.ts', bundled: 'compare-worker.mjs', what: 'comparison worker' };
/** The worker that runs one method for `tpt synth`, so that Ctrl-C can stop it (method-worker.ts). */
export const METHOD_WORKER: WorkerFiles = { source: 'method-worker.ts', bundled: 'method-worker.mjs', what: 'synthesis worker' };

/** How to start a worker: a module URL, or (from source) a script to `eval` that loads tsx then the module. */
export type WorkerEntry =
  | { readonly kind: 'module'; readonly url: URL }
  | { readonly kind: 'eval'; readonly url: URL; readonly code: string };

/**
 * Resolves a worker for code running at `moduleUrl` (a module of this folder, or the bundle that
 * contains it). From TypeScript sources (vitest, tsx) the worker is its `.ts` source, started by a
 * small script that registers tsx's ESM loader in the worker first (Node 20 ignores `--import` in a
 * worker's execArgv); from a bundle, its `.mjs` file in the bundle's directory. Throws an Error
 * saying what is missing when the file is not there.
 */
export function resolveWorkerEntry(moduleUrl: string, files: WorkerFiles = COMPARE_WORKER): WorkerEntry {
  const fromSource = moduleUrl.endsWith('.ts');
  const url = new URL(fromSource ? `./${files.source}` : `./${files.bundled}`, moduleUrl);
  if (url.protocol === 'file:' && !existsSync(fileURLToPath(url))) {
    const entry = files.bundled.replace(/\.mjs$/, '');
    throw new Error(
      fromSource
        ? `${files.what} not found at ${fileURLToPath(url)}`
        : `${files.what} not found at ${fileURLToPath(url)}; rebuild the bundle (bin/tpt.mjs builds it with the entry '${entry}')`,
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

/** The URL of tsx's ESM `register` API, resolved from the package that contains `moduleUrl`. */
export function tsxRegisterUrl(moduleUrl: string): string {
  const require = createRequire(moduleUrl);
  let pkgPath: string;
  try {
    pkgPath = require.resolve('tsx/package.json');
  } catch {
    throw new Error('running from TypeScript sources needs the tsx package to start worker threads');
  }
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports?: Record<string, unknown> };
  const api = pkg.exports?.['./esm/api'] as { import?: { default?: string } | string } | undefined;
  const rel = typeof api?.import === 'string' ? api.import : api?.import?.default;
  if (!rel) throw new Error(`tsx at ${dirname(pkgPath)} has no ESM register API ('tsx/esm/api')`);
  return pathToFileURL(join(dirname(pkgPath), rel)).href;
}
