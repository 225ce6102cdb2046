// gradsearch-ls: solves circuits and the parity chain under fixed seeds, repeats a run from its seed,
// reports only verified solutions, and its premise holds: with term weights p + eps the vertex
// gradient predicts the exact change in satisfied terms of every move where the loss is affine.

import { describe, expect, it } from 'vitest';
import { compileRelaxed } from '../../src/relax/index.ts';
import { loadSketch, type Sketch } from '../../src/sketch/load.ts';
import { solves } from '../../src/exact/interpret.ts';
import { synthesize } from '../../src/synth/synthesize.ts';
import { synthesizeSketch } from '../../src/synth/run-sketch.ts';
import { gradsearchLsSettings } from '../../src/optimizers/gradsearch-ls.ts';
import { createGradSearchLs, luby } from '../../src/optimizers/gradsearch-ls-core.ts';
import { resolveOptimizerOptions } from '../../src/optimizers/registry.ts';
import { Rng } from '../../src/util/rng.ts';
import { circuit, nandTask } from './circuit.ts';

function sketch(path: string, options: Parameters<typeof loadSketch>[1] = {}): Sketch {
  const r = loadSketch(path, options);
  if (!r.sketch) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.sketch;
}

const circuitTask = (batch: string): Sketch => sketch('programs/circuit/circuit.tpt', { batch });

function solve(s: Sketch, seed: number, maxSteps: number, options = {}) {
  const run = synthesizeSketch(s, { optimizer: 'gradsearch-ls', options, seed, maxSteps });
  return { ...run, verified: solves(s.program, s.dataset, run.assignment) };
}

describe('gradsearch-ls on compiled sketches', () => {
  it.each([
    ['nand', 1],
    ['nand', 2],
    ['swap', 1],
    ['swap', 2],
    ['full_adder', 1],
  ] as const)('solves the %s circuit (seed %i); the answer passes the exact interpreter', (batch, seed) => {
    const run = solve(circuitTask(batch), seed, 50_000);
    expect(run.result.success).toBe(true);
    expect(run.verified).toBe(true);
  });

  it('solves the parity chain at K = 32 for every seed of five', () => {
    const parity = sketch('programs/parity_chain/parity_chain.tpt', { set: { K: 32 } });
    for (const seed of [1, 2, 3, 4, 5]) {
      const run = solve(parity, seed, 3000);
      expect(run.result.success, `seed ${seed}`).toBe(true);
      expect(run.verified).toBe(true);
      expect(run.params).toEqual({ x: Array(31).fill(0) });
    }
  });

  it('repeats a run exactly from its seed', () => {
    const swap = circuitTask('swap');
    const a = solve(swap, 7, 20_000);
    const b = solve(swap, 7, 20_000);
    expect(b.result.steps).toBe(a.result.steps);
    expect(b.params).toEqual(a.params);
    expect(b.result.lossCurve).toEqual(a.result.lossCurve);
  });

  it('reports its best assignment, unverified, when the budget runs out', () => {
    const run = solve(circuitTask('adder2'), 1, 30);
    expect(run.result.success).toBe(false);
    expect(run.verified).toBe(false);
    expect(run.examplesSolved).toBeLessThan(16);
  });
});

