// The run budget: no step cap under a time limit alone, a stop flag another thread sets, the time
// limit shared by restarts, and the loss a solved run reports (the loss at its solution).
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { synthesize } from '../../src/synth/synthesize.ts';
import { loadSketch, normalizeConfig, startMethodInWorker, type Summary } from '../../src/index.ts';
import { tableCaption } from '../../src/compare/table.ts';
import { parityChain } from '../optimizers/fixtures.ts';
import { BIN, tpt } from '../cli/run-cli.ts';

describe('synthesize: budget', () => {
  it('has no step cap when maxSteps is Infinity: the time limit ends the run', () => {
    const fx = parityChain(8);
    const r = synthesize({ objective: fx.objective, verify: () => false, optimizer: 'gradsearch', seed: 1, maxSteps: Infinity, timeLimitSeconds: 0.1 });
    expect(r.stopReason).toBe('time-limit');
    expect(r.wallSeconds).toBeGreaterThanOrEqual(0.1);
  });

  it('shares the time limit between restarts when there is no step budget', () => {
    const fx = parityChain(8);
    const r = synthesize({ objective: fx.objective, verify: () => false, optimizer: 'gradsearch', seed: 1, maxSteps: Infinity, timeLimitSeconds: 0.2, restarts: 2 });
    expect(r).toMatchObject({ stopReason: 'time-limit', attempts: 3 });
  });

  it('stops with its best assignment once the stop flag is set', () => {
    const fx = parityChain(8);
    const stop = new Int32Array(1);
    let calls = 0;
    const r = synthesize({
      objective: fx.objective,
      verify: () => (++calls === 20 && Atomics.store(stop, 0, 1), false),
      optimizer: 'gradsearch',
      seed: 1,
      maxSteps: Infinity,
      stop,
    });
    expect(r.stopReason).toBe('interrupted');
    expect(r.bestAssignment.length).toBe(fx.objective.params.length);
  });

  it('reports the loss at the solution, which ends the loss curve', () => {
    const fx = parityChain(12);
    const r = synthesize({ objective: fx.objective, verify: fx.verify, optimizer: 'gradsearch-ls', seed: 2, maxSteps: 5000 });
    expect(r.success).toBe(true);
    expect(Math.abs(r.loss)).toBeLessThan(1e-5);
    expect(r.bestLoss).toBeLessThanOrEqual(r.loss);
    expect(r.lossCurve.steps.at(-1)).toBe(r.steps);
    expect(r.lossCurve.losses.at(-1)).toBe(r.loss);
  });
});

describe('compare: budget', () => {
  const base = { program: 'p.tpt', optimizers: ['fmgd'], runs: 1, seed: 1 };
  it('accepts a time limit without a step budget, and says so', () => {
    const c = normalizeConfig({ ...base, maxSteps: null, timeLimitSeconds: 5 });
    expect(c.maxSteps).toBeNull();
    const summary: Summary = { config: c, program: 'p.tpt', sweep: null, sweepValues: [null], optimizers: ['fmgd'], groups: [], runs: 0, plannedRuns: 1, totalSeconds: 0 };
    const caption = tableCaption(summary);
    expect(caption).toContain('no step limit, 5 s per run');
  });
  it('refuses neither', () => {
    expect(() => normalizeConfig({ ...base, maxSteps: null })).toThrow(/step budget or a time limit/);
  });
});

describe('a method in a worker thread', () => {
  it('stops at the flag and returns its best assignment', async () => {
    const sketch = loadSketch('programs/circuit/circuit.tpt', { batch: 'full_adder', set: { numGates: 2 } }).sketch!;
    const run = startMethodInWorker(sketch, { optimizer: 'gradsearch', seed: 1, maxSteps: Infinity });
    setTimeout(() => run.stop(), 300);
    const s = await run.result;
    expect(s.result.stopReason).toBe('interrupted');
    expect(Object.keys(s.params)).toContain('gate');
  }, 30_000);
});

describe('tpt synth: budget', () => {
  it('prints the best assignment after Ctrl-C and exits 130', async () => {
    // The bundle is up to date first, so the SIGINT below lands after the command has started.
    expect(tpt(['check', 'programs/circuit/circuit.tpt']).code).toBe(0);
    // Two gates cannot make a full adder: the run goes on until it is stopped.
    const child = spawn(process.execPath, [BIN, 'synth', 'programs/circuit/circuit.tpt', '--batch', 'full_adder', '--set', 'numGates=2', '--time-limit', '30'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => {
      setTimeout(() => child.kill('SIGINT'), 3000);
      child.on('exit', (c) => resolve(c));
    });
    expect(stderr).toContain('stopping: the best assignment so far follows');
    expect(stdout).toMatch(/^not solved by gradsearch-ls \(seed 1; stopped by Ctrl-C\) after \d+ steps/);
    expect(stdout).toContain('examples solved');
    expect(code).toBe(130);
  }, 30_000);
});
