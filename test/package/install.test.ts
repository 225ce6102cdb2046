// tpt as a user gets it: the packed tarball installed into a fresh project. There a plain Node ESM
// script synthesizes a bundled circuit through the API, the installed CLI works with its package
// folder read-only (and writes nothing into it), a strict TypeScript project type-checks against the
// shipped declarations, and `tpt --version` prints the package's version.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPacked, type InstalledPackage } from '../../scripts/install-packed.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
let pkg: InstalledPackage;
let restoreWritable = (): void => {};

function run(command: string, args: readonly string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir` with its size and modification time. */
function snapshot(dir: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => {
      const path = join(d, e.name);
      if (e.isDirectory()) return [`${relative(dir, path)}/`, ...walk(path)];
      const st = statSync(path);
      return [`${relative(dir, path)} ${st.size} ${st.mtimeMs}`];
    });
  return walk(dir).sort();
}

/** Clears the write bits of `dir` and everything under it; returns the undo. */
function makeReadOnly(dir: string): () => void {
  const modes = new Map<string, number>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) walk(join(d, e.name));
    for (const e of readdirSync(d)) modes.set(join(d, e), statSync(join(d, e)).mode);
  };
  walk(dir);
  modes.set(dir, statSync(dir).mode);
  for (const [path, mode] of modes) chmodSync(path, mode & ~0o222);
  return () => {
    for (const [path, mode] of [...modes].reverse()) chmodSync(path, mode);
  };
}

beforeAll(async () => {
  pkg = await installPacked();
}, 300_000);

describe('the installed package', () => {
  it('ships what a user needs and nothing else', () => {
    const top = readdirSync(pkg.packageDir).sort();
    expect(top).toEqual(['LICENSE', 'README.md', 'dist', 'docs', 'package.json', 'programs', 'reference']);
    const installed = JSON.parse(readFileSync(join(pkg.packageDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(installed.dependencies)).toEqual(['cadical-wasm', 'logic-solver', 'z3-solver']);
    expect(readdirSync(join(pkg.project, 'node_modules')).filter((n) => !n.startsWith('.'))).not.toContain('tsx');
    expect(readFileSync(join(pkg.packageDir, 'dist', 'THIRD-PARTY-NOTICES.md'), 'utf8')).toContain('chevrotain@');
    // The playground ships, but not its copy of Z3's browser build: `tpt playground` serves the installed z3-solver's.
    expect(readdirSync(join(pkg.packageDir, 'dist', 'playground'))).toContain('index.html');
    expect(readdirSync(join(pkg.packageDir, 'dist', 'playground'))).not.toContain('z3');
  });

  it('a plain Node ESM script synthesizes a bundled circuit through tpt and tpt/core', () => {
    writeFileSync(join(pkg.project, 'synth.mjs'), [
      "import { readFileSync } from 'node:fs';",
      "import { fileURLToPath } from 'node:url';",
      "import { loadSketch, synthesizeSketch, runExact } from 'tpt';",
      "import { sketchFromText } from 'tpt/core';",
      "const path = fileURLToPath(import.meta.resolve('tpt/programs/circuit/circuit.tpt'));",
      "const { sketch } = loadSketch(path, { batch: 'full_adder' });",
      "const { result, assignment, params } = synthesizeSketch(sketch, { optimizer: 'gradsearch-ls', seed: 2, maxSteps: 100000 });",
      "const exact = runExact(sketch.program, sketch.dataset, assignment);",
      "const text = (f) => readFileSync(fileURLToPath(import.meta.resolve(`tpt/programs/circuit/${f}`)), 'utf8');",
      "const fromText = sketchFromText(text('circuit.tpt'), { dataText: text('circuit.data.json'), hypersText: text('circuit.hypers.json'), batch: 'swap' });",
      "const swap = synthesizeSketch(fromText.sketch, { optimizer: 'gradsearch+', seed: 1, maxSteps: 20000 });",
      "console.log(JSON.stringify({ success: result.success, solved: exact.solved, params, swap: swap.result.success }));",
    ].join('\n'));
    const r = run(process.execPath, ['synth.mjs'], pkg.project);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { success: boolean; solved: boolean; params: Record<string, number[]>; swap: boolean };
    expect(out).toMatchObject({ success: true, solved: true, swap: true });
    expect(out.params['gate']).toHaveLength(5);
  });

  it('the CLI synthesizes and compares with its package folder read-only, writing nothing there', () => {
    const before = snapshot(pkg.packageDir);
    const work = join(pkg.project, 'work');
    mkdirSync(work);
    const program = join(pkg.packageDir, 'programs', 'circuit', 'circuit.tpt');
    restoreWritable = makeReadOnly(pkg.packageDir);
    try {
      const synth = run(pkg.bin, ['synth', program, '--batch', 'swap', '--json'], work);
      expect(synth.code, synth.stderr).toBe(0);
      expect(JSON.parse(synth.stdout)).toMatchObject({ success: true, version });
      // Worker threads from dist/ and the paper's numbers from the package (gradsearch+ on nand: 0.43 s).
      const compare = run(pkg.bin, ['compare', program, '--optimizers', 'gradsearch+', '--sweep', 'batch=nand', '--runs', '2', '--jobs', '2', '--out', 'cmp'], work);
      expect(compare.code, compare.stderr).toBe(0);
      expect(compare.stdout).toContain('[100% / 0.43 s]');
      expect(readdirSync(join(work, 'cmp'))).toContain('report.html');
    } finally {
      restoreWritable();
    }
    expect(snapshot(pkg.packageDir)).toEqual(before);
  });

  it('strict TypeScript projects type-check against the shipped declarations, which are not `any`', () => {
    const options = { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022'], noEmit: true, skipLibCheck: false };
    // tpt/core needs no Node types (a browser project has none); tpt is for Node projects, which have @types/node.
    writeFileSync(join(pkg.project, 'tsconfig.core.json'), JSON.stringify({ compilerOptions: { ...options, types: [] }, files: ['core-consumer.ts'] }));
    writeFileSync(join(pkg.project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { ...options, types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')] },
      files: ['consumer.ts', 'wrong.ts'],
    }));
    writeFileSync(join(pkg.project, 'core-consumer.ts'), [
      "import { sketchFromText, synthesizeSketch, listOptimizers, type OptimizerDefinition, type SketchResult } from 'tpt/core';",
      "const loaded: SketchResult = sketchFromText('p = Param(2)\\ny = Output(2)\\ny.set_to(p)\\ny.observe_value(1)\\n');",
      "const names: string[] = listOptimizers().map((d: OptimizerDefinition) => d.name);",
      "if (loaded.sketch) synthesizeSketch(loaded.sketch, { optimizer: names[0]!, seed: 1, maxSteps: 10 });",
    ].join('\n'));
    writeFileSync(join(pkg.project, 'consumer.ts'), [
      "import { compileRelaxed, loadSketch, runComparison, readRuns, type ComparisonConfig, type RunRecord, type Sketch } from 'tpt';",
      "const sketch: Sketch | null = loadSketch('circuit.tpt', { batch: 'nand' }).sketch;",
      "if (sketch) {",
      "  const evaluator = compileRelaxed(sketch.program, sketch.dataset);",
      "  const loss: number = evaluator.lossAndGradient(new Float64Array(evaluator.size), new Float64Array(evaluator.size));",
      "  void loss;",
      "}",
      "const config: ComparisonConfig = { program: 'circuit.tpt', optimizers: ['bop'], runs: 1, maxSteps: 10, seed: 1 };",
      "void runComparison(config, { dir: 'out', jobs: 1, signal: new AbortController().signal });",
      "const records: readonly RunRecord[] = readRuns('out').records;",
      "void records;",
    ].join('\n'));
    // Wrong on purpose: real declarations reject these; `any` would accept them.
    writeFileSync(join(pkg.project, 'wrong.ts'), [
      "import { loadSketch } from 'tpt';",
      "const n: number = loadSketch('x.tpt');",
      "loadSketch(42);",
    ].join('\n'));
    // Every error but those inside @types/node 20.9 itself, which TypeScript 5.9 reports without skipLibCheck.
    const tsc = (config: string): string[] => {
      const r = run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config], pkg.project);
      return r.stdout.split('\n').filter((l) => /error TS\d+/.test(l) && !l.includes('/@types/node/'));
    };
    expect(tsc('tsconfig.core.json')).toEqual([]);
    const errors = tsc('tsconfig.json');
    expect(errors.filter((l) => !l.startsWith('wrong.ts'))).toEqual([]);
    expect(errors.map((l) => /error (TS\d+)/.exec(l)![1])).toEqual(['TS2322', 'TS2345']);
  });

  it('tpt --version prints the version of package.json', () => {
    const r = run(pkg.bin, ['--version'], pkg.project);
    expect(r).toMatchObject({ code: 0, stdout: `${version}\n` });
  });
});

afterAll(() => {
  restoreWritable();
  if (pkg) rmSync(dirname(pkg.project), { recursive: true, force: true });
});
