// The playground's static server: files under its folder, a fallback folder under a URL prefix (how
// an installed package serves Z3's browser build), nothing outside either, the isolation headers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAYGROUND_HEADERS, serveStatic } from '../../src/cli/static-server.ts';
import { tempDir } from '../temp-dir.ts';

const dir = tempDir('tpt-static-');
let served: Awaited<ReturnType<typeof serveStatic>>;

beforeAll(async () => {
  mkdirSync(join(dir, 'site'));
  mkdirSync(join(dir, 'z3build'));
  writeFileSync(join(dir, 'site', 'index.html'), '<p>page</p>');
  writeFileSync(join(dir, 'z3build', 'z3-built.js'), 'z3();');
  writeFileSync(join(dir, 'secret.txt'), 'no');
  served = await serveStatic(join(dir, 'site'), 0, [{ prefix: '/z3/', dir: join(dir, 'z3build') }]);
});
afterAll(() => new Promise<void>((done) => served.server.close(() => done())));

const get = (path: string) => fetch(new URL(path, served.url));

/** The status of a GET of `path` sent as written (fetch would normalise `..` away first). */
const rawStatus = (path: string): Promise<number> =>
  new Promise((done, fail) => {
    const { hostname, port } = new URL(served.url);
    request({ hostname, port, path }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    }).on('error', fail).end();
  });

describe('the playground server', () => {
  it('serves its folder and the fallback under its prefix, with the isolation headers', async () => {
    const page = await get('/');
    expect(await page.text()).toBe('<p>page</p>');
    expect(page.headers.get('cross-origin-embedder-policy')).toBe(PLAYGROUND_HEADERS['Cross-Origin-Embedder-Policy']);
    const z3 = await get('/z3/z3-built.js');
    expect(z3.status).toBe(200);
    expect(z3.headers.get('content-type')).toContain('javascript');
    expect(await z3.text()).toBe('z3();');
  });

  it('serves nothing outside either folder', async () => {
    for (const path of ['/../secret.txt', '/z3/../secret.txt', '/z3/%2e%2e/secret.txt', '/z3/../../secret.txt', '/missing.js']) {
      expect(await rawStatus(path), path).toBe(404);
    }
  });
});
