// A static file server for the playground on this machine only: GET and HEAD of files under one
// folder, with the headers that make the page cross-origin isolated (Z3's WebAssembly threads need
// SharedArrayBuffer) and a content security policy that allows no request to any other origin.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
};

/** Sent with every response. */
export const PLAYGROUND_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self' blob: data:",
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

/** The file under `root` that `urlPath` names (`/` is index.html), or null when it is outside `root` or absent. */
export function resolveStatic(root: string, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/** A folder served under a URL prefix when `root` lacks the file (e.g. `/z3/` from the installed z3-solver). */
export interface StaticFallback {
  readonly prefix: string;
  readonly dir: string;
}

/** The file for `urlPath`: under `root`, else under the first fallback whose prefix it starts with. */
function lookup(root: string, urlPath: string, fallbacks: readonly StaticFallback[]): string | null {
  const file = resolveStatic(root, urlPath);
  if (file) return file;
  const fallback = fallbacks.find((f) => urlPath.startsWith(f.prefix));
  return fallback ? resolveStatic(fallback.dir, urlPath.slice(fallback.prefix.length - 1)) : null;
}

/** Starts serving `root` on 127.0.0.1:`port` (0 = any free port); resolves once listening. */
export function serveStatic(root: string, port: number, fallbacks: readonly StaticFallback[] = []): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    for (const [k, v] of Object.entries(PLAYGROUND_HEADERS)) res.setHeader(k, v);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = lookup(root, req.url ?? '/', fallbacks);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': statSync(file).size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).on('error', () => res.destroy()).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve({ server, url: `http://127.0.0.1:${actual}/` });
    });
  });
}
