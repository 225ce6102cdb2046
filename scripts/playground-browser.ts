// Driving the playground (its browser tests, the README's screenshot): a fresh build, the real `tpt playground` server in a child process,
// and Debian's Chromium driven headless by playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { buildPlayground } from './build-playground.ts';

/** The built CLI (`npm run build`; the test suite's global setup keeps it current). */
const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
export const CHROMIUM = process.env['TPT_CHROMIUM'] ?? '/usr/bin/chromium';

/** Builds the playground from the current sources into a new temporary folder. */
export async function buildFresh(): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'tpt-playground-')), 'site');
  await buildPlayground(dir, { minify: false });
  return dir;
}

export interface Served {
  readonly url: string;
  readonly process: ChildProcess;
  /** Stops the server (SIGTERM) and resolves with its exit code. */
  stop(): Promise<number | null>;
}

/** Runs `tpt playground --dir DIR --port 0` and resolves once it prints its address. */
export function servePlayground(dir: string): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'playground', '--dir', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tpt playground did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[0], process: child, stop: () => (child.kill('SIGTERM'), exited) });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`tpt playground exited with ${code}:\n${output}`));
    });
  });
}

/** Headless Chromium with a fresh profile, no network beyond this machine, no background traffic. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium), as .ci/run does`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