describe('the linearised estimate', () => {
  /** Every move's estimate `-N (g[j] - g[c])` next to its exact change in satisfied terms. */
  function estimates(s: Sketch, rng: Rng): Array<[number, number]> {
    const ev = compileRelaxed(s.program, s.dataset);
    const probs = new Float64Array(ev.size);
    const grad = new Float64Array(ev.size);
    const value = ev.params.map((p) => rng.int(p.domain));
    ev.params.forEach((p, i) => (probs[p.offset + value[i]!] = 1));
    const satisfied = (): number => ev.termLosses.filter((l) => l < Math.LN2).length;
    ev.loss(probs);
    const base = satisfied();
    for (let t = 0; t < ev.termCount; t++) ev.termWeights[t] = Math.exp(-ev.termLosses[t]!); // p + eps
    ev.lossAndGradient(probs, grad);
    ev.termWeights.fill(1);
    const n = s.dataset.examples.length;
    const pairs: Array<[number, number]> = [];
    ev.params.forEach((p, i) => {
      const c = value[i]!;
      for (let j = 0; j < p.domain; j++) {
        if (j === c) continue;
        probs[p.offset + c] = 0;
        probs[p.offset + j] = 1;
        ev.loss(probs);
        pairs.push([-n * (grad[p.offset + j]! - grad[p.offset + c]!), satisfied() - base]);
        probs[p.offset + j] = 0;
        probs[p.offset + c] = 1;
      }
    });
    return pairs;
  }

  it('is exact for every move of the parity chain and the DNF learner (the loss is affine in each Param)', () => {
    const rng = new Rng(5);
    for (const s of [sketch('programs/parity_chain/parity_chain.tpt', { set: { K: 16 } }), sketch('programs/dnf/dnf.tpt')]) {
      for (let rep = 0; rep < 5; rep++) {
        for (const [estimate, exact] of estimates(s, rng)) expect(estimate).toBeCloseTo(exact, 6);
      }
    }
  });

  it('predicts most moves of a circuit exactly (fan-out makes some Params non-affine)', () => {
    const rng = new Rng(6);
    const s = circuitTask('full_adder');
    let hits = 0;
    let total = 0;
    for (let rep = 0; rep < 10; rep++) {
      for (const [estimate, exact] of estimates(s, rng)) {
        total++;
        if (Math.abs(estimate - exact) < 0.5) hits++;
      }
    }
    expect(hits / total).toBeGreaterThan(0.85);
  });
});

describe('gradsearch-ls details', () => {
  it('runs on an Objective without a forward-only pass (hand-written nand circuit)', () => {
    const fx = circuit(nandTask);
    const r = synthesize({ objective: fx.objective, verify: fx.verify, optimizer: 'gradsearch-ls', seed: 3, maxSteps: 5000 });
    expect(r.success).toBe(true);
    expect(fx.verify(r.bestAssignment)).toBe(true);
  });

  it('counts its moves, weight updates and passes', () => {
    const ev = compileRelaxed(circuitTask('full_adder').program, circuitTask('full_adder').dataset);
    const opt = createGradSearchLs(ev, new Rng(1), gradsearchLsSettings(resolveOptimizerOptions('gradsearch-ls')));
    const grad = new Float64Array(ev.size);
    for (let step = 0; step < 200; step++) opt.update(grad, ev.lossAndGradient(opt.probs(step), grad), step);
    const { improving, sideways, uphill, walks, reweights, forwards } = opt.stats;
    expect(improving + sideways + uphill + walks + reweights).toBeGreaterThan(0);
    expect(improving + sideways + uphill + walks + reweights).toBeLessThanOrEqual(200);
    expect(forwards).toBeGreaterThan(0);
  });

  it.each([0, 0.25, 1])('draws the candidates of a randomShare of %f of its steps at random', (share) => {
    const task = circuitTask('full_adder');
    const ev = compileRelaxed(task.program, task.dataset);
    const o = resolveOptimizerOptions('gradsearch-ls', { randomShare: share, randomScale: 'fixed', restartBase: 0 });
    const opt = createGradSearchLs(ev, new Rng(2), gradsearchLsSettings(o));
    const grad = new Float64Array(ev.size);
    const steps = 2000;
    for (let step = 0; step < steps; step++) opt.update(grad, ev.lossAndGradient(opt.probs(step), grad), step);
    const { randomSteps, walks } = opt.stats;
    // Every step but a walk ranks its candidates; about `share` of those draw them at random.
    if (share === 0) expect(randomSteps).toBe(0);
    else if (share === 1) expect(randomSteps).toBe(steps - walks);
    else {
      expect(randomSteps).toBeGreaterThan(0.2 * steps);
      expect(randomSteps).toBeLessThan(0.3 * steps);
    }
  });

  it('with randomScale=error, draws at random only where the estimates have been wrong', () => {
    const randomShareOf = (task: Sketch): number => {
      const ev = compileRelaxed(task.program, task.dataset);
      const o = resolveOptimizerOptions('gradsearch-ls', { randomShare: 1, randomScale: 'error', restartBase: 0 });
      const opt = createGradSearchLs(ev, new Rng(4), gradsearchLsSettings(o));
      const grad = new Float64Array(ev.size);
      for (let step = 0; step < 1000; step++) opt.update(grad, ev.lossAndGradient(opt.probs(step), grad), step);
      return opt.stats.randomSteps / 1000;
    };
    // Every estimate on the parity chain is exact; on a circuit some are not (fan-out).
    expect(randomShareOf(sketch('programs/parity_chain/parity_chain.tpt', { set: { K: 16 } }))).toBe(0);
    expect(randomShareOf(circuitTask('full_adder'))).toBeGreaterThan(0.02);
  });

  it('with randomAt=minimum, draws random candidates only after the ranked ones found no improving move', () => {
    const task = circuitTask('full_adder');
    const ev = compileRelaxed(task.program, task.dataset);
    const o = resolveOptimizerOptions('gradsearch-ls', { randomShare: 1, randomScale: 'fixed', randomAt: 'minimum', restartBase: 0 });
    const opt = createGradSearchLs(ev, new Rng(2), gradsearchLsSettings(o));
    const grad = new Float64Array(ev.size);
    const steps = 2000;
    for (let step = 0; step < steps; step++) opt.update(grad, ev.lossAndGradient(opt.probs(step), grad), step);
    const { randomSteps, sideways, uphill, reweights, improving } = opt.stats;
    // Every step at a local minimum tries random candidates after the ranked ones, before the
    // sideways, uphill and reweighting rules; the others took a ranked improving move
    // (random tries that improve count as improving moves, so the random steps lie between the two bounds).
    expect(randomSteps).toBeGreaterThanOrEqual(sideways + uphill + reweights);
    expect(randomSteps).toBeLessThan(sideways + uphill + reweights + improving);
    expect(steps - randomSteps).toBeGreaterThan(0.05 * steps);
    const run = solve(task, 3, 100_000, { randomShare: 0.5, randomAt: 'minimum' });
    expect(run.result.success).toBe(true);
    expect(run.verified).toBe(true);
  });

  it('solves with a random share of its steps; the answer passes the exact interpreter', () => {
    const run = solve(circuitTask('full_adder'), 3, 100_000, { randomShare: 0.25, randomScale: 'fixed' });
    expect(run.result.success).toBe(true);
    expect(run.verified).toBe(true);
  });

  it('the Luby sequence', () => {
    expect(Array.from({ length: 15 }, (_, i) => luby(i + 1))).toEqual([1, 1, 2, 1, 1, 2, 4, 1, 1, 2, 1, 1, 2, 4, 8]);
  });
});

