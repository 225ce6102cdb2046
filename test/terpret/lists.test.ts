// TerpreT constructs of the NFP models: compile-time lists of declarations (per-element domains,
// `[None] * n` filled by element assignment, comprehensions, `+`, `len`, negative and `with`-bound
// indices), zero-length dimensions, and widening assignments. Accept and reject cases, with the
// relaxed evaluator checked against the exact interpreter and finite differences.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  Rng, checkObjectiveGradient, compileRelaxed, loadSketch, parseJson, paramsToJson, readParams, runMethod, solves,
  type Diagnostic, type Sketch,
} from '../../src/index.ts';
import { codesAt, dedent, sketchFrom } from '../helpers/sketch.ts';
import { shutdownSmt } from '../../src/smt/index.ts';

const NFP = new URL('./nfp_lists.tpt', import.meta.url).pathname;
const SOLUTION = new URL('./nfp_lists.params.json', import.meta.url).pathname;

function load(path: string): Sketch {
  const r = loadSketch(path);
  if (!r.sketch) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.sketch;
}

function readParamsText(sketch: Sketch, text: string): { values: Int32Array | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  return { values: readParams(sketch.program, parseJson(text, 'p.json').node!, diagnostics), diagnostics };
}

describe('an NFP-style model with lists of Params', () => {
  const sketch = load(NFP);
  const { program, dataset } = sketch;
  const group = (name: string) => program.groups.find((g) => g.name === name)!;

  it('gives each list element its own declaration and domain', () => {
    expect(['arg1[0]', 'arg1[1]', 'arg2[0]', 'arg2[1]'].map((n) => group(n).domain)).toEqual([2, 3, 2, 3]);
    expect(group('arg1[1]').list).toEqual({ name: 'arg1', index: [1] });
    expect(group('inputs[1]').role).toBe('input');
    expect(group('suffixOps').dims).toEqual([0]);
    expect(group('suffixOps').vars).toEqual([]);
  });

  it('reads and writes list Params as one JSON array per list', () => {
    const text = readFileSync(SOLUTION, 'utf8');
    const r = readParamsText(sketch, text);
    expect(r.diagnostics).toEqual([]);
    expect(solves(program, dataset, r.values!)).toBe(true);
    expect(paramsToJson(program, r.values!)).toEqual(JSON.parse(text));
    const outside = readParamsText(sketch, '{"ops": [2, 0], "arg1": [2, 2], "arg2": [1, 0], "suffixOps": []}');
    expect(outside.diagnostics.map((d) => `${d.code}@${d.span!.column}`)).toEqual(['data-domain@26']);
  });

  it('agrees with the exact interpreter at random vertices and has finite-difference gradients', () => {
    const evaluator = compileRelaxed(program, dataset);
    const rng = new Rng(3);
    const probs = new Float64Array(evaluator.size);
    for (let trial = 0; trial < 30; trial++) {
      const assignment = new Int32Array(program.vars.length);
      for (const slot of evaluator.params) assignment[slot.variable] = rng.int(slot.domain);
      const loss = evaluator.loss(evaluator.oneHot(assignment, probs));
      if (solves(program, dataset, assignment)) expect(loss).toBeLessThan(1e-5);
      else expect(loss).toBeGreaterThan(1);
    }
    for (const slot of evaluator.params) {
      let sum = 0;
      for (let k = 0; k < slot.domain; k++) sum += probs[slot.offset + k] = 0.2 + rng.next();
      for (let k = 0; k < slot.domain; k++) probs[slot.offset + k]! /= sum;
    }
    expect(checkObjectiveGradient(evaluator, probs).ok).toBe(true);
  });
});

