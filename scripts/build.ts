// Builds the package into dist/: esbuild bundles the library entries, the CLI and the comparison
// worker as ES modules that share chunks (chevrotain bundled in, z3-solver left to node_modules), and
// tsc writes the declarations to dist/types/. The README's "Building" section says why (measured).
//
//   tsx scripts/build.ts            both parts
//   tsx scripts/build.ts --js       the JavaScript only (what the CLI tests need)
//   tsx scripts/build.ts --if-stale only the parts older than a source file
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const TYPES = join(DIST, 'types');

/** Entry name -> source: `dist/<name>.js`. */
export const ENTRIES: Readonly<Record<string, string>> = {
  index: 'src/index.ts',
  core: 'src/core.ts',
  cli: 'src/cli/bin.ts',
  'compare-worker': 'src/compare/worker.ts',
  'method-worker': 'src/compare/method-worker.ts',
};

export type Part = 'js' | 'types';

/** Files each part is built from; a part is stale when one is newer than its stamp. */
const INPUTS: Readonly<Record<Part, readonly string[]>> = {
  js: ['src', 'grammar', 'package.json', 'package-lock.json', 'scripts/build.ts'],
  types: ['src', 'grammar', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.ts'],
};
/** When each part was last built (outside dist/, which ships). */
const STAMPS = join(ROOT, 'node_modules', '.cache', 'tpt-build');
const STAMP: Readonly<Record<Part, string>> = { js: join(STAMPS, 'js'), types: join(STAMPS, 'types') };

function stamp(part: Part): void {
  mkdirSync(STAMPS, { recursive: true });
  writeFileSync(STAMP[part], '');
}

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, e)));
  return newest;
}

/** True when `part` was never built or a file it is built from changed since. */
export function isStale(part: Part): boolean {
  if (!existsSync(STAMP[part])) return true;
  const built = statSync(STAMP[part]).mtimeMs;
  return INPUTS[part].some((p) => newestMtime(join(ROOT, p)) > built);
}

/**
 * esbuild's settings for the bundles: ES modules for Node 20 sharing chunks, source maps; every
 * package bundled in but `external` (z3-solver loads its WebAssembly and threads relative to its
 * own files). bench/startup.ts builds variants with other externals.
 */
export function bundleOptions(outdir: string, external: readonly string[] = ['z3-solver', 'cadical-wasm', 'logic-solver']): BuildOptions & { metafile: true } {
  return {
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    external: [...external],
    metafile: true,
    logLevel: 'error',
  };
}

/** Bundles every entry into dist/ (removing the JavaScript of an earlier build). */
export async function buildJs(): Promise<void> {
  mkdirSync(DIST, { recursive: true });
  for (const f of readdirSync(DIST)) if (/\.js(\.map)?$/.test(f)) rmSync(join(DIST, f));
  const result = await build(bundleOptions(DIST));
  writeFileSync(join(DIST, 'THIRD-PARTY-NOTICES.md'), thirdPartyNotices(result.metafile));
  stamp('js');
}

/** Writes the `.d.ts` declarations of src/ and grammar/ to dist/types/ (tsc, tsconfig.build.json). */
export function buildTypes(): void {
  rmSync(TYPES, { recursive: true, force: true });
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`tsc failed building the declarations (exit ${r.status})`);
  stamp('types');
}

/**
 * The licence of every package bundled into dist/ (from esbuild's list of inputs), grouped by
 * identical licence text: the bundle redistributes their code.
 */
function thirdPartyNotices(meta: Metafile): string {
  const packages = new Map<string, string>();
  for (const input of Object.keys(meta.inputs)) {
    const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) packages.set(m[1]!, join(ROOT, input.slice(0, m.index + m[0].length)));
  }
  const byText = new Map<string, string[]>();
  for (const [name, dir] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string; license?: string };
    const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
    if (!file) throw new Error(`bundled package ${name} has no licence file`);
    const text = readFileSync(join(dir, file), 'utf8').trim();
    byText.set(text, [...(byText.get(text) ?? []), `${name}@${pkg.version} (${pkg.license ?? 'see below'})`]);
  }
  const sections = [...byText].map(([text, names]) => `## ${names.join(', ')}\n\n\`\`\`\n${text}\n\`\`\``);
  return `# Third-party code in dist/\n\nThe bundles in this folder include these packages, under these licences.\n\n${sections.join('\n\n')}\n`;
}

/** Builds the parts asked for (all by default); with `ifStale`, only those older than their sources. */
export async function buildPackage(parts: readonly Part[] = ['js', 'types'], ifStale = false): Promise<Part[]> {
  const todo = parts.filter((p) => !ifStale || isStale(p));
  if (todo.includes('js')) await buildJs();
  if (todo.includes('types')) buildTypes();
  return todo;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const known = ['--js', '--types', '--if-stale'];
  const unknown = args.filter((a) => !known.includes(a));
  if (unknown.length > 0) {
    process.stderr.write(`build: unknown flag ${unknown[0]}; known: ${known.join(', ')}\n`);
    process.exit(2);
  }
  const parts: Part[] = args.includes('--js') || args.includes('--types') ? (['js', 'types'] as const).filter((p) => args.includes(`--${p}`)) : ['js', 'types'];
  const t0 = performance.now();
  const built = await buildPackage(parts, args.includes('--if-stale')).catch((e: unknown) => {
    process.stderr.write(`build: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
  const what = built.length === 0 ? 'up to date' : `built ${built.join(' and ')}`;
  process.stdout.write(`dist/ ${what} in ${((performance.now() - t0) / 1000).toFixed(1)} s (${relative(process.cwd(), DIST) || '.'})\n`);
}