describe('gradsearch-ls with the smoothed estimator', () => {
  it('supplies the gradient of a pass at the smoothed vertex, linearised there, also after reweights', () => {
    const s = sketch('programs/turing/turing.tpt', { batch: 'prepend_zero' });
    const ev = compileRelaxed(s.program, s.dataset);
    const check = compileRelaxed(s.program, s.dataset);
    const options = resolveOptimizerOptions('gradsearch-ls', { estimator: 'smoothed' });
    const opt = createGradSearchLs(ev, new Rng(4), gradsearchLsSettings(options));
    const weight = options.smoothing as number;
    const grad = new Float64Array(ev.size);
    const reference = new Float64Array(ev.size);
    const point = new Float64Array(ev.size);
    let compared = 0;
    for (let step = 0; step < 400; step++) {
      const vertex = opt.probs(step);
      const known = opt.gradientWithoutPass!(grad);
      expect(known).not.toBeNull();
      // The clause weights, from the vertex-linearised weights the optimizer leaves for the loop.
      check.termWeights.fill(1);
      check.loss(vertex);
      const clause = Array.from(ev.termWeights, (w, t) => w / Math.exp(-check.termLosses[t]!));
      for (const { offset, domain } of check.params) for (let j = 0; j < domain; j++) point[offset + j] = (1 - weight) * vertex[offset + j]! + weight / domain;
      check.loss(point);
      for (let t = 0; t < check.termCount; t++) check.termWeights[t] = clause[t]! * Math.exp(-check.termLosses[t]!);
      check.lossAndGradient(point, reference);
      for (let i = 0; i < ev.size; i++) expect(Math.abs(grad[i]! - reference[i]!)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(reference[i]!)));
      compared++;
      opt.update(grad, known!, step);
    }
    expect(compared).toBe(400);
    expect(opt.stats.smoothedGradients).toBeGreaterThan(0);
    expect(opt.stats.reweights).toBeGreaterThan(50);
  });
});

