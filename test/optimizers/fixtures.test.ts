// The hand-written test Objectives are themselves checked: gradients against central differences,
// exactness at vertices, and verify accepting exactly the intended solution.

import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/util/rng.ts';
import { circuit, nandTask, swapTask } from './circuit.ts';
import { modChain, parityChain, polynomial, type Fixture } from './fixtures.ts';

const fixtures: [string, () => Fixture][] = [
  ['parity K=6', () => parityChain(6)],
  ['modChain K=5 D=3', () => modChain(5, 3)],
  ['polynomial D=5', () => polynomial()],
  ['circuit nand', () => circuit(nandTask)],
  ['circuit swap', () => circuit(swapTask)],
];

describe.each(fixtures)('%s', (_name, make) => {
  it('has gradients equal to central differences at interior points', () => {
    const { objective } = make();
    const rng = new Rng(7);
    const probs = new Float64Array(objective.size);
    for (let i = 0; i < probs.length; i++) probs[i] = 0.1 + rng.next();
    for (let t = 0; t < objective.termCount; t++) objective.termWeights[t] = 0.5 + rng.next();
    const grad = new Float64Array(objective.size);
    objective.lossAndGradient(probs, grad);
    const scratch = new Float64Array(objective.size);
    for (let i = 0; i < probs.length; i++) {
      const h = 1e-6;
      const x = probs[i]!;
      probs[i] = x + h;
      const up = objective.lossAndGradient(probs, scratch);
      probs[i] = x - h;
      const down = objective.lossAndGradient(probs, scratch);
      probs[i] = x;
      expect((up - down) / (2 * h)).toBeCloseTo(grad[i]!, 5);
    }
    objective.termWeights.fill(1);
  });

  it('is exact at vertices: loss ~0 when verified, at least -log(epsilon) / examples otherwise', () => {
    const { objective, verify } = make();
    const rng = new Rng(3);
    const asg = new Int32Array(objective.params.length);
    const probs = new Float64Array(objective.size);
    const grad = new Float64Array(objective.size);
    for (let trial = 0; trial < 20; trial++) {
      probs.fill(0);
      objective.params.forEach((p, s) => {
        asg[s] = rng.int(p.domain);
        probs[p.offset + asg[s]!] = 1;
      });
      const loss = objective.lossAndGradient(probs, grad);
      if (verify(asg)) expect(loss).toBeLessThan(1e-5);
      else expect(loss).toBeGreaterThan(-Math.log(1e-6) / 5);
    }
  });
});

describe('parity chain', () => {
  it('has a gradient of about 1/epsilon at a wrong vertex', () => {
    const { objective } = parityChain(4);
    const grad = new Float64Array(objective.size);
    // x = 0,1,0,0: outputs y0 and y1 are wrong.
    objective.lossAndGradient(Float64Array.from([0, 1, 1, 0, 1, 0]), grad);
    // Moving x1 to 0 fixes both: estimated change g[0] - g[1] is about -2e7.
    expect(grad[0]! - grad[1]!).toBeCloseTo(-2e7, -2);
  });
});

describe('verify', () => {
  it('accepts the all-zero parity assignment and nothing else', () => {
    const { verify } = parityChain(5);
    for (let m = 0; m < 16; m++) expect(verify(Int32Array.from([0, 1, 2, 3], (b) => (m >> b) & 1))).toBe(m === 0);
  });

  it('accepts the polynomial coefficients it was built from', () => {
    const { verify } = polynomial(5, [3, 2, 4]);
    expect(verify(Int32Array.from([3, 2, 4]))).toBe(true);
    expect(verify(Int32Array.from([3, 2, 3]))).toBe(false);
  });
});
