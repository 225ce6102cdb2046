// The portfolio of `tpt synth --jobs N`: seeds S .. S+N-1, the first run to solve wins and ends the
// others; with no winner, the run satisfying most examples; progress is the runs' sum.
import { describe, expect, it } from 'vitest';
import { startPortfolio } from '../../src/compare/portfolio.ts';
import type { BackgroundRun } from '../../src/compare/run-in-worker.ts';
import type { MethodRequest } from '../../src/compare/methods.ts';
import type { MethodSynthesis } from '../../src/synth/method.ts';
import type { Sketch } from '../../src/sketch/load.ts';
import type { Progress } from '../../src/synth/progress.ts';
import { tpt } from '../cli/run-cli.ts';

/** A fake run per seed: finishes after `ms[seed]` with `solved[seed]`, or rejects when killed first. */
function fakeStart(ms: Record<number, number>, solved: Record<number, boolean>, killed: number[]) {
  return (_sketch: Sketch, request: MethodRequest): BackgroundRun => {
    const seed = request.seed;
    let kill: () => void = () => {};
    const result = new Promise<MethodSynthesis>((resolve, reject) => {
      request.onProgress?.({ step: seed, loss: seed, bestLoss: seed, stepsPerSecond: 10, elapsedSeconds: 0, done: false } as Progress);
      const timer = setTimeout(
        () => resolve({ result: { success: solved[seed], wallSeconds: ms[seed]! / 1000, steps: seed, seed }, examplesSolved: seed } as unknown as MethodSynthesis),
        ms[seed],
      );
      kill = () => {
        clearTimeout(timer);
        killed.push(seed);
        reject(new Error('killed'));
      };
    });
    return { result, stop: () => {}, kill: async () => kill() };
  };
}

const request = (onProgress?: (p: Progress) => void): MethodRequest => ({ optimizer: 'gradsearch-ls', seed: 5, maxSteps: 10, ...(onProgress ? { onProgress } : {}) }) as MethodRequest;

describe('portfolio', () => {
  it('returns the first run that solves and ends the others', async () => {
    const killed: number[] = [];
    const seen: Progress[] = [];
    const run = startPortfolio({} as Sketch, request((p) => seen.push(p)), 3, fakeStart({ 5: 80, 6: 10, 7: 60 }, { 5: true, 6: true, 7: false }, killed));
    const s = await run.result;
    expect(s.result.seed).toBe(6);
    expect(s.portfolio).toEqual({ runs: 3, seeds: [5, 6, 7] });
    expect(killed.sort()).toEqual([5, 7]);
    expect(seen.at(-1)!.step).toBe(5 + 6 + 7);
    expect(seen.at(-1)!.bestLoss).toBe(5);
  });

  it('with no run solved, returns the one satisfying most examples', async () => {
    const s = await startPortfolio({} as Sketch, request(), 2, fakeStart({ 5: 5, 6: 10 }, { 5: false, 6: false }, [])).result;
    expect(s.result.success).toBe(false);
    expect(s.examplesSolved).toBe(6);
  });

  it('tpt synth --jobs 2 solves and says which seed won', () => {
    const r = tpt(['synth', 'programs/circuit/circuit.tpt', '--batch', 'full_adder', '--jobs', '2', '--seed', '3', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.success).toBe(true);
    expect(json.portfolio).toEqual({ runs: 2, seeds: [3, 4] });
    expect([3, 4]).toContain(json.seed);
  });
});
