// The pipeline is one-way: a stage never imports a later stage, and the CLI uses only the public API;
// tpt/core reaches nothing Node-only; nothing reads files from outside the repository.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const ROOT = resolve(new URL('../', import.meta.url).pathname);
/** Stages in pipeline order (README, Layout); `util` is shared by all. */
const ORDER = ['src/util', 'grammar', 'src/syntax', 'src/check', 'src/ir', 'src/data', 'src/exact', 'src/sketch', 'src/relax', 'src/diff', 'src/optimizers', 'src/synth', 'src/smt', 'src/sat', 'src/compare', 'src/cli'];

function stageOf(file: string): number {
  const rel = relative(ROOT, file);
  return ORDER.findIndex((s) => rel === s || rel.startsWith(s + '/'));
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const files = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'grammar'))];

describe('layout', () => {
  it('no stage imports a later stage', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = stageOf(file);
      if (from < 0) continue; // src/index.ts: the public API gathers every stage
      for (const m of readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"](\.[^'"]+)['"]/gm)) {
        const target = resolve(dirname(file), m[1]!);
        const to = stageOf(target);
        const isPublicApi = relative(ROOT, target) === 'src/index.ts';
        if (to > from || (isPublicApi && ORDER[from] !== 'src/cli')) violations.push(`${relative(ROOT, file)} -> ${relative(ROOT, target)}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('the CLI imports only the public API and its own files', () => {
    const violations: string[] = [];
    for (const file of files.filter((f) => relative(ROOT, f).startsWith('src/cli/'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"](\.[^'"]+)['"]/gm)) {
        const target = relative(ROOT, resolve(dirname(file), m[1]!));
        if (target !== 'src/index.ts' && !target.startsWith('src/cli/')) violations.push(`${relative(ROOT, file)} -> ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('tpt/core (src/core.ts) reaches no node: module and no Node global; z3-solver (which has a browser build) only on first use of smt, cadical-wasm on first use of sat', () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const nodeGlobals: string[] = [];
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      const imports = [
        ...text.matchAll(/^(?:import|export)\s(?!type\s)[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm),
        ...text.matchAll(/^import\s*['"]([^'"]+)['"]/gm),
        ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]/g),
      ];
      for (const m of imports) {
        const spec = m[1]!;
        if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
        else packages.add(spec);
      }
      for (const m of text.matchAll(/\b(process|Buffer|__dirname|require)\s*[.(]/g)) nodeGlobals.push(`${relative(ROOT, file)}: ${m[0]}`);
    };
    visit(join(ROOT, 'src/core.ts'));
    expect(seen.size).toBeGreaterThan(50);
    expect([...packages].sort()).toEqual(['cadical-wasm', 'chevrotain', 'z3-solver']);
    expect(nodeGlobals).toEqual([]);
  });

  it('no source, test, benchmark, script or doc refers to files outside the repository', () => {
    const outside = /\.\.\/shared\b|DESIGN\.md/;
    const roots = ['src', 'grammar', 'test', 'bench', 'scripts', 'examples', 'docs', 'reference', '.ci'].map((d) => join(ROOT, d)).filter(existsSync);
    const all = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? all(join(dir, e.name)) : [join(dir, e.name)]));
    const offenders = [...roots.flatMap(all), ...['package.json', 'README.md'].map((f) => join(ROOT, f))].filter((f) => outside.test(readFileSync(f, 'utf8')) && !f.endsWith('layout.test.ts'));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });
});

/** Runtime imports of a module (type-only imports and re-exports are erased, so they do not count). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)(?!\s+type\b)[^'";]*?from\s+['"]([^'"]+)['"]|^import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? m[2]!);
}

describe('browser-safe API and the playground', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

  it('the playground uses the library only through src/core.ts, and its browser packages are devDependencies', () => {
    const page = sources(join(ROOT, 'playground/src'));
    expect(page.length).toBeGreaterThan(5);
    const violations: string[] = [];
    const packages = new Set<string>();
    for (const file of page) {
      for (const spec of runtimeImports(file)) {
        if (!spec.startsWith('.')) {
          if (!spec.startsWith('tpt-playground:')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
          continue;
        }
        const target = relative(ROOT, resolve(dirname(file), spec));
        if (!target.startsWith('playground/src/') && target !== 'src/core.ts') violations.push(`${relative(ROOT, file)} -> ${target}`);
      }
    }
    expect(violations).toEqual([]);
    const browserOnly = [...packages].filter((p) => p !== 'z3-solver');
    expect(browserOnly.length).toBeGreaterThan(3);
    for (const p of browserOnly) {
      expect(pkg.devDependencies[p], p).toBeDefined();
      expect(pkg.dependencies[p], p).toBeUndefined();
    }
  });
});
