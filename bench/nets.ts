// Benchmark: training steps per second of the compiled tape on two dense nets written as .tpt programs
// (the 2-3-2-1 XOR net and a 2-16-16-1 circle classifier on 256 points), against the same step
// (forward, backward, Adam update) written by hand as one Float64Array loop. tfjs is not installed,
// so there is no comparison with it.
import { loadSketch, resolveNetOptions, synthesizeSketch, type Sketch } from '../src/index.ts';
import { compileRelaxed, type RelaxedEvaluator } from '../src/relax/index.ts';
import { initRealParams, realUpdate } from '../src/optimizers/real-params.ts';
import { Rng } from '../src/util/rng.ts';

const EPSILON = 1e-7;
type Act = 'sigmoid' | 'tanh';

/** A hand-written MLP step on the same flat parameter layout as the program (W1, b1, W2, b2, W3, b3). */
class HandMlp {
  private readonly grad: Float64Array;
  private readonly a: Float64Array[];
  private readonly d: Float64Array[];
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;

  constructor(readonly sizes: readonly number[], readonly hidden: Act, readonly x: Float64Array, readonly y: Float64Array, readonly params: Float64Array) {
    this.grad = new Float64Array(params.length);
    this.a = sizes.map((s) => new Float64Array(s));
    this.d = sizes.map((s) => new Float64Array(s));
    this.m = new Float64Array(params.length);
    this.v = new Float64Array(params.length);
  }

  /** Loss and gradient over every example (binary cross-entropy with epsilon, mean over examples). */
  lossAndGradient(): number {
    const { sizes, params: w, grad, a, d } = this;
    const n = this.y.length;
    const layers = sizes.length - 1;
    grad.fill(0);
    let loss = 0;
    for (let e = 0; e < n; e++) {
      for (let i = 0; i < sizes[0]!; i++) a[0]![i] = this.x[e * sizes[0]! + i]!;
      let off = 0;
      for (let l = 0; l < layers; l++) {
        const nin = sizes[l]!, nout = sizes[l + 1]!, bias = off + nin * nout;
        const src = a[l]!, dst = a[l + 1]!;
        for (let j = 0; j < nout; j++) {
          let z = w[bias + j]!;
          for (let k = 0; k < nin; k++) z += w[off + j * nin + k]! * src[k]!;
          dst[j] = l === layers - 1 || this.hidden === 'sigmoid' ? 1 / (1 + Math.exp(-z)) : Math.tanh(z);
        }
        off = bias + nout;
      }
      const p = a[layers]![0]!;
      const t = this.y[e]!;
      loss -= Math.log((t === 1 ? p : 1 - p) + EPSILON);
      d[layers]![0] = ((t === 1 ? -1 / (p + EPSILON) : 1 / (1 - p + EPSILON)) / n) * p * (1 - p);
      for (let l = layers - 1; l >= 0; l--) {
        const nin = sizes[l]!, nout = sizes[l + 1]!;
        off -= nin * nout + nout;
        const bias = off + nin * nout;
        const dz = d[l + 1]!, src = a[l]!, back = d[l]!;
        back.fill(0);
        for (let j = 0; j < nout; j++) {
          const g = dz[j]!;
          grad[bias + j] += g;
          for (let k = 0; k < nin; k++) {
            grad[off + j * nin + k] += g * src[k]!;
            back[k] += g * w[off + j * nin + k]!;
          }
        }
        if (l > 0) for (let k = 0; k < nin; k++) back[k]! *= this.hidden === 'sigmoid' ? src[k]! * (1 - src[k]!) : 1 - src[k]! * src[k]!;
      }
    }
    return loss / n;
  }

  /** One Adam step (lr 0.01, the usual constants). */
  adam(): void {
    const { params: x, grad: g, m, v } = this;
    this.t++;
    const c1 = 1 - 0.9 ** this.t, c2 = 1 - 0.999 ** this.t;
    for (let i = 0; i < x.length; i++) {
      m[i] = 0.9 * m[i]! + 0.1 * g[i]!;
      v[i] = 0.999 * v[i]! + 0.001 * g[i]! * g[i]!;
      x[i]! -= (0.01 * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + 1e-8);
    }
  }

