import { describe, expect, it } from 'vitest';
import { createChecker } from '../../src/exact/interpret.ts';
import { isWarm, warmUpMethod, warmUpSketch, WARMUP_SECONDS, WARMUP_STEPS } from '../../src/compare/method-warmup.ts';
import { resolveMethodOptions, runMethod } from '../../src/compare/methods.ts';

describe('the warm-up before a method first runs in a thread', () => {
  it('searches a sketch that no assignment solves, so every warm-up runs its whole budget', () => {
    const { program, dataset } = warmUpSketch();
    const params = program.vars.filter((v) => v.role === 'param');
    expect(params.length).toBe(6);
    const checker = createChecker(program, dataset);
    const assignment = new Int32Array(program.vars.length);
    let best = 0;
    for (let code = 0; code < 3 ** params.length; code++) {
      let rest = code;
      for (const p of params) (assignment[p.id] = rest % 3), (rest = Math.floor(rest / 3));
      expect(checker.solves(assignment)).toBe(false);
      best = Math.max(best, checker.examplesSolved(assignment));
    }
    expect(best).toBe(3); // close enough to keep a search moving
  });

  it('runs each method once per thread and set of options, within its budget', async () => {
    const options = resolveMethodOptions('gradsearch-ls', {});
    expect(isWarm('gradsearch-ls', options)).toBe(false);
    const t0 = performance.now();
    await warmUpMethod('gradsearch-ls', options);
    expect((performance.now() - t0) / 1000).toBeLessThan(WARMUP_SECONDS + 5); // its own limit, with room for a slow machine
    expect(isWarm('gradsearch-ls', options)).toBe(true);
    expect(isWarm('gradsearch-ls', resolveMethodOptions('gradsearch-ls', { candidates: 2 }))).toBe(false);
    const run = await runMethod(warmUpSketch(), { optimizer: 'gradsearch-ls', options, seed: 1, maxSteps: WARMUP_STEPS });
    expect(run.result.success).toBe(false);
    expect(run.result.steps).toBe(WARMUP_STEPS);
  });

  it('leaves smt and sat to their own start-up, and swallows a method that cannot run', async () => {
    await warmUpMethod('smt', resolveMethodOptions('smt', {}));
    expect(isWarm('smt', resolveMethodOptions('smt', {}))).toBe(false);
    await expect(warmUpMethod('no-such-method', {})).resolves.toBeUndefined();
  });
});
