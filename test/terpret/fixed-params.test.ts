// Params fixed by the program (`p.set_to_constant(k)`, `p.observe_value(k)`): lowered to constants,
// searched by no method, shown in results, optional in params files and checked against them.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  compileRelaxed, listMethods, loadSketch, parseJson, paramsToJson, readParams, runExact, runMethod, solves,
  type Diagnostic, type Sketch,
} from '../../src/index.ts';
import { codesAt, dedent, sketchFrom } from '../helpers/sketch.ts';
import { tpt } from '../cli/run-cli.ts';
import { shutdownSmt } from '../../src/smt/index.ts';

const BASIC_BLOCK = new URL('./basic_block_halt.tpt', import.meta.url).pathname;
const SOLUTION = new URL('./basic_block_halt.params.json', import.meta.url).pathname;

function load(path: string): Sketch {
  const r = loadSketch(path);
  if (!r.sketch) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.sketch;
}

function params(sketch: Sketch, json: unknown): { values: Int32Array | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const node = parseJson(JSON.stringify(json), 'p.json').node!;
  return { values: readParams(sketch.program, node, diagnostics), diagnostics };
}

const solution = JSON.parse(readFileSync(SOLUTION, 'utf8')) as Record<string, number[]>;
const withoutFixed = { ...solution, instructions: [null, 1, 1], thenBlock: [null, 2, 0], elseBlock: [null, 2, 0] };

describe('a Param fixed by the program', () => {
  const sketch = load(BASIC_BLOCK);
  const { program } = sketch;
  const fixedIds = (program.fixed ?? []).map((f) => f.variable);

  it('is lowered to a variable assigned its constant before anything else', () => {
    expect((program.fixed ?? []).map((f) => [program.vars[f.variable]!.name, f.value])).toEqual([
      ['instructions[0]', 0],
      ['thenBlock[0]', 0],
      ['elseBlock[0]', 0],
    ]);
    for (const id of fixedIds) expect(program.vars[id]!.role).toBe('var');
    expect(program.body.slice(0, 3).map((s) => (s.kind === 'assign' ? [s.target, s.source] : null))).toEqual(
      fixedIds.map((id) => [id, { kind: 'const', value: 0 }]),
    );
    expect(program.groups.find((g) => g.name === 'instructions')!.role).toBe('param');
  });

  it('is not a search variable of the relaxed evaluator', () => {
    const slots = compileRelaxed(program, sketch.dataset).params.map((p) => p.variable);
    for (const id of fixedIds) expect(slots).not.toContain(id);
    expect(slots.length).toBe(program.vars.filter((v) => v.role === 'param').length);
  });

  it('keeps its value under every method, and every answer shows it', async () => {
    try {
      for (const method of listMethods()) {
        const s = await runMethod(sketch, { optimizer: method.name, seed: 1, maxSteps: 500, timeLimitSeconds: 20 });
        if (s.result.success) expect(solves(program, sketch.dataset, s.assignment), method.name).toBe(true);
        else expect(s.result.steps, method.name).toBe(500);
        const shown = s.params as Record<string, number[]>;
        expect([shown['instructions']![0], shown['thenBlock']![0], shown['elseBlock']![0]], method.name).toEqual([0, 0, 0]);
      }
    } finally {
      shutdownSmt();
    }
  }, 60_000);

  it('is optional in a params file: given, null or left out', () => {
    for (const file of [solution, withoutFixed]) {
      const r = params(sketch, file);
      expect(r.diagnostics).toEqual([]);
      expect(runExact(program, sketch.dataset, r.values!).solved).toBe(true);
    }
    const fixedOnly = dedent(`
      k = Param(3)
      k.set_to_constant(2)
      y = Output(3)
      y.set_to(k)
    `);
    const s = sketchFrom(fixedOnly).sketch!;
    expect(params(s, {}).diagnostics).toEqual([]);
    expect(paramsToJson(s.program, new Int32Array(s.program.vars.length))).toEqual({ k: 2 });
  });

  it('reports a conflicting value in a params file at that value', () => {
    const r = params(sketch, { ...solution, instructions: [1, 1, 1] });
    expect(r.values).toBeNull();
    expect(r.diagnostics.map((d) => `${d.code}@${d.span!.line}:${d.span!.column}`)).toEqual(['params-conflict@1:18']);
    expect(r.diagnostics[0]!.message).toMatch(/instructions\[0\] = 1, but the program fixes it to 0 at .*basic_block_halt\.tpt:38:1/);
    const missing = params(sketch, { ...solution, argReg: [0, null, 0] });
    expect(missing.diagnostics.map((d) => d.code)).toEqual(['data-value']);
  });

  it('means the same whether set_to_constant or observe_value fixes it', () => {
    const body = (method: string) => dedent(`
      p = Param(4)[2]
      p[1].${method}(3)
      y = Output(4)
      y.set_to(p[1])
    `);
    const a = sketchFrom(body('set_to_constant')).sketch!.program;
    const b = sketchFrom(body('observe_value')).sketch!.program;
    expect(b.fixed!.map((f) => [f.variable, f.value])).toEqual(a.fixed!.map((f) => [f.variable, f.value]));
    expect(b.observations).toEqual([]);
    expect(b.body.map((s) => s.kind)).toEqual(a.body.map((s) => s.kind));
  });

  it('runs unchanged through tpt run with and without the fixed values', () => {
    const r = tpt(['run', BASIC_BLOCK, '--params', SOLUTION]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('4/4 examples solved');
  });
});

describe('fixing a Param: errors', () => {
  const HEAD = 'p = Param(3)[2]\ny = Output(3)\ny.set_to(p[0])\ny.observe_value(0)\n';
  it.each([
    ['a value outside the domain', 'p[1].set_to_constant(3)\n', ['domain-mismatch@5:22']],
    ['two different values', 'p[1].set_to_constant(1)\np[1].observe_value(2)\n', ['write-twice@6:1']],
    ['the same value twice', 'p[1].set_to_constant(1)\np[1].set_to_constant(1)\n', []],
    ['inside a case split', 'if p[0] == 1:\n    p[1].set_to_constant(1)\n', ['unsupported@6:5']],
    ['a non-constant value', 'p[1].set_to_constant(p[0])\n', ['not-constant@5:22']],
    ['set_to, which would make it a variable', 'p[1].set_to(1)\n', ['param-write@5:1']],
  ])('%s', (_name, tail, expected) => {
    expect(codesAt(HEAD + tail)).toEqual(expected);
  });
});
