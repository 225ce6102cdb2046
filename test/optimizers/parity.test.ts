// The seed paper's parity-chain findings (Table 1) at small scale: the discrete methods solve K = 32
// reliably, FMGD from TerpreT's Dirichlet start mostly fails there while the maxent start succeeds.

import { describe, expect, it } from 'vitest';
import { synthesize } from '../../src/synth/synthesize.ts';
import { circuit, nandTask } from './circuit.ts';
import { modChain, parityChain, type Fixture } from './fixtures.ts';

const seeds = [1, 2, 3, 4, 5];

function steps(fx: Fixture, optimizer: string, seed: number, maxSteps: number, options = {}): number | null {
  const r = synthesize({ objective: fx.objective, verify: fx.verify, optimizer, options, seed, maxSteps });
  return r.success ? r.steps : null;
}

describe('parity chain K = 32', () => {
  const fx = parityChain(32);

  it.each(['gradsearch-ra', 'bop', 'gradsearch+'])('%s solves it well within 3000 steps for every seed', (name) => {
    for (const seed of seeds) {
      const n = steps(fx, name, seed, 3000);
      expect(n, `seed ${seed}`).not.toBeNull();
      expect(n!).toBeLessThan(500);
    }
  });

  it('fmgd from the Dirichlet start mostly fails, from the maxent start always succeeds', () => {
    const runs = Array.from({ length: 20 }, (_, i) => i + 1);
    const dirichlet = runs.filter((seed) => steps(fx, 'fmgd', seed, 2000) !== null).length;
    const maxent = runs.filter((seed) => steps(fx, 'fmgd', seed, 2000, { init: 'maxent' }) !== null).length;
    expect(dirichlet).toBeLessThanOrEqual(3);
    expect(maxent).toBe(20);
  });
});

describe('categorical generalisations', () => {
  it('gradsearch-ra and bop solve a categorical chain (K = 16, D = 3) for every seed', () => {
    const fx = modChain(16, 3);
    for (const name of ['gradsearch-ra', 'bop']) {
      for (const seed of seeds) expect(steps(fx, name, seed, 3000), `${name} seed ${seed}`).not.toBeNull();
    }
  });
});

describe('Boolean circuit nand (W 3, G 2)', () => {
  it('gradsearch+ solves it for every seed (the paper: 100 %, Table 2)', () => {
    const fx = circuit(nandTask);
    for (const seed of [1, 2, 3]) expect(steps(fx, 'gradsearch+', seed, 3000), `seed ${seed}`).not.toBeNull();
  });
});
