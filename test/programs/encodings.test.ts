// Held-out encodings: a machine written differently is the same machine. For random Params, every
// observed output of every example agrees between the two programs.
import { describe, expect, it } from 'vitest';
import { loadSketch, parseJson, readParams, runExact, Rng, type Sketch } from '../../src/index.ts';

const load = (path: string, batch: string): Sketch => {
  const r = loadSketch(path, { batch });
  if (!r.sketch) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.sketch;
};

/** Every observed output, by variable name, of every example under `params`. */
function outputs(s: Sketch, params: Record<string, unknown>): Record<string, number>[] {
  const values = readParams(s.program, parseJson(JSON.stringify(params), 'params').node!, [])!;
  return runExact(s.program, s.dataset, values).examples.map((e) =>
    Object.fromEntries(s.dataset.observedVars.map((v) => [s.program.vars[v]!.name, e.values[v]!])),
  );
}

/** Random values for every searched Param, shaped like its declaration. */
function randomParams(s: Sketch, rng: Rng): Record<string, unknown> {
  const params: Record<string, number[] | number> = {};
  const byName = new Map<string, { dims: number[]; domain: number }>();
  for (const v of s.program.vars) {
    if (v.role !== 'param') continue;
    const m = /^(\w+)((?:\[\d+(?:, \d+)*\])?)$/.exec(v.name)!;
    const index = m[2] ? m[2].slice(1, -1).split(', ').map(Number) : [];
    const entry = byName.get(m[1]!) ?? { dims: index.map(() => 0), domain: v.domain };
    index.forEach((k, i) => (entry.dims[i] = Math.max(entry.dims[i]!, k + 1)));
    byName.set(m[1]!, entry);
  }
  const fill = (dims: number[], domain: number): unknown => (dims.length === 0 ? rng.int(domain) : Array.from({ length: dims[0]! }, () => fill(dims.slice(1), domain)));
  for (const [name, { dims, domain }] of byName) params[name] = fill(dims, domain) as number[];
  return params;
}

describe('held-out encodings agree with the models they rewrite', () => {
  const cases = [
    ...['invert', 'prepend_zero', 'decrement'].map((b) => ['programs/turing/turing', 'programs/turing/turing_onehot.tpt', b] as const),
    ...['access', 'decrement', 'list_k'].map((b) => ['programs/assembly/assembly', 'programs/assembly/assembly_alu.tpt', b] as const),
  ];
  for (const [model, rewritten, batch] of cases) {
    it(`${rewritten} = ${model}.tpt on ${batch}, 300 random Params`, () => {
      const a = load(`${model}.tpt`, batch);
      const b = load(rewritten, batch);
      const rng = new Rng(rewritten.length + batch.length);
      for (let k = 0; k < 300; k++) {
        const params = randomParams(a, rng);
        expect(outputs(b, params)).toEqual(outputs(a, params));
      }
    });
  }
});
