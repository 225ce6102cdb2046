// The pipeline is one-way: a stage never imports a later stage, and the CLI uses only the public API.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const ROOT = resolve(new URL('../', import.meta.url).pathname);
/** Stages in pipeline order (DESIGN.md §3); `util` is shared by all. */
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
});