  gradient(): Float64Array {
    return this.grad;
  }
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Best steps per CPU second of each function over interleaved rounds (round 0 warms up). */
function bestRates(steps: readonly (() => void)[], rounds = 7, roundMs = 60): number[] {
  const best = steps.map(() => 0);
  for (let r = 0; r < rounds; r++) {
    steps.forEach((step, i) => {
      let runs = 0;
      const start = cpuMs();
      let elapsed = 0;
      while (elapsed < roundMs) {
        for (let k = 0; k < 4; k++) step();
        runs += 4;
        elapsed = cpuMs() - start;
      }
      if (r > 0) best[i] = Math.max(best[i]!, (runs * 1000) / elapsed);
    });
  }
  return best;
}

function load(path: string, options: Parameters<typeof loadSketch>[1] = {}): Sketch {
  const r = loadSketch(path, options);
  if (!r.sketch) throw new Error(`${path}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.sketch;
}

interface Row {
  readonly name: string;
  readonly compiled: number;
  readonly hand: number;
  readonly synth: number;
}

function benchOne(name: string, sketch: Sketch, sizes: number[], hidden: Act, lanes?: number): Row {
  const n = sketch.dataset.examples.length;
  const program = resolveNetOptions(sketch.program, n, { l2: 0 }).program; // the hand loop has no regulariser
  const ev: RelaxedEvaluator = compileRelaxed(program, sketch.dataset, { epsilon: EPSILON, ...(lanes ? { lanes } : {}) });
  initRealParams(ev.realParams, new Rng(1), ev.realValues);
  const x = Float64Array.from(sketch.dataset.examples.flatMap((e) => Array.from(e.realInputs!)));
  const y = Float64Array.from(sketch.dataset.examples, (e) => e.expected[0]!);
  const hand = new HandMlp(sizes, hidden, x.subarray(0, (lanes ?? n) * sizes[0]!), y.subarray(0, lanes ?? n), Float64Array.from(ev.realValues));
  const none = new Float64Array(0);
  // Same numbers first: the comparison is only fair if both compute the same thing.
  const a = ev.lossAndGradient(none, none);
  const b = hand.lossAndGradient();
  const g = hand.gradient();
  if (Math.abs(a - b) > 1e-9 * Math.abs(b) || ev.realGradient.some((v, i) => Math.abs(v - g[i]!) > 1e-9 * (1 + Math.abs(v)))) {
    throw new Error(`${name}: compiled and hand-written disagree (${a} vs ${b})`);
  }
  const update = realUpdate(ev.realValues.length, { rule: 'adam', lr: 0.01, momentum: 0 });
  const [compiled, handRate] = bestRates([
    () => {
      ev.lossAndGradient(none, none);
      update.step(ev.realValues, ev.realGradient);
    },
    () => {
      hand.lossAndGradient();
      hand.adam();
    },
  ]) as [number, number];
  // The whole `tpt synth` loop (compile and checks included), on a budget that never reaches the target.
  const c0 = cpuMs();
  const run = synthesizeSketch(
    { ...sketch, program },
    { optimizer: 'fmgd', seed: 1, maxSteps: n < 16 ? 30_000 : 1500, net: { targetAccuracy: 1, tolerance: 0, lr: 1e-9, batchSize: lanes ?? n } },
  );
  return { name, compiled, hand: handRate, synth: (run.result.steps * 1000) / (cpuMs() - c0) };
}

const fmt = (x: number, digits = 0): string => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function benchNets(): string {
  const xor = load('programs/nets/xor.tpt');
  const circle = load('programs/nets/circle.tpt');
  const rows = [
    benchOne('xor 2-3-2-1, 4 examples', xor, [2, 3, 2, 1], 'sigmoid'),
    benchOne('circle 2-16-16-1, 256 points', circle, [2, 16, 16, 1], 'tanh'),
    benchOne('circle 2-16-16-1, batch 32', circle, [2, 16, 16, 1], 'tanh', 32),
  ];
  const widths = [30, 14, 14, 7, 14];
  const row = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const lines = ['Dense nets: training steps per second (forward + backward + Adam update)'];
  lines.push(row(['net', 'compiled/s', 'hand-written/s', 'ratio', 'tpt synth/s']));
  for (const r of rows) lines.push(row([r.name, fmt(r.compiled), fmt(r.hand), fmt(r.compiled / r.hand, 2), fmt(r.synth)]));
  lines.push('rates: steps per CPU second, best of 6 interleaved rounds; ratio: compiled / hand-written (target >= 0.33);');
  lines.push('tpt synth/s: the whole training loop per CPU second (compile, full-data checks, warm-up included).');
  lines.push('tfjs is not installed: no comparison with it.');
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(benchNets());
