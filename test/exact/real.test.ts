// The exact meaning of real values: expressions evaluated directly, bridges decided by threshold and
// argmax, real outputs matched within the target's tolerance, the data loss, params files round-trip.
import { describe, expect, it } from 'vitest';
import { parseJson, paramsToJson, readRealParams, runExact, type Diagnostic } from '../../src/index.ts';
import { dedent, sketchFrom } from '../helpers/sketch.ts';

const SOURCE = dedent(`
  W = Param(Real)[2, 2]
  b = Param(Real)[2]
  x = Input(Real)[2]
  o = Output(Real)[2]
  y = Output(2)
  c = Output(3)
  o.set_to(W @ x + b)
  y.set_to(Bernoulli(sigmoid(o[0])))
  c.set_to(Categorical(softmax([o[0], o[1], o[0] + 1000.0])))
  target = Accuracy(1.0, tolerance=0.25)
`);

function run(instances: unknown[], real: number[]) {
  const r = sketchFrom(SOURCE, { dataText: JSON.stringify([{ batch_name: 'b', hypers: {}, instances }]) });
  expect(r.diagnostics).toEqual([]);
  const { program, dataset } = r.sketch!;
  return { program, result: runExact(program, dataset, new Int32Array(program.vars.length), Float64Array.from(real)) };
}

describe('exact interpreter on real values', () => {
  // W = [[1, 2], [3, 4]], b = [0.5, -11]
  const weights = [1, 2, 3, 4, 0.5, -11];

  it('computes matmul plus a broadcast bias, thresholds Bernoulli at 0.5, takes the argmax of a stable softmax', () => {
    const { result } = run([{ x: [1, -1], o: [-0.5, -12], y: 0, c: 2 }, { x: [0, 0], o: [0.6, null], y: 1, c: 2 }], weights);
    const [a, b] = result.examples;
    expect(Array.from(a!.realOutputs!)).toEqual([-0.5, -12]);
    expect(a!.realMismatches).toEqual([]);
    // o[0] = 0.5 at x = 0: sigmoid = 0.62 >= 0.5 draws 1; o = 0.5 is within 0.25 of 0.6; null is not compared.
    expect(Array.from(b!.realOutputs!)).toEqual([0.5, -11]);
    expect(b!.realMismatches).toEqual([]);
    expect(result.solved).toBe(true);
    expect(result.examples.every((e) => e.faults.length === 0)).toBe(true);
  });

  it('reports real outputs beyond the tolerance and computes the data loss under the conventions', () => {
    const { result } = run([{ x: [1, -1], o: [0, -12], y: 1, c: 0 }], weights);
    const e = result.examples[0]!;
    expect(e.realMismatches).toEqual([0]); // |-0.5 - 0| > 0.25
    expect(e.mismatches).toEqual([0, 1]); // y drew 0 (p = sigmoid(-0.5)); c drew 2
    expect(result.solved).toBe(false);
    // 1/2 (0.5^2 + 0^2) + -log(sigmoid(-0.5) + eps) + -log(softmax(...)[0] + eps), one example.
    const p = 1 / (1 + Math.exp(0.5));
    expect(result.loss!).toBeCloseTo(0.125 - Math.log(p + 1e-7) - Math.log(1e-7), 6);
  });

  it('runs only the branch the discrete Param selects', () => {
    const r = sketchFrom(dedent(`
      k = Param(2)
      w = Param(Real)
      h = Var(Real)
      o = Output(Real)
      if k == 0:
          h.set_to(w)
          o.set_to(h)
      else:
          o.set_to(w * 2)
    `), { dataText: JSON.stringify([{ batch_name: 'b', hypers: {}, instances: [{ o: 2 }] }]) });
    const { program, dataset } = r.sketch!;
    const k = program.vars.find((v) => v.name === 'k')!.id;
    const assignment = new Int32Array(program.vars.length);
    assignment[k] = 1;
    expect(runExact(program, dataset, assignment, Float64Array.of(1)).solved).toBe(true);
    assignment[k] = 0;
    expect(runExact(program, dataset, assignment, Float64Array.of(2)).solved).toBe(true);
  });

  it('writes real Params into params files and reads them back', () => {
    const { program } = run([{ x: [0, 0], o: [0, 0], y: 0, c: 0 }], weights);
    const json = paramsToJson(program, new Int32Array(program.vars.length), Float64Array.from(weights));
    expect(json).toEqual({ W: [[1, 2], [3, 4]], b: [0.5, -11] });
    const diagnostics: Diagnostic[] = [];
    const back = readRealParams(program, parseJson(JSON.stringify(json), 'p.json').node!, diagnostics)!;
    expect(Array.from(back)).toEqual(weights);
    readRealParams(program, parseJson('{"W": [[1, 2]]}', 'p.json').node!, diagnostics);
    expect(diagnostics.map((d) => d.code)).toEqual(['data-shape', 'params-missing']);
  });
});
