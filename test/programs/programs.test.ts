// Every bundled program parses, checks and lowers on every batch, and its known solutions pass the exact interpreter.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadSketch, parseJson, readParams, readRealParams, runExact, type Diagnostic } from '../../src/index.ts';

const ROOT = new URL('../../programs/', import.meta.url).pathname;

interface Case {
  program: string;
  batch: string | undefined;
  params: string;
}

function programFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith('.tpt')) found.push(join(dir, entry.name));
    }
  };
  walk(ROOT);
  return found.sort();
}

/** `<stem>.params.json` solves the default batch; `<stem>.<batch>.params.json` solves that batch. */
function solutionCases(program: string): Case[] {
  const dir = program.slice(0, program.lastIndexOf('/'));
  const stem = program.slice(dir.length + 1, -'.tpt'.length);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${stem}.`) && f.endsWith('.params.json'))
    .map((f) => {
      const middle = f.slice(stem.length + 1, -'.params.json'.length);
      return { program, batch: middle === '' ? undefined : middle, params: join(dir, f) };
    });
}

function batchNames(program: string): (string | undefined)[] {
  const data = program.replace(/\.tpt$/, '.data.json');
  if (!existsSync(data)) return [undefined];
  const batches = JSON.parse(readFileSync(data, 'utf8')) as { batch_name: string }[];
  return batches.map((b) => b.batch_name);
}

const programs = programFiles();

describe('bundled programs', () => {
  it('exist', () => {
    expect(programs.length).toBeGreaterThanOrEqual(6);
  });

  for (const program of programs) {
    const name = program.slice(ROOT.length);
    for (const batch of batchNames(program)) {
      it(`${name}${batch ? ` [${batch}]` : ''} checks and lowers cleanly`, () => {
        const r = loadSketch(program, batch ? { batch } : {});
        expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(r.sketch!.dataset.examples.length).toBeGreaterThan(0);
      });
    }
    for (const c of solutionCases(program)) {
      it(`${name}${c.batch ? ` [${c.batch}]` : ''}: the known solution solves every example`, () => {
        const r = loadSketch(program, c.batch ? { batch: c.batch } : {});
        expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const sketch = r.sketch!;
        const diagnostics: Diagnostic[] = [];
        const node = parseJson(readFileSync(c.params, 'utf8'), c.params).node!;
        const params = readParams(sketch.program, node, diagnostics)!;
        const real = readRealParams(sketch.program, node, diagnostics)!; // empty for a discrete program
        expect(diagnostics).toEqual([]);
        const result = runExact(sketch.program, sketch.dataset, params, real);
        expect(result.examples.flatMap((e) => e.faults)).toEqual([]);
        expect(result.solved).toBe(true);
      });
    }
  }
});
