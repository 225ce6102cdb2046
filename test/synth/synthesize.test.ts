// The synthesis loop: stopping rules, verification, restarts, best assignment, curve, progress hook.

import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/optimizers/options.ts';
import { CurveRecorder } from '../../src/synth/curve.ts';
import type { Progress } from '../../src/synth/progress.ts';
import { synthesize } from '../../src/synth/synthesize.ts';
import { modChain, parityChain } from '../optimizers/fixtures.ts';

describe('synthesize', () => {
  it('stops at the first verified assignment and reports it with the resolved options', () => {
    const fx = parityChain(16);
    const r = synthesize({ objective: fx.objective, verify: fx.verify, optimizer: 'gradsearch-ra', seed: 4, maxSteps: 3000 });
    expect(r).toMatchObject({ success: true, stopReason: 'solved', optimizer: 'gradsearch-ra', seed: 4, attempts: 1 });
    expect(r.options).toEqual({ beta: 0.1 });
    expect(Array.from(r.bestAssignment)).toEqual(new Array(15).fill(0));
    expect(r.steps).toBeGreaterThan(0);
    expect(r.stepsPerSecond).toBeGreaterThan(0);
    expect(r.bestLoss).toBeLessThanOrEqual(r.lossCurve.losses[0]!);
  });

  it('verifies only when the decoded assignment changes, the initial one included', () => {
    const fx = parityChain(8);
    let calls = 0;
    const r = synthesize({ objective: fx.objective, verify: (a) => (calls++, fx.verify(a)), optimizer: 'bop', seed: 2, maxSteps: 500 });
    expect(r.verifications).toBe(calls);
    expect(calls).toBeLessThanOrEqual(r.steps + 1);
  });

  it('stops at maxSteps without success', () => {
    const fx = parityChain(8);
    const r = synthesize({ objective: fx.objective, verify: () => false, optimizer: 'gradsearch', seed: 1, maxSteps: 123 });
    expect(r).toMatchObject({ success: false, stopReason: 'max-steps', steps: 123 });
    expect(r.lossCurve.steps.at(-1)).toBe(122);
  });

  it('stops at the time limit', () => {
    const fx = parityChain(8);
    const r = synthesize({ objective: fx.objective, verify: () => false, optimizer: 'gradsearch', seed: 1, maxSteps: 1e9, timeLimitSeconds: 0.05 });
    expect(r.stopReason).toBe('time-limit');
    expect(r.wallSeconds).toBeGreaterThanOrEqual(0.05);
    expect(r.wallSeconds).toBeLessThan(1);
  });

  it('splits the step budget over restarts, each from a fresh init', () => {
    const fx = parityChain(8);
    const starts: string[] = [];
    const r = synthesize({
      objective: fx.objective,
      verify: (a) => (starts.push(a.join('')), false),
      optimizer: 'bop',
      options: { tau: 1e12 }, // never moves: every attempt sits at its initial vertex
      seed: 9,
      maxSteps: 100,
      restarts: 3,
    });
    expect(r).toMatchObject({ attempts: 4, steps: 100, success: false });
    expect(starts).toHaveLength(4);
    expect(new Set(starts).size).toBeGreaterThan(1);
  });

  it('keeps the highest-scoring assignment when given a score', () => {
    const fx = modChain(10, 3);
    const r = synthesize({ objective: fx.objective, verify: () => false, score: fx.score, optimizer: 'gradsearch+', seed: 3, maxSteps: 300 });
    expect(r.bestScore).toBe(fx.score(r.bestAssignment));
    expect(r.bestScore).toBeGreaterThanOrEqual(8);
  });

  it('leaves the term weights at 1 after a reweighting run', () => {
    const fx = modChain(10, 3);
    synthesize({ objective: fx.objective, verify: () => false, optimizer: 'gradsearch+', options: { stallSteps: 1 }, seed: 3, maxSteps: 200 });
    expect(Array.from(fx.objective.termWeights)).toEqual(new Array(10).fill(1));
  });

  it('rejects bad options before doing any work', () => {
    const fx = parityChain(4);
    const run = () => synthesize({ objective: fx.objective, verify: fx.verify, optimizer: 'bop', options: { lr: 1 }, seed: 1, maxSteps: 10 });
    expect(run).toThrow(OptionError);
    expect(run).toThrow("unknown option 'lr' for bop; known: gamma, tau");
  });

  it('reports progress at most once per interval, and once at the end', () => {
    const fx = parityChain(8);
    const seen: Progress[] = [];
    const r = synthesize({
      objective: fx.objective,
      verify: () => false,
      optimizer: 'gradsearch',
      seed: 1,
      maxSteps: 1e9,
      timeLimitSeconds: 0.35,
      onProgress: (p) => seen.push(p),
    });
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.length).toBeLessThanOrEqual(6);
    expect(seen.at(-1)).toMatchObject({ done: true, step: r.steps });
    for (let i = 1; i < seen.length - 1; i++) expect(seen[i]!.elapsedSeconds - seen[i - 1]!.elapsedSeconds).toBeGreaterThanOrEqual(0.099);
    expect(seen[1]!.stepsPerSecond).toBeGreaterThan(0);
  });
});

describe('CurveRecorder', () => {
  it('keeps every step until full, then thins by halving', () => {
    const c = new CurveRecorder(8);
    for (let t = 0; t < 8; t++) c.record(t, t * 10);
    expect(c.curve().steps).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (let t = 8; t < 100; t++) c.record(t, t * 10);
    const { steps, losses } = c.curve({ step: 99, loss: 990 });
    expect(steps.length).toBeLessThanOrEqual(9);
    expect(steps).toEqual([0, 16, 32, 48, 64, 80, 96, 99]);
    expect(losses).toEqual(steps.map((s) => s * 10));
  });
});

describe('reported losses', () => {
  it('are unweighted even while an optimizer reweights the terms', () => {
    const fx = modChain(10, 3);
    const seen: number[] = [];
    let reweighted = false;
    const objective = {
      ...fx.objective,
      params: fx.objective.params,
      termWeights: fx.objective.termWeights,
      termLosses: fx.objective.termLosses,
      lossAndGradient(probs: Float64Array, grad: Float64Array) {
        const loss = fx.objective.lossAndGradient(probs, grad);
        seen.push(fx.objective.termLosses.reduce((a, b) => a + b, 0));
        reweighted ||= fx.objective.termWeights.some((w) => w !== 1);
        return loss;
      },
    };
    const r = synthesize({ objective, verify: () => false, optimizer: 'gradsearch+', options: { stallSteps: 1 }, seed: 3, maxSteps: 64, curvePoints: 64 });
    expect(reweighted).toBe(true);
    expect(r.lossCurve.losses).toHaveLength(64);
    r.lossCurve.losses.forEach((l, i) => expect(l).toBeCloseTo(seen[i]!, 9));
  });
});
