// Where the comparison worker is found: from TypeScript sources (with tsx registered in the worker)
// and from the esbuild bundle in dist/; a missing file is a clear error.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveWorkerEntry } from '../../src/index.ts';

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

  it('from a bundle: compare-worker.mjs in the bundle directory, started directly', () => {
    const dist = mkdtempSync(join(tmpdir(), 'tpt-dist-'));
    writeFileSync(join(dist, 'compare-worker.mjs'), '');
    const entry = resolveWorkerEntry(pathToFileURL(join(dist, 'tpt.mjs')).href);
    expect(entry).toEqual({ kind: 'module', url: pathToFileURL(join(dist, 'compare-worker.mjs')) });
  });

  it('says what is missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'tpt-dist-'));
    expect(() => resolveWorkerEntry(pathToFileURL(join(empty, 'tpt.mjs')).href)).toThrow(/comparison worker not found at .*compare-worker\.mjs; rebuild the bundle/);
  });
});
