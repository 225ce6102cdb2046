// Importing a user's module by path: JavaScript directly, TypeScript through tsx's ESM loader,
// registered in this thread the first time a `.ts` file is asked for (a bundle or a worker thread
// has no loader of its own). Also where tsx's `register` API lives, for workers started from sources.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The URL of tsx's ESM `register` API, resolved from the package that contains `moduleUrl`. */
export function tsxRegisterUrl(moduleUrl: string): string {
  const require = createRequire(moduleUrl);
  let pkgPath: string;
  try {
    pkgPath = require.resolve('tsx/package.json');
  } catch {
    throw new Error('running TypeScript needs the tsx package (npm install tsx)');
  }
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports?: Record<string, unknown> };
  const api = pkg.exports?.['./esm/api'] as { import?: { default?: string } | string } | undefined;
  const rel = typeof api?.import === 'string' ? api.import : api?.import?.default;
  if (!rel) throw new Error(`tsx at ${dirname(pkgPath)} has no ESM register API ('tsx/esm/api')`);
  return pathToFileURL(join(dirname(pkgPath), rel)).href;
}

let tsxRegistered: Promise<void> | null = null;

/** Registers tsx's loader in this thread once. */
function registerTsx(): Promise<void> {
  tsxRegistered ??= import(tsxRegisterUrl(import.meta.url)).then((m: { register: () => unknown }) => {
    m.register();
  });
  return tsxRegistered;
}

/**
 * Imports the module at absolute path `file` (a query `version` makes a changed file load afresh).
 * A TypeScript file the running loader cannot read is imported again after registering tsx.
 */
export async function importFile(file: string, version = ''): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href + (version ? `?v=${version}` : '');
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (e) {
    const unknownExtension = (e as { code?: string }).code === 'ERR_UNKNOWN_FILE_EXTENSION';
    if (!unknownExtension || !/\.[cm]?ts$/.test(file)) throw e;
    await registerTsx();
    // A failed import stays cached under its URL: ask again under another.
    return (await import(`${url}${version ? '&' : '?'}tsx`)) as Record<string, unknown>;
  }
}
