// The relaxed evaluator on every bundled program: zero loss at known solutions, positive loss at perturbed
// ones, and agreement with the exact interpreter at random one-hot assignments.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileRelaxed, loadSketch, parseJson, readParams, readRealParams, runExact, solves, Rng, type Diagnostic } from '../../src/index.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
/** The bundled programs, and the TerpreT-syntax fixtures of the tests. */
const DIRS = [...readdirSync(join(ROOT, 'programs')).map((d) => join(ROOT, 'programs', d)), join(ROOT, 'test', 'terpret')];

/** (program, batch, solution file) for every stored known solution. */
function solutions(): { program: string; batch?: string; params: string }[] {
  const found: { program: string; batch?: string; params: string }[] = [];
  for (const dir of DIRS) {
    const files = readdirSync(dir);
    for (const f of files.filter((x) => x.endsWith('.params.json'))) {
      const stem = f.split('.')[0]!;
      const middle = f.slice(stem.length + 1, -'.params.json'.length);
      found.push({ program: join(dir, `${stem}.tpt`), params: join(dir, f), ...(middle ? { batch: middle } : {}) });
    }
  }
  return found;
}

describe('relaxed evaluator on bundled programs', () => {
  for (const c of solutions()) {
    const label = `${c.program.slice(ROOT.length)}${c.batch ? ` [${c.batch}]` : ''}`;
    it(`${label}: loss ~0 at the known solution, > 0 when perturbed, exact at random vertices`, () => {
      const sketch = loadSketch(c.program, c.batch ? { batch: c.batch } : {}).sketch!;
      const { program, dataset } = sketch;
      const diagnostics: Diagnostic[] = [];
      const node = parseJson(readFileSync(c.params, 'utf8'), c.params).node!;
      const params = readParams(program, node, diagnostics)!;
      const evaluator = compileRelaxed(program, dataset);
      const probs = new Float64Array(evaluator.size);
      const grad = new Float64Array(evaluator.size);
      if (program.real) {
        // A net's known solution classifies every example; its loss is the exact interpreter's, not 0.
        evaluator.realValues.set(readRealParams(program, node, diagnostics)!);
        const exact = runExact(program, dataset, params, evaluator.realValues);
        expect(evaluator.lossAndGradient(evaluator.oneHot(params, probs), grad)).toBeCloseTo(exact.loss!, 12);
        expect(evaluator.examplesCorrect(program.real.settings.target.tolerance)).toBe(dataset.examples.length);
        return;
      }
      expect(evaluator.lossAndGradient(evaluator.oneHot(params, probs), grad)).toBeLessThan(1e-5);

      const rng = new Rng(7);
      let perturbedFailures = 0;
      for (let trial = 0; trial < 20; trial++) {
        const assignment = Int32Array.from(params);
        // Perturb one Param (first trials) or draw every Param at random (later trials).
        for (const slot of evaluator.params) {
          if (trial >= 10 || slot === evaluator.params[trial % evaluator.params.length]) assignment[slot.variable] = rng.int(slot.domain);
        }
        const loss = evaluator.loss(evaluator.oneHot(assignment, probs));
        const exact = runExact(program, dataset, assignment);
        if (solves(program, dataset, assignment)) expect(loss).toBeLessThan(1e-5);
        else {
          perturbedFailures++;
          expect(loss).toBeGreaterThan(1);
        }
        // At a vertex every observed distribution is the one-hot of the exact value.
        exact.examples.forEach((run, e) => {
          dataset.observedVars.forEach((v, i) => {
            const dist = evaluator.outputDistribution(e, i);
            const value = run.values[v]!;
            dist.forEach((p, k) => expect(p).toBe(k === value ? 1 : 0));
          });
        });
      }
      expect(perturbedFailures).toBeGreaterThan(0);
    });
  }
});
