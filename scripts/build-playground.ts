// Builds the playground into a folder of static files (default dist/playground): the page and its
// worker bundled by esbuild from playground/src with the library's browser-safe API (src/core.ts), the
// bundled programs and the paper's numbers as modules, and Z3's WebAssembly for `smt`.
// Usage: npx tsx scripts/build-playground.ts [OUT_DIR]
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { defaultReferencePath } from '../src/index.ts';
import type { Example } from '../playground/src/example.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_OUT = join(ROOT, 'dist', 'playground');

/** How the menu groups the bundled programs (by folder; `hybrid` is a net of its own kind). */
const GROUPS: Readonly<Record<string, string>> = {
  circuit: 'Circuits', parity_chain: 'Parity chain', turing: 'Turing machine', basic_block: 'Basic block',
  dnf: 'DNF', tape: 'Tape machine', nets: 'Nets', hybrid: 'Hybrid',
};

/** Every program under programs/ with the data and hypers beside it, in menu order. */
export function bundledExamples(programsDir = join(ROOT, 'programs')): Example[] {
  const examples: Example[] = [];
  for (const dir of Object.keys(GROUPS)) {
    const folder = join(programsDir, dir);
    if (!existsSync(folder)) continue;
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.tpt')).sort()) {
      const id = file.replace(/\.tpt$/, '');
      const read = (kind: string): string => {
        const path = join(folder, `${id}.${kind}.json`);
        return existsSync(path) ? readFileSync(path, 'utf8') : '';
      };
      const source = readFileSync(join(folder, file), 'utf8');
      const data = read('data');
      const hypers = read('hypers');
      const batches = data
        ? (JSON.parse(data) as { batch_name?: string }[]).map((b, i) => b.batch_name ?? `batch${i}`)
        : hypers ? Object.keys(JSON.parse(hypers) as object) : [];
      const group = GROUPS[id] ?? GROUPS[dir]!;
      examples.push({ id, file, group, title: titleOf(source, id), source, data, hypers, batches });
    }
  }
  // The menu lists groups in the order of GROUPS.
  const order = Object.values(GROUPS);
  return examples.sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
}

/** The first comment line up to its first parenthesis, colon or full stop: `Boolean circuits`. */
function titleOf(source: string, fallback: string): string {
  const first = /^#\s*(.+)$/m.exec(source)?.[1] ?? fallback;
  return first.split(/\s[(:]|[.:](\s|$)/)[0]!.trim();
}

/** Virtual modules: the bundled programs and the paper's numbers (null when the file is absent). */
function dataModules(): Plugin {
  const modules: Record<string, () => unknown> = {
    'tpt-playground:examples': () => bundledExamples(),
    'tpt-playground:reference': () => {
      const path = defaultReferencePath();
      return path ? { reference: JSON.parse(readFileSync(path, 'utf8')) as unknown, source: 'GradSearch paper, Tables 1 and 2' } : null;
    },
  };
  return {
    name: 'tpt-playground-data',
    setup(b) {
      b.onResolve({ filter: /^tpt-playground:/ }, (args) => ({ path: args.path, namespace: 'tpt-playground' }));
      b.onLoad({ filter: /.*/, namespace: 'tpt-playground' }, (args) => ({ contents: JSON.stringify(modules[args.path]!()), loader: 'json' }));
    },
  };
}

/** `z3-solver` as the library imports it resolves to playground/src/z3-shim.ts (its browser build plus killThreads). */
function z3ForTheBrowser(): Plugin {
  return {
    name: 'tpt-playground-z3',
    setup(b) {
      b.onResolve({ filter: /^z3-solver$/ }, () => ({ path: join(ROOT, 'playground', 'src', 'z3-shim.ts') }));
    },
  };
}

/**
 * `cadical-wasm` is an Emscripten module written for Node and ES modules; the page's bundle is a
 * classic script, so the playground leaves `sat` out (playground/src/cadical-shim.ts says so when asked).
 */
function noCadical(): Plugin {
  return {
    name: 'tpt-playground-cadical',
    setup(b) {
      b.onResolve({ filter: /^cadical-wasm$/ }, () => ({ path: join(ROOT, 'playground', 'src', 'cadical-shim.ts') }));
    },
  };
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Builds the playground into `outDir` (replaced whole once the new files are complete). */
export async function buildPlayground(outDir = DEFAULT_OUT, options: { readonly minify?: boolean } = {}): Promise<void> {
  const tmp = `${outDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, 'z3'), { recursive: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: { app: 'playground/src/main.ts', worker: 'playground/src/worker.ts' },
    outdir: tmp,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['chrome110', 'firefox115', 'safari16'],
    minify: options.minify ?? true,
    sourcemap: 'linked',
    // z3-solver's browser build reads `global.initZ3`.
    define: { global: 'globalThis', TPT_VERSION: JSON.stringify(packageVersion()) },
    plugins: [dataModules(), z3ForTheBrowser(), noCadical()],
    logLevel: 'error',
  });
  for (const file of ['index.html', 'style.css']) copyFileSync(join(ROOT, 'playground', file), join(tmp, file));
  const z3 = join(ROOT, 'node_modules', 'z3-solver', 'build');
  for (const file of ['z3-built.js', 'z3-built.wasm']) copyFileSync(join(z3, file), join(tmp, 'z3', file));
  writeFileSync(join(tmp, 'README.txt'), 'The tpt playground: static files. Serve them with `npx tpt playground`, or from any web server that sends\nCross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp (Z3 needs them for `smt`).\n');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(dirname(outDir), { recursive: true });
  renameSync(tmp, outDir);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? DEFAULT_OUT);
  const t0 = performance.now();
  await buildPlayground(out);
  process.stdout.write(`playground built into ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}
