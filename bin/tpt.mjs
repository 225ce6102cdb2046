#!/usr/bin/env node
// Entry point of the `tpt` command. Runs a single-file bundle of the TypeScript CLI, rebuilt with
// esbuild whenever a source file is newer: loading hundreds of modules through a TypeScript loader
// costs seconds per start, the bundle a fraction of that.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist');
const entries = { tpt: 'src/cli/main.ts', 'compare-worker': 'src/compare/worker.ts', 'method-worker': 'src/compare/method-worker.ts' };

function newestSource() {
  let newest = statSync(join(root, 'package-lock.json')).mtimeMs;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(root, 'src'));
  walk(join(root, 'grammar'));
  return newest;
}

const stamp = join(outDir, 'tpt.mjs');
const built = (name) => join(outDir, `${name}.mjs`);
const newest = newestSource();
if (Object.keys(entries).some((name) => !existsSync(built(name)) || statSync(built(name)).mtimeMs < newest)) {
  const { build } = await import('esbuild');
  const tmp = join(outDir, `.build-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  await build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    // z3-solver and cadical-wasm load their WebAssembly (and workers) relative to their own files.
    external: ['z3-solver', 'cadical-wasm'],
    logLevel: 'error',
    // Bundled CommonJS dependencies may call require(); give them one.
    banner: { js: "import { createRequire as __tptCreateRequire } from 'node:module'; const require = __tptCreateRequire(import.meta.url);" },
  });
  // Rename into place so a concurrent start never sees a half-written bundle.
  for (const name of Object.keys(entries)) renameSync(join(tmp, `${name}.mjs`), join(outDir, `${name}.mjs`));
  readdirSync(tmp).length === 0 && (await import('node:fs')).rmdirSync(tmp);
}
await import(pathToFileURL(stamp).href);
