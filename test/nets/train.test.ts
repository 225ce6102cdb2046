// Training the nets of programs/nets with `synthesizeSketch` (what `tpt synth` runs): the seed lecture's
// perceptrons, XOR failing with one layer and learnt with hidden ones, the circle classifier in
// mini-batches, a three-class softmax classifier, and the hybrid family-plus-coefficients fit.
import { describe, expect, it } from 'vitest';
import { netOptionsFromFlags } from '../../src/cli/net-flags.ts';
import { loadSketch, netJson, OptionError, runExact, synthesizeSketch, type NetOptions, type Sketch } from '../../src/index.ts';
import { dedent, sketchFrom } from '../helpers/sketch.ts';

function load(stem: string, batch?: string): Sketch {
  const r = loadSketch(`programs/nets/${stem}.tpt`, batch ? { batch } : {});
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.sketch!;
}

function train(sketch: Sketch, net: NetOptions = {}, seed = 1, maxSteps = 20_000, optimizer = 'gradsearch+') {
  return synthesizeSketch(sketch, { optimizer, seed, maxSteps, net });
}

describe('training programs with real Params', () => {
  it('never reports success with a non-finite loss, even when every output is right', () => {
    // x * x overflows to Infinity, Infinity - Infinity is NaN: Bernoulli(NaN) is 0, as observed.
    const source = 'x = Input(Real)\ny = Output(2)\ny.set_to(Bernoulli(sigmoid(x * x - x * x)))\n';
    const r = sketchFrom(source, { dataText: '[{"batch_name": "b", "instances": [{"x": 1e300, "y": 0}]}]' });
    const s = train(r.sketch!, {}, 1, 20);
    expect(s.examplesSolved).toBe(1);
    expect(s.result.success).toBe(false);
  });

  for (const batch of ['and', 'or', 'not']) {
    it(`the ${batch.toUpperCase()} perceptron is learnt from a zero start (seed 004)`, () => {
      const s = train(load('perceptron', batch));
      expect(s.result.success).toBe(true);
      expect(s.net!.accuracy).toBe(1);
      // The learnt weights separate the truth table the perceptron's way: w . x + b >= 0 exactly for the 1 rows.
      const sketch = load('perceptron', batch);
      expect(runExact(sketch.program, sketch.dataset, s.assignment, s.net!.realParams).solved).toBe(true);
    });
  }

  it('XOR is not learnt by one layer but is by the 2-3-2-1 network', () => {
    const linear = train(load('xor_linear'), {}, 1, 5000);
    expect(linear.result.success).toBe(false);
    expect(linear.net!.accuracy).toBeLessThanOrEqual(0.75);
    for (const seed of [1, 2, 3]) {
      const deep = train(load('xor'), {}, seed, 5000);
      expect(deep.result.success).toBe(true);
      expect(deep.examplesSolved).toBe(4);
    }
  });

  it('learns XOR by SGD with momentum, stochastic (batch 1) and mini-batch (batch 2) too', () => {
    const sketch = load('xor');
    for (const net of [{ update: 'sgd', lr: 0.5, momentum: 0.9 }, { batchSize: 1, lr: 0.05 }, { batchSize: 2, update: 'sgd', lr: 0.5 }] as NetOptions[]) {
      const s = train(sketch, net, 1, 20_000);
      expect(s.result.success, JSON.stringify(net)).toBe(true);
      expect(s.net!.batchSize).toBe(net.batchSize ?? 4);
    }
  });

  it('classifies the circle data in mini-batches of 32 to the program target (98 %)', () => {
    const sketch = load('circle');
    const s = train(sketch, {}, 1, 4000);
    expect(s.result.success).toBe(true);
    expect(s.net!.accuracy).toBeGreaterThanOrEqual(0.98);
    expect(s.net!.batchSize).toBe(32);
    expect(s.net!.stepsPerEpoch).toBe(8);
    expect(s.result.lossCurve.losses.length).toBeGreaterThan(1);
    const { steps } = s.result.lossCurve;
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThan(steps[i - 1]!); // in order, no repeats
    const json = netJson(s);
    expect(json).toMatchObject({ accuracy: s.net!.accuracy, batchSize: 32, target: { kind: 'accuracy', value: 0.98 } });
  });

  it('classifies three blobs with a softmax output (Categorical draw, softmax cross-entropy)', () => {
    const s = train(load('softmax3'), {}, 1, 3000);
    expect(s.result.success).toBe(true);
    expect(s.examplesSolved).toBe(90);
  });

  it('finds which family generated the points and fits its coefficients (hybrid)', () => {
    for (const [batch, family] of [['parabola', 1], ['sine', 2]] as const) {
      for (const seed of [1, 2]) {
        const s = train(load('hybrid', batch), {}, seed, 5000);
        expect(s.result.success, `${batch} seed ${seed}`).toBe(true);
        expect(s.params['family']).toBe(family);
        expect(s.net!.dataLoss).toBeLessThanOrEqual(0.0003);
      }
    }
    // A line is also a parabola with a = 0 and the limit of a slow sine: any family may fit it.
    const line = train(load('hybrid', 'line'), {}, 1, 5000);
    expect(line.result.success).toBe(true);
  });

  it('is determined by its seed, honours a loss target and epochs from the flags', () => {
    const sketch = load('xor');
    const a = train(sketch, { epochs: 50 }, 5);
    const b = train(sketch, { epochs: 50 }, 5);
    expect(a.params).toEqual(b.params);
    expect(a.result.steps).toBe(b.result.steps);
    const capped = train(sketch, { epochs: 7, targetLoss: 1e-9 });
    expect(capped.result.success).toBe(false);
    expect(capped.result.steps).toBe(7);
    expect(capped.net!.target).toEqual({ kind: 'loss', value: 1e-9, tolerance: 0.5 });
  });

  it('reads its options from command-line flags and rejects bad ones', () => {
    const flags = new Map<string, string | boolean>([['batch-size', '2'], ['real-update', 'sgd'], ['real-lr', '0.5'], ['squared-error', 'full'], ['no-shuffle', true]]);
    expect(netOptionsFromFlags(flags)).toEqual({ batchSize: 2, update: 'sgd', lr: 0.5, half: false, shuffle: false });
    expect(() => netOptionsFromFlags(new Map([['reduction', 'median']]))).toThrow(OptionError);
    expect(() => train(load('xor'), { batchSize: 0 })).toThrow(OptionError);
  });

  it('refuses mini-batches when the discrete part reads example data', () => {
    const r = sketchFrom(dedent(`
      c = Input(2)
      w = Param(Real)
      o = Output(Real)
      if c == 0:
          o.set_to(w)
      else:
          o.set_to(-w)
    `), { dataText: JSON.stringify([{ batch_name: 'b', hypers: {}, instances: [{ c: 0, o: 1 }, { c: 1, o: -1 }] }]) });
    expect(() => train(r.sketch!, { batchSize: 1 })).toThrow(OptionError);
    const full = train(r.sketch!, { targetLoss: 1e-6, lr: 0.1 });
    expect(full.result.success).toBe(true);
    expect(full.net!.realParams[0]).toBeCloseTo(1, 2);
  });
});