describe('compile-time lists', () => {
  const lowered = (source: string) => {
    const r = sketchFrom(dedent(source));
    if (!r.sketch) throw new Error(r.diagnostics.map((d) => `${d.code}: ${d.message}`).join('; '));
    return r.sketch.program;
  };

  it('hold constants: literals, repetition, concatenation, comprehensions, len and negative indices', () => {
    const p = lowered(`
      offsets = [0, 2] + [5] * 2
      squares = [i * i for i in range(4) for j in range(1)]
      y = Output(10)[4]
      for i in range(len(offsets)):
          y[i].set_to(offsets[i] + squares[-1 - i] - squares[3 - i])
    `);
    expect(p.body.map((s) => (s.kind === 'assign' && s.source.kind === 'const' ? s.source.value : null))).toEqual([0, 2, 5, 5]);
  });

  it('iterate in for loops and build nested lists of declarations', () => {
    const p = lowered(`
      grid = [[Var(2) for j in range(2)] for i in range(3)]
      for row in grid:
          for cell in row:
              cell.set_to(1)
      y = Output(2)
      y.set_to(grid[2][1])
    `);
    expect(p.groups.map((g) => g.name).slice(0, 2)).toEqual(['grid[0][0]', 'grid[0][1]']);
    expect(p.groups.find((g) => g.name === 'grid[2][1]')!.list).toEqual({ name: 'grid', index: [2, 1] });
  });

  it('index a list dynamically under with when every element fits the target', () => {
    const p = lowered(`
      regs = [Var(2), Var(3), Var(4)]
      regs[0].set_to(1)
      regs[1].set_to(2)
      regs[2].set_to(3)
      pick = Param(3)
      y = Output(4)
      with pick as k:
          y.set_to(regs[k])
    `);
    const last = p.body.at(-1)!;
    expect(last.kind === 'case' && last.branches.map((b) => b.body.map((s) => (s.kind === 'assign' ? s.source : null)))).toEqual(
      [0, 1, 2].map((k) => [{ kind: 'copy', from: p.groups[k]!.vars[0] }]),
    );
  });

  it.each([
    ['an element that may not fit under with', 'regs = [Var(2), Var(5)]\nregs[0].set_to(1)\nregs[1].set_to(4)\np = Param(2)\ny = Output(4)\nwith p as k:\n    y.set_to(regs[k])\n', ['domain-mismatch@7:14']],
    ['an index out of range', 'xs = [None] * 2\nxs[2] = Param(2)\n', ['index-out-of-range@2:4']],
    ['a None element used as a variable', 'xs = [None] * 2\ny = Output(2)\ny.set_to(xs[0])\n', ['type-error@3:10']],
    ['element assignment to an array', 'x = Var(2)[3]\nx[0] = 1\n', ['type-error@2:1']],
    ['a non-integer repetition count', 'xs = [None] * Var(2)\n', ['not-constant@1:15']],
    ['len of a constant', 'n = len(3)\n', ['type-error@1:9']],
    ['no follow-on error from a failed element', 'xs = [None] * 2\nxs[0] = Param(0)\ny = Output(2)\ny.set_to(xs[0])\n', ['domain-size@2:15']],
  ])('rejects %s', (_name, source, expected) => {
    expect(codesAt(source)).toEqual(expected);
  });
});

describe('zero-length dimensions and widening', () => {
  it('an empty Param array is legal, adds no search variable, and a loop over range(0) does nothing', () => {
    const r = sketchFrom(dedent(`
      n = 0
      p = Param(3)[n]
      q = Param(2)[2, n]
      for i in range(n):
          p[i].observe_value(1)
      y = Output(2)
      y.set_to(1)
      y.observe_value(1)
    `));
    expect(r.diagnostics).toEqual([]);
    expect(r.sketch!.program.vars).toHaveLength(1);
    expect(paramsToJson(r.sketch!.program, new Int32Array(1))).toEqual({ p: [], q: [[], []] });
  });

  it.each([
    ['a negative dimension', 'p = Param(3)[-1]\n', ['domain-size@1:14']],
    ['a domain of size 0', 'p = Param(0)[2]\n', ['domain-size@1:11']],
    ['an index into an empty array', 'p = Param(3)[0]\ny = Output(3)\ny.set_to(p[0])\n', ['index-out-of-range@3:12']],
  ])('rejects %s', (_name, source, expected) => {
    expect(codesAt(source)).toEqual(expected);
  });

  it('widens a 0..1 variable or @Runtime result into a larger domain, in every backend', async () => {
    const r = sketchFrom(dedent(`
      @Runtime([4, 4], 2)
      def Less(a, b):
          return 1 if a < b else 0
      a = Param(4)
      b = Param(4)
      flag = Var(2)
      wide = Var(4)
      y = Output(4)
      z = Output(4)
      flag.set_to(Less(a, b))
      wide.set_to(flag)
      y.set_to(wide)
      z.set_to(Less(b, a))
      y.observe_value(1)
      z.observe_value(0)
    `));
    expect(r.diagnostics).toEqual([]);
    const { program, dataset } = r.sketch!;
    const evaluator = compileRelaxed(program, dataset);
    const probs = new Float64Array(evaluator.size);
    for (let a = 0; a < 4; a++) {
      for (let b = 0; b < 4; b++) {
        const assignment = new Int32Array(program.vars.length);
        assignment[0] = a;
        assignment[1] = b;
        const loss = evaluator.loss(evaluator.oneHot(assignment, probs));
        expect(loss < 1e-5, `a=${a} b=${b}`).toBe(a < b);
        expect(solves(program, dataset, assignment)).toBe(a < b);
      }
    }
    try {
      const smt = await runMethod(r.sketch!, { optimizer: 'smt', seed: 1, maxSteps: 0, timeLimitSeconds: 20 });
      expect(smt.result.success).toBe(true);
    } finally {
      await shutdownSmt();
    }
  }, 30_000);
});
