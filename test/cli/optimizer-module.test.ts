// Optimizers from a user's module: named by path in tpt synth and tpt compare (worker threads load
// it too), options as flags, results that record the path and the file's SHA-256, TypeScript
// modules, and clear messages for a module that is missing, malformed or fails.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dir.ts';
import { tpt } from './run-cli.ts';

const EXAMPLE = './examples/optimizers/simulated-annealing.mjs';
const sha256 = (path: string): string => createHash('sha256').update(new Uint8Array(readFileSync(path))).digest('hex');
const dir = tempDir('tpt-module-');
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** A TypeScript optimizer module: a random walk keeping each value with probability `stay`. */
const WALK_TS = `
import type { OptimizerDefinition } from '${join(process.cwd(), 'src/index.ts')}';
const walk: OptimizerDefinition = {
  name: 'walk',
  summary: 'uniformly random vertices',
  family: 'discrete',
  options: [{ name: 'stay', type: 'number', min: 0, max: 1, default: 0.5, doc: 'probability of keeping a value' }],
  create(problem, rng, options) {
    const probs = new Float64Array(problem.size);
    const a = new Int32Array(problem.params.length);
    const stay: number = options['stay'] as number;
    return {
      probs() {
        probs.fill(0);
        problem.params.forEach((p, s) => {
          if (rng.next() >= stay) a[s] = rng.int(p.domain);
          probs[p.offset + a[s]!] = 1;
        });
        return probs;
      },
      update() {},
      decode: (into: Int32Array) => into.set(a),
    };
  },
};
export default walk;
`;

describe('an optimizer module in tpt synth', () => {
  it('runs with its options as flags; the JSON result records the module path and SHA-256', () => {
    const r = tpt(['synth', 'programs/circuit/circuit.tpt', '--batch', 'swap', '--optimizer', EXAMPLE, '--cooling', '0.999', '--max-steps', '200000', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.success).toBe(true);
    expect(report.optimizer).toBe('annealing');
    expect(report.options).toEqual({ temperature: 5, cooling: 0.999, minTemperature: 0.1 });
    expect(report.module).toEqual({ path: EXAMPLE, sha256: sha256(EXAMPLE) });
  });

  it('explains a missing file, a malformed export, a taken name and a failure inside the module', () => {
    const synth = (module: string) => tpt(['synth', 'programs/parity_chain/parity_chain.tpt', '--optimizer', module]);
    const missing = synth(join(dir, 'absent.mjs'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('absent.mjs: cannot read the optimizer module (ENOENT)');
    const badOption = file('bad-option.mjs', `export default { name: 'b', summary: '', family: 'discrete', create() {}, options: [{ name: 'x', type: 'number', min: 1, default: 0, doc: 'x' }] };`);
    expect(synth(badOption).stderr).toContain("option 1 ('x'): the default does not pass its own rule (x must be a number >= 1, got 0)");
    const taken = file('taken.mjs', `export default { name: 'gwg', summary: '', family: 'discrete', create() {} };`);
    expect(synth(taken).stderr).toContain("optimizer 'gwg' already exists");
    const throws = file('throws.mjs', [
      `export default { name: 'boom', summary: '', family: 'discrete', create(problem) {`,
      `  const p = new Float64Array(problem.size);`,
      `  return { probs: () => p, decode: (into) => into.fill(1), update() { throw new Error('not yet written'); } };`,
      `} };`,
    ].join('\n'));
    const boom = synth(throws);
    expect(boom.code).toBe(1);
    expect(boom.stderr).toMatch(/throws\.mjs: update\(\) threw: not yet written \(at .*throws\.mjs:3:\d+\)/);
    expect(boom.stderr).not.toContain('internal error');
  });

  it('tpt optimizers lists a module named on its command line, with its options', () => {
    const r = tpt(['optimizers', EXAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`annealing (discrete, from ${EXAMPLE})`);
    expect(r.stdout).toMatch(/cooling\s+= 0.998/);
  });
});

describe('optimizer modules in tpt compare', () => {
  it('run in the worker threads (JavaScript and TypeScript) and every record names the module and its hash', () => {
    mkdirSync(join(dir, 'ts'), { recursive: true });
    writeFileSync(join(dir, 'ts', 'package.json'), '{ "type": "module" }\n');
    const walk = join(dir, 'ts', 'walk.ts');
    writeFileSync(walk, WALK_TS);
    const out = join(dir, 'cmp');
    const args = ['compare', 'programs/parity_chain/parity_chain.tpt', '--optimizers', `${EXAMPLE},${walk},gwg`, '--sweep', 'K=4,6', '--runs', '2', '--jobs', '2', '--out', out, '--walk.stay=0.2', '--no-reference'];
    const r = tpt(args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/annealing\s+100%/);
    const records = readFileSync(join(out, 'runs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toHaveLength(12);
    for (const rec of records.filter((x) => x.optimizer === 'walk')) {
      expect(rec.module).toEqual({ path: walk, sha256: sha256(walk) });
      expect(rec.options).toEqual({ stay: 0.2 });
    }
    expect(records.filter((x) => x.optimizer === 'annealing').every((x) => x.module.sha256 === sha256(EXAMPLE))).toBe(true);
    expect(records.filter((x) => x.optimizer === 'gwg').every((x) => x.module === undefined)).toBe(true);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config.modules.walk).toEqual({ path: walk, sha256: sha256(walk) });

    // The same command resumes; after the module changes, it refuses to mix results.
    expect(tpt(args).stdout).toContain('0 runs now, 12 kept from before');
    writeFileSync(walk, WALK_TS + '\n// changed\n');
    const changed = tpt(args);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain('holds a different comparison');
    expect(changed.stderr).toContain(sha256(walk));
  });
});
