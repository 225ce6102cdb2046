// Training a program with real values: real Params by SGD / Adam on full, mini- or single-example
// batches (epochs, seeded shuffling), discrete Params of a hybrid by any registered optimizer at the same
// time; success is the program's target (accuracy or loss) on the whole data, confirmed exactly.
import type { Sketch } from '../sketch/sketch.ts';
import { runExact } from '../exact/interpret.ts';
import { paramsToJson } from '../data/params.ts';
import { compileRelaxed, DEFAULT_EPSILON, type RelaxedEvaluator } from '../relax/index.ts';
import { OptionError } from '../optimizers/options.ts';
import { createOptimizer, resolveOptimizerOptions } from '../optimizers/registry.ts';
import { initRealParams, realUpdate } from '../optimizers/real-params.ts';
import type { Optimizer } from '../optimizers/optimizer.ts';
import { Rng } from '../util/rng.ts';
import { CurveRecorder } from './curve.ts';
import { ProgressThrottle } from './progress.ts';
import { resolveNetOptions, type ResolvedNet } from './net-options.ts';
import { attemptBudget, stopRequested, type StopReason } from './synthesize.ts';
import type { SketchSynthesis, SketchSynthesisOptions } from './run-sketch.ts';
import { netReport, type Check } from './net-report.ts';

const NONE = new Float64Array(0);