describe('gradsearch-ls and the forward passes it saves', () => {
  it('the gradient it supplies after a reweight, without a pass, is the gradient a pass gives', () => {
    const s = circuitTask('full_adder');
    const ev = compileRelaxed(s.program, s.dataset);
    const check = compileRelaxed(s.program, s.dataset); // a second evaluator: the reference passes
    const opt = createGradSearchLs(ev, new Rng(2), gradsearchLsSettings(resolveOptimizerOptions('gradsearch-ls')));
    const grad = new Float64Array(ev.size);
    const reference = new Float64Array(ev.size);
    let supplied = 0;
    for (let step = 0; step < 3000; step++) {
      const probs = opt.probs(step);
      const known = opt.gradientWithoutPass!(grad);
      if (known === null) {
        opt.update(grad, ev.lossAndGradient(probs, grad), step);
        continue;
      }
      supplied++;
      check.termWeights.set(ev.termWeights);
      check.lossAndGradient(probs, reference);
      for (let i = 0; i < ev.size; i++) expect(grad[i]).toBeCloseTo(reference[i]!, 9);
      check.termWeights.fill(1);
      expect(known).toBeCloseTo(check.loss(probs), 12); // the loss with unit weights
      opt.update(grad, known, step);
    }
    expect(supplied).toBeGreaterThan(300);
    expect(opt.stats.suppliedGradients).toBe(supplied);
    expect(opt.stats.vertexEvaluations).toBeGreaterThan(0);
    expect(opt.stats.cachedEvaluations).toBeGreaterThan(0);
    expect(opt.stats.forwards).toBe(1); // the start; candidates go to the vertex evaluator
  });

  it('a run with every saving (vertex evaluator, reused passes) is the run of plain passes', () => {
    const s = circuitTask('full_adder');
    type Savings = 'none' | 'reuse' | 'all';
    const run = (savings: Savings) => {
      const ev = compileRelaxed(s.program, s.dataset);
      const counts = { passes: 0, reverseOnly: 0, atVertex: 0 };
      const full = ev.lossAndGradient.bind(ev);
      const after = ev.lossAndGradientAfterPass.bind(ev);
      const base = {
        params: ev.params, size: ev.size, termCount: ev.termCount, termWeights: ev.termWeights, termLosses: ev.termLosses,
        lossAndGradient: (p: Float64Array, g: Float64Array) => (counts.passes++, full(p, g)),
        loss: (p: Float64Array) => ev.loss(p),
      };
      // none: every gradient is a full pass and every candidate a forward pass; reuse: the reverse
      // pass alone where the state is already at the vertex; all: the vertex evaluator as well.
      const objective =
        savings === 'none' ? base
        : savings === 'reuse' ? { ...base, lossAndGradientAfterPass: (p: Float64Array, g: Float64Array) => (counts.reverseOnly++, after(p, g)) }
        : { ...base, lossAndGradientAfterPass: after, termLossesAtVertex: ev.termLossesAtVertex,
            lossAndGradientAtVertex: (p: Float64Array, g: Float64Array) => (counts.atVertex++, ev.lossAndGradientAtVertex!(p, g)) };
      const verify = (a: Int32Array) => solves(s.program, s.dataset, toVars(s, ev, a));
      return { r: synthesize({ objective, verify, optimizer: 'gradsearch-ls', seed: 5, maxSteps: 20_000 }), counts };
    };
    const plain = run('none');
    expect(plain.r.success).toBe(true);
    for (const savings of ['reuse', 'all'] as const) {
      const saved = run(savings);
      expect(saved.r.steps, savings).toBe(plain.r.steps);
      expect(Array.from(saved.r.bestAssignment), savings).toEqual(Array.from(plain.r.bestAssignment));
      if (savings === 'reuse') expect(saved.counts.reverseOnly).toBeGreaterThan(plain.r.steps / 10);
      else {
        expect(saved.counts.passes).toBe(0);
        expect(saved.counts.atVertex).toBeGreaterThan(plain.r.steps / 10); // after moves; reweights add a kept gradient
      }
    }
  });
});

/** IR variable values from an assignment of the evaluator's slots. */
function toVars(s: Sketch, ev: ReturnType<typeof compileRelaxed>, a: Int32Array): Int32Array {
  const byVar = new Int32Array(s.program.vars.length);
  ev.params.forEach((slot, i) => (byVar[slot.variable] = a[i]!));
  return byVar;
}
