// Where the comparison worker is found: from TypeScript sources (with tsx registered in the worker)
// and from the built JavaScript in dist/; a missing file is a clear error.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveWorkerEntry } from '../../src/compare/worker-path.ts';
import { tempDir } from '../temp-dir.ts';

describe('resolveWorkerEntry', () => {
  it('from sources: worker.ts beside the module, loaded after registering tsx', () => {
    const entry = resolveWorkerEntry(new URL('../../src/compare/pool.ts', import.meta.url).href);
    expect(entry.kind).toBe('eval');
    expect(entry.url.pathname).toMatch(/\/src\/compare\/worker\.ts$/);
    if (entry.kind === 'eval') {
      expect(entry.code).toContain('register()');
      expect(entry.code).toMatch(/tsx\/dist\/esm\/api\/index\.mjs/);
      expect(entry.code).toContain(entry.url.href);
    }
  });

  it('from dist/: compare-worker.js beside the chunk, started directly', () => {
    const dist = tempDir('tpt-dist-');
    writeFileSync(join(dist, 'compare-worker.js'), '');
    const entry = resolveWorkerEntry(pathToFileURL(join(dist, 'chunk-X.js')).href);
    expect(entry).toEqual({ kind: 'module', url: pathToFileURL(join(dist, 'compare-worker.js')) });
  });

  it('says what is missing', () => {
    const empty = tempDir('tpt-dist-');
    expect(() => resolveWorkerEntry(pathToFileURL(join(empty, 'chunk-X.js')).href)).toThrow(/comparison worker not found at .*compare-worker\.js; rebuild dist/);
  });
});
