// Benchmark: a full `tpt synth` FMGD step (softmax, forward + reverse pass, Adam, decode, verify when
// changed) on the parity chain, against the same step written as one hand-fused JavaScript loop.
import { loadSketch, synthesizeSketch } from '../src/index.ts';
import { Rng } from '../src/util/rng.ts';
import { parityHandFused } from './evaluator.ts';

/** One hand-fused FMGD run: logits -> softmax -> parity loss/grad -> softmax backward -> Adam -> argmax. */
function handFusedFmgd(K: number, steps: number, seed: number): number {
  const n = K - 1;
  const rng = new Rng(seed);
  const logits = new Float64Array(2 * n);
  for (let i = 0; i < 2 * n; i++) logits[i] = Math.log(rng.exponential()); // Dirichlet(1) in logit form
  const probs = new Float64Array(2 * n);
  const grad = new Float64Array(2 * n);
  const m = new Float64Array(2 * n);
  const v = new Float64Array(2 * n);
  const assignment = new Int32Array(n);
  const lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8;
  let sink = 0;
  for (let t = 1; t <= steps; t++) {
    for (let j = 0; j < n; j++) {
      const a = logits[2 * j]!, b = logits[2 * j + 1]!;
      const mx = a > b ? a : b;
      const ea = Math.exp(a - mx), eb = Math.exp(b - mx);
      probs[2 * j] = ea / (ea + eb);
      probs[2 * j + 1] = eb / (ea + eb);
    }
    sink += parityHandFused(K, probs, grad, 1e-7);
    const c1 = 1 - b1 ** t, c2 = 1 - b2 ** t;
    for (let j = 0; j < n; j++) {
      const p0 = probs[2 * j]!, p1 = probs[2 * j + 1]!;
      const dot = p0 * grad[2 * j]! + p1 * grad[2 * j + 1]!;
      for (let k = 0; k < 2; k++) {
        const i = 2 * j + k;
        const g = probs[i]! * (grad[i]! - dot); // softmax backward
        m[i] = b1 * m[i]! + (1 - b1) * g;
        v[i] = b2 * v[i]! + (1 - b2) * g * g;
        logits[i]! -= (lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + eps);
      }
      assignment[j] = logits[2 * j + 1]! > logits[2 * j]! ? 1 : 0;
    }
  }
  return sink + assignment[0]!;
}

export function benchSynthStep(): string {
  const lines = ['tpt synth step (fmgd, parity chain): full steps per second, best of 5 runs of 3000 steps'];
  lines.push(`${'K'.padStart(6)}  ${'synth steps/s'.padStart(14)}  ${'hand-fused/s'.padStart(13)}  ${'ratio'.padStart(6)}`);
  for (const K of [256, 1024]) {
    const r = loadSketch('programs/parity_chain/parity_chain.tpt', { set: { K } });
    if (!r.sketch) throw new Error('parity chain failed to load');
    const steps = 3000;
    let synth = 0;
    let hand = 0;
    for (let round = 0; round < 5; round++) {
      const s = synthesizeSketch(r.sketch, { optimizer: 'fmgd', seed: round + 1, maxSteps: steps });
      synth = Math.max(synth, s.result.steps / Math.max(1e-9, s.result.wallSeconds));
      const t0 = performance.now();
      handFusedFmgd(K, steps, round + 1);
      hand = Math.max(hand, steps / ((performance.now() - t0) / 1000));
    }
    lines.push(`${String(K).padStart(6)}  ${synth.toFixed(0).padStart(14)}  ${hand.toFixed(0).padStart(13)}  ${(synth / hand).toFixed(2).padStart(6)}`);
  }
  lines.push('synth steps/s counts wall time of the whole loop (verification included, compile excluded); target ratio >= 0.33');
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(benchSynthStep());