/** Trains `sketch` (a program with real values); the reported parameters are the best checked ones. */
export function trainSketch(sketch: Sketch, options: SketchSynthesisOptions): SketchSynthesis {
  const { dataset } = sketch;
  const n = dataset.examples.length;
  const net = resolveNetOptions(sketch.program, n, options.net);
  const program = net.program;
  const epsilon = options.epsilon ?? DEFAULT_EPSILON;
  const discreteOptions = resolveOptimizerOptions(options.optimizer, options.options ?? {});
  const c0 = performance.now();
  let train: RelaxedEvaluator;
  try {
    train = compileRelaxed(program, dataset, { epsilon, lanes: net.batchSize });
  } catch (e) {
    if (e instanceof RangeError) throw new OptionError(e.message);
    throw e;
  }
  const discrete = train.params.length > 0;
  // Full-batch nets check the pass they just made; otherwise a full-data evaluator checks the vertex.
  const checker = net.batchSize < n || discrete ? compileRelaxed(program, dataset, { epsilon }) : train;
  const compileSeconds = (performance.now() - c0) / 1000;

  const byVar = new Int32Array(program.vars.length).fill(-1);
  for (const v of program.vars) if (v.role === 'param') byVar[v.id] = 0;
  const current = new Int32Array(train.params.length);
  const toVars = (a: Int32Array): Int32Array => {
    train.params.forEach((p, i) => (byVar[p.variable] = a[i]!));
    return byVar;
  };
  const vertex = new Float64Array(checker.size);
  const grad = new Float64Array(train.size);
  const best: Check & { assignment: Int32Array; real: Float64Array } = {
    correct: -1, dataLoss: Infinity, assignment: new Int32Array(current.length), real: new Float64Array(train.realValues.length),
  };
  const curve = new CurveRecorder(options.curvePoints ?? 1024);
  let lastStep = 0; // the step of the last recorded loss (a solved run stops before counting it)
  const progress = new ProgressThrottle(options.onProgress, options.progressIntervalSeconds ?? 0.1);
  // A non-finite loss (an overflow inside the net) never counts as meeting the target.
  const meets = (c: Check, total: number): boolean =>
    Number.isFinite(c.dataLoss) && (net.target.kind === 'accuracy' ? c.correct >= net.target.value * total - 1e-9 : c.dataLoss <= net.target.value);

  let checks = 0, verifications = 0, checkMs = 0, steps = 0, loss = NaN, bestLoss = Infinity, attempts = 0;
  let stopReason: StopReason = 'max-steps';
  /** Checks the current parameters on every example; records the best; true when the target is met exactly. */
  const evaluate = (lastLoss: number): boolean => {
    const t = performance.now();
    checks++;
    let c: Check;
    if (checker === train) c = { correct: train.examplesCorrect(net.target.tolerance), dataLoss: lastLoss - train.penalty };
    else {
      checker.realValues.set(train.realValues);
      const l = checker.loss(checker.oneHot(toVars(current), vertex));
      c = { correct: checker.examplesCorrect(net.target.tolerance), dataLoss: l - checker.penalty };
    }
    if (c.correct > best.correct || (c.correct === best.correct && c.dataLoss < best.dataLoss)) {
      Object.assign(best, c);
      best.assignment.set(current);
      best.real.set(train.realValues);
    }
    let solved = false;
    if (meets(c, n)) {
      // The exact interpreter has the last word.
      verifications++;
      const exact = runExact(program, dataset, toVars(current), train.realValues);
      solved = meets({ correct: exact.examplesSolved, dataLoss: exact.loss! }, n);
    }
    checkMs += performance.now() - t;
    return solved;
  };

  const t0 = performance.now();
  const master = new Rng(options.seed);
  const restarts = Math.max(0, Math.floor(options.restarts ?? 0));
  const maxSteps = Math.min(options.maxSteps, net.epochs * net.stepsPerEpoch);
  const timeLimitMs = (options.timeLimitSeconds ?? Infinity) * 1000;
  outer: for (let attempt = 0; attempt <= restarts; attempt++) {
    const budget = attemptBudget(maxSteps, restarts, attempt);
    if (budget <= 0 && attempt > 0) break;
    attempts++;
    const rng = master.fork(attempt);
    initRealParams(train.realParams, rng.fork(1), train.realValues);
    const optimizer: Optimizer | null = discrete ? createOptimizer(options.optimizer, train, rng.fork(2), discreteOptions).optimizer : null;
    optimizer?.decode(current);
    const update = realUpdate(train.realValues.length, net.update);
    const batches = new Batches(net, n, rng.fork(3));
    for (let k = 0; k < budget; k++) {
      batches.next(train);
      loss = train.lossAndGradient(optimizer ? optimizer.probs(k) : NONE, grad);
      curve.record(steps, loss);
      lastStep = steps;
      bestLoss = Math.min(bestLoss, loss);
      if (k % net.checkEvery === 0 && evaluate(loss)) {
        stopReason = 'solved';
        break outer;
      }
      optimizer?.update(grad, loss, k);
      update.step(train.realValues, train.realGradient);
      optimizer?.decode(current);
      steps++;
      const now = performance.now();
      if (now - t0 > timeLimitMs) {
        stopReason = 'time-limit';
        break outer;
      }
      if (stopRequested(options.stop)) {
        stopReason = 'interrupted';
        break outer;
      }
      progress.maybe(now, t0, steps, loss, bestLoss, checkMs);
    }
    // The parameters after the last update have not been checked yet.
    if (evaluate(checker === train ? train.loss(NONE) : NaN)) {
      stopReason = 'solved';
      break;
    }
  }
  const wallMs = performance.now() - t0;
  progress.final(performance.now(), t0, steps, loss, bestLoss, checkMs);
  const success = stopReason === 'solved';
  const final = success ? { assignment: current, real: train.realValues } : best;
  const assignment = Int32Array.from(toVars(final.assignment));
  const real = Float64Array.from(final.real);
  const exact = runExact(program, dataset, assignment, real);
  return {
    result: {
      success, stopReason, steps, attempts, wallSeconds: wallMs / 1000,
      stepsPerSecond: steps / Math.max(1e-9, (wallMs - checkMs) / 1000),
      verifySeconds: checkMs / 1000, verifications, loss, bestLoss,
      bestAssignment: Int32Array.from(final.assignment), bestScore: exact.examplesSolved,
      lossCurve: curve.curve(Number.isNaN(loss) ? undefined : { step: lastStep, loss }),
      optimizer: options.optimizer, options: discreteOptions, seed: options.seed,
    },
    assignment,
    params: paramsToJson(program, assignment, real),
    examplesSolved: exact.examplesSolved,
    compileSeconds,
    evaluatorStats: train.stats,
    net: netReport(net, exact, real, checks, steps),
  };
}

/** The examples of each step: all of them, or consecutive slices of a permutation reshuffled every epoch. */
class Batches {
  private readonly order: Int32Array;
  private at = 0;

  constructor(private readonly net: ResolvedNet, private readonly n: number, private readonly rng: Rng) {
    this.order = Int32Array.from({ length: n }, (_, i) => i);
  }

  next(ev: RelaxedEvaluator): void {
    if (this.net.batchSize >= this.n) return;
    if (this.at === 0 && this.net.shuffle) {
      for (let i = this.n - 1; i > 0; i--) {
        const j = this.rng.int(i + 1);
        const t = this.order[i]!;
        this.order[i] = this.order[j]!;
        this.order[j] = t;
      }
    }
    const count = Math.min(this.net.batchSize, this.n - this.at);
    ev.setBatch(this.order.subarray(this.at, this.at + count));
    this.at = this.at + count >= this.n ? 0 : this.at + count;
  }
}
