// `tpt playground`: serves the playground (write a sketch, watch the search, compare methods) from the
// package's built static files on this machine, and optionally opens it in the browser.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { packageFile } from '../../index.ts';
import { flagBool, flagNumber, flagString } from '../args.ts';
import { UserError, out } from '../common.ts';
import { serveStatic, type StaticFallback } from '../static-server.ts';
import type { Command } from '../command.ts';

export const DEFAULT_PORT = 8765;

/**
 * Z3's browser build for `smt` in the page. A repository build copies it into dist/playground/z3 (a
 * self-contained site); the package leaves that 35 MB copy out and serves the installed z3-solver's.
 */
function z3Fallback(): StaticFallback[] {
  try {
    return [{ prefix: '/z3/', dir: join(dirname(createRequire(import.meta.url).resolve('z3-solver/package.json')), 'build') }];
  } catch {
    return [];
  }
}

/** Opens `url` in the desktop's browser; quietly does nothing where there is none. */
function openBrowser(url: string): void {
  const [command, ...args] = process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '', url] : ['xdg-open', url];
  try {
    spawn(command!, args, { stdio: 'ignore', detached: true }).on('error', () => out(`could not open a browser; visit ${url}`)).unref();
  } catch {
    out(`could not open a browser; visit ${url}`);
  }
}

export const playgroundCommand: Command = {
  name: 'playground',
  usage: 'tpt playground [--port N] [--open] [--dir DIR]',
  summary: 'serve the playground in the browser: edit a sketch, watch the search, compare methods (this machine only)',
  flags: [
    { name: 'port', type: 'string', value: 'N', help: `port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 = any free port)` },
    { name: 'open', type: 'boolean', help: 'open the page in the default browser' },
    { name: 'dir', type: 'string', value: 'DIR', help: 'serve the playground built into DIR (default: the package\'s dist/playground)' },
  ],
  async run(args) {
    const port = flagNumber(args, 'port', DEFAULT_PORT, { integer: true, min: 0 });
    const given = flagString(args, 'dir');
    const dir = given ? resolve(given) : packageFile('dist', 'playground');
    if (!existsSync(join(dir, 'index.html'))) {
      throw new UserError(`the playground is not built (no ${join(dir, 'index.html')}); build it with: npm run build:playground`);
    }
    let served;
    try {
      served = await serveStatic(dir, port, z3Fallback());
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new UserError(`port ${port} is in use; choose another with --port N (0 = any free port)`);
      if (code === 'EACCES') throw new UserError(`no permission to listen on port ${port}; choose a port above 1024`);
      throw e;
    }
    out(`tpt playground: ${served.url}  (serving ${dir}; Ctrl-C stops)`);
    if (flagBool(args, 'open')) openBrowser(served.url);
    await new Promise<void>((done) => {
      const stop = (): void => {
        served.server.close(() => done());
        served.server.closeAllConnections();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
