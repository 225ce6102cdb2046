// Seed 002: the 2-2-2 network of the lecture "Neural Network II", reproduced numerically, and the
// classic example it follows (E = 1/2 sum): the program's outputs, loss and gradients are the numbers
// printed there. Weight files: programs/nets/backprop222.<batch>.weights.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileRelaxed, loadSketch, parseJson, readRealParams, runExact, type Diagnostic } from '../../src/index.ts';

function setup(batch: 'worked' | 'classic') {
  const sketch = loadSketch('programs/nets/backprop222.tpt', { batch }).sketch!;
  const file = `programs/nets/backprop222.${batch}.weights.json`;
  const diagnostics: Diagnostic[] = [];
  const weights = readRealParams(sketch.program, parseJson(readFileSync(file, 'utf8'), file).node!, diagnostics)!;
  expect(diagnostics).toEqual([]);
  const ev = compileRelaxed(sketch.program, sketch.dataset, { epsilon: 0 });
  ev.realValues.set(weights);
  const loss = ev.lossAndGradient(new Float64Array(0), new Float64Array(0));
  const exact = runExact(sketch.program, sketch.dataset, new Int32Array(0), weights);
  // Flat layout: Wh = [[w1, w2], [w3, w4]], bh, Wo = [[w5, w6], [w7, w8]], bo.
  const g = (name: 'w1' | 'w5' | 'w7'): number => ev.realGradient[{ w1: 0, w5: 6, w7: 8 }[name]]!;
  return { loss, exact, g };
}

const f = (z: number): number => 1 / (1 + Math.exp(-z));

describe('seed 002: backpropagation on the 2-2-2 network', () => {
  it('reproduces the lecture: E = sum (o - out)^2, dE/dw5 = 1.2504 * 0.2317 * 0.5933 = 0.1719', () => {
    const { loss, exact, g } = setup('worked');
    const [o1, o2] = exact.examples[0]!.realOutputs!;
    expect(o1).toBeCloseTo(0.6352, 4); // f(net_o1) with net_o1 = 0.5546
    expect(o2).toBeCloseTo(0.6723, 4); // f(net_o2) with net_o2 = 0.7188
    expect(loss).toBeCloseTo((0.01 - o1!) ** 2 + (0.99 - o2!) ** 2, 14);
    const dEdOut = -2 * (0.01 - o1!);
    const dOutDNet = f(0.5546) * f(-0.5546);
    const outH1 = f(0.3775);
    expect(dEdOut).toBeCloseTo(1.2504, 4);
    expect(dOutDNet).toBeCloseTo(0.2317, 4);
    expect(outH1).toBeCloseTo(0.5933, 4);
    expect(g('w5')).toBeCloseTo(0.1719, 4);
    expect(g('w5')).toBeCloseTo(dEdOut * dOutDNet * outH1, 6);
    // dE/dw1 = 1.2504 * f'(0.5546) * 0.0048 - 0.6354 * f'(0.7188) * 0.006 = 5.5090e-04 with the
    // lecture's rounded factors 0.0048 and 0.006; unrounded it is 5.540e-4.
    const unrounded = dEdOut * dOutDNet * 0.4 * f(0.3775) * f(-0.3775) * 0.05 - 2 * (0.99 - o2!) * f(0.7188) * f(-0.7188) * 0.5 * f(0.3775) * f(-0.3775) * 0.05;
    expect(g('w1')).toBeCloseTo(unrounded, 7);
    expect(Math.abs(g('w1') - 5.509e-4) / 5.509e-4).toBeLessThan(0.01);
  });

  it('reproduces the classic example with E = 1/2 sum: 0.298371109, dE/dw5 = 0.082167041, dE/dw1 = 0.000438568', () => {
    const { loss, exact, g } = setup('classic');
    expect(loss).toBeCloseTo(0.298371109, 9);
    expect(exact.loss!).toBeCloseTo(0.298371109, 9);
    expect(exact.examples[0]!.realOutputs![0]).toBeCloseTo(0.75136507, 8);
    expect(exact.examples[0]!.realOutputs![1]).toBeCloseTo(0.772928465, 8);
    expect(g('w5')).toBeCloseTo(0.082167041, 9);
    expect(g('w1')).toBeCloseTo(0.000438568, 9);
  });
});
