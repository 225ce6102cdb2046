// The CLI's contract for check / run / ir: exit codes, rendered diagnostics, and no stack traces.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tpt } from './run-cli.ts';
import { tempDir } from '../temp-dir.ts';

const dir = tempDir('tpt-cli-');
const file = (name: string, text: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('tpt check / run / ir', () => {
  it('renders a diagnostic with file:line:col, the source line and an underline, exit 1', () => {
    const path = file('bad.tpt', 'x = Var(2)\nx.set_to(unknownThing)\n');
    const r = tpt(['check', path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path}:2:10: error[unknown-name]: unknown name 'unknownThing'`);
    expect(r.stderr).toContain('2 | x.set_to(unknownThing)');
    expect(r.stderr).toContain('  |          ^^^^^^^^^^^^');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('never prints a stack trace for random bytes', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 7919 + 13) % 256);
    const r = tpt(['check', file('noise.tpt', bytes)]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toContain('internal error');
  });

  it('runs params, prints each example, and exits 0 only when all match', () => {
    const prog = file('and.tpt', [
      'g = Param(2)', 'x = Input(2)[2]', 'y = Output(2)',
      '@Runtime([2, 2], 2)', 'def AND(a, b): return int(a and b)',
      '@Runtime([2, 2], 2)', 'def OR(a, b): return int(a or b)',
      'if g == 0:', '    y.set_to(AND(x[0], x[1]))', 'else:', '    y.set_to(OR(x[0], x[1]))', '',
    ].join('\n'));
    file('and.data.json', JSON.stringify([{ batch_name: 'and', hypers: null, instances: [[0, 0], [0, 1], [1, 0], [1, 1]].map(([a, b]) => ({ x: [a, b], y: a! & b! })) }]));
    const good = tpt(['run', prog, '--params', file('good.json', '{"g": 0}')]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('4/4 examples solved');
    expect(good.stdout).toMatch(/^ok {3}and\[1\]  x = \[0 1\]  ->  y = 0$/m); // each example's inputs, then its outputs
    const bad = tpt(['run', prog, '--params', file('bad.json', '{"g": 1}'), '--json']);
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout);
    expect(report.examplesSolved).toBe(2);
    expect(report.examples[1].mismatches).toEqual(['y']);
    expect(report.examples[1].inputs).toEqual({ x: [0, 1] });
    const ir = tpt(['ir', prog]);
    expect(ir.code).toBe(0);
    expect(ir.stdout).toContain('case g');
  });

  it('explains usage errors in one line', () => {
    const r = tpt(['run', 'x.tpt', '--bogus']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown option --bogus');
    expect(tpt(['frobnicate']).stderr).toContain("unknown command 'frobnicate'");
    expect(tpt(['check', join(dir, 'missing.tpt')]).stderr).toContain('no such file');
  });
});

describe('tpt grad / tape', () => {
  const nand = ['programs/circuit/circuit.tpt', '--batch', 'nand'];

  it('prints the loss and gradients shaped like the probability vectors', () => {
    const uniform = (n: number, d: number) => Array.from({ length: n }, () => Array(d).fill(1 / d));
    const probs = file('probs.json', JSON.stringify({ gate: uniform(2, 5), in1: uniform(2, 3), in2: uniform(2, 3), out: uniform(2, 3) }));
    const r = tpt(['grad', ...nand, '--probs', probs, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.loss).toBeGreaterThan(0);
    expect(report.grads.gate).toHaveLength(2);
    expect(report.grads.gate[0]).toHaveLength(5);
    const table = tpt(['grad', ...nand, '--params', 'programs/circuit/circuit.nand.params.json']);
    expect(table.stdout).toMatch(/^loss 0  \(4 examples/); // solved: -log(1 + epsilon) per term shows as 0
    expect(table.stdout).toContain('favoured move');
  });

  it('rejects a probs file of the wrong shape with a located error', () => {
    const r = tpt(['grad', ...nand, '--probs', file('badprobs.json', '{"gate": [[1, 0]], "in1": [], "in2": [], "out": []}')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('badprobs.json:1:10: error[data-shape]');
  });

  it('prints the compiled tape', () => {
    const r = tpt(['tape', ...nand]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^tape: 4 examples/);
  });
});

describe('tpt synth / optimizers', () => {
  it('synthesizes nand, prints the program, writes --out that tpt run accepts', () => {
    const outPath = join(dir, 'nand-result.json');
    const r = tpt(['synth', 'programs/circuit/circuit.tpt', '--batch', 'nand', '--seed', '2', '--out', outPath]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^solved by gradsearch-ls \(seed 2\)/); // the default optimizer
    expect(r.stdout).toContain('4/4 examples solved');
    expect(r.stdout).toMatch(/#\s+gate\s+in1\s+in2\s+out/);
    const result = JSON.parse(readFileSync(outPath, 'utf8'));
    for (const key of ['success', 'steps', 'wallSeconds', 'compileSeconds', 'stepsPerSecond', 'loss', 'assignment', 'optimizer', 'options', 'seed', 'hypers']) {
      expect(result).toHaveProperty(key);
    }
    expect(result.hypers).toEqual({ numWires: 3, numGates: 2, numOutputs: 1 });
    expect(tpt(['run', 'programs/circuit/circuit.tpt', '--batch', 'nand', '--params', outPath]).code).toBe(0);
  });

  it('exits 1 on failure with the best assignment, and validates optimizer options', () => {
    const r = tpt(['synth', 'programs/circuit/circuit.tpt', '--batch', 'adder2', '--optimizer', 'fmgd', '--max-steps', '3', '--json']);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result.success).toBe(false);
    expect(result.examplesSolved).toBeLessThan(16);
    const bad = tpt(['synth', 'programs/circuit/circuit.tpt', '--optimizer', 'bop', '--tau', '-1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('tau must be');
    expect(tpt(['synth', 'programs/circuit/circuit.tpt', '--optimizer', 'nope']).stderr).toContain("unknown optimizer 'nope'");
    expect(tpt(['optimizers']).stdout).toContain('gradsearch-ra');
  });

  it('reports what Z3 did instead of steps', () => {
    const r = tpt(['synth', 'programs/circuit/circuit.tpt', '--batch', 'nand', '--optimizer', 'smt']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^solved by smt \(seed 1\) in [\d.]+ s \(Z3 solving [\d.]+ s, [\d,]+ conflicts\), encoding \d+ ms$/m);
    expect(r.stdout).not.toContain('steps/s');
  });
});
