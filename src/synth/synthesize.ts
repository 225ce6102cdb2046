// The synthesis loop: drive one optimizer over an Objective, decode every step, verify each new
// assignment exactly, stop at the first verified one, at the step budget or at the time limit.

import type { Objective } from '../relax/objective.ts';
import type { ResolvedOptions } from '../optimizers/options.ts';
import { createOptimizer, resolveOptimizerOptions } from '../optimizers/registry.ts';
import type { Optimizer } from '../optimizers/optimizer.ts';
import { Rng } from '../util/rng.ts';
import { CurveRecorder, type LossCurve } from './curve.ts';
import { ProgressThrottle, type Progress } from './progress.ts';

/** Everything one synthesis run needs; see {@link synthesize}. */
export interface SynthesizeRequest {
  readonly objective: Objective;
  /** Exact check of an assignment (one value per ParamSlot). The array is reused: copy to keep it. */
  readonly verify: (assignment: Int32Array) => boolean;
  /**
   * Optional: how good an assignment is (e.g. examples satisfied); higher is better. When given, the
   * best assignment is the highest-scoring one; otherwise the one current at the lowest loss.
   */
  readonly score?: (assignment: Int32Array) => number;
  /**
   * Optional, with `score`: the score of an assignment from its exact per-term losses (see
   * `Optimizer.decodedTermLosses`), or null when it may solve every example. A non-null answer
   * stands in for `verify` and `score`; null sends the assignment to them.
   */
  readonly screen?: (termLosses: Float64Array) => number | null;
  /** Registered optimizer name, e.g. `gradsearch-ra`. */
  readonly optimizer: string;
  /** Raw optimizer options (numbers, booleans or strings); validated against the optimizer's schema. */
  readonly options?: Readonly<Record<string, unknown>>;
  readonly seed: number;
  /** Total step budget over all attempts; Infinity for none (then a time limit or `stop` ends the run). */
  readonly maxSteps: number;
  /** Wall-clock limit over all attempts (default: none). */
  readonly timeLimitSeconds?: number;
  /**
   * Extra attempts from a fresh init (a forked rng); the step budget is split evenly, or with no step
   * budget the time limit. Default 0.
   */
  readonly restarts?: number;
  /** Optional: the run stops (reason `interrupted`) once element 0 is non-zero, e.g. set from another thread. */
  readonly stop?: Int32Array;
  /** Called at most every `progressIntervalSeconds` (default 0.1) and once at the end. */
  readonly onProgress?: (progress: Progress) => void;
  readonly progressIntervalSeconds?: number;
  /** Maximum points kept in the loss curve (default 1024; thinned by halving beyond that). */
  readonly curvePoints?: number;
  /** Called with each attempt's optimizer once it is built (studies read its counters, if it has any). */
  readonly onOptimizer?: (optimizer: Optimizer) => void;
}

/** Why a run stopped. */
/** `unsat`: nothing to search (no Param) and the data are not solved. */
export type StopReason = 'solved' | 'max-steps' | 'time-limit' | 'interrupted' | 'unsat';

/** The outcome of one synthesis run. */
export interface SynthesisResult {
  readonly success: boolean;
  readonly stopReason: StopReason;
  /** Steps taken over all attempts (each step is one gradient: a lossAndGradient, or one the optimizer supplied); at success, the step of success. */
  readonly steps: number;
  /** Attempts started (1 + restarts used). */
  readonly attempts: number;
  readonly wallSeconds: number;
  /** Steps per second of the time spent stepping (excluding setup, verify and score calls). */
  readonly stepsPerSecond: number;
  /** Time spent in verify and score calls. */
  readonly verifySeconds: number;
  /** How many times verify was called (once per new assignment the screen did not settle). */
  readonly verifications: number;
  /**
   * On success the loss at the solution (every Param one-hot at its value); otherwise the loss of the
   * last step (NaN if no step was taken). Losses are reported unweighted (every term weight 1).
   */
  readonly loss: number;
  /** The lowest loss of any step (Infinity if no step was taken). */
  readonly bestLoss: number;
  /** The verified solution on success; otherwise the best assignment seen (see `score`). */
  readonly bestAssignment: Int32Array;
  /** The score of `bestAssignment`, when a `score` callback was given. */
  readonly bestScore?: number;
  /** Loss at step index (0-based), downsampled; a solved run's curve ends with the loss at the solution, at index `steps`. */
  readonly lossCurve: LossCurve;
  readonly optimizer: string;
  /** Resolved optimizer options, defaults filled in. */
  readonly options: ResolvedOptions;
  readonly seed: number;
}

/**
 * Runs `optimizer` on `objective` until an assignment passes `verify`. One step =
 * `probs` -> `lossAndGradient` (unless the optimizer supplies the gradient) -> `update` -> `decode`; the decoded assignment is verified whenever
 * it changed (the initial one too, before the first step, so `steps` may be 0). Deterministic for a
 * given seed apart from where a time limit falls. Option errors throw `OptionError` before any work.
 * The objective's `termWeights` are reset to 1 at the start of every attempt and at the end (only
 * reweighting optimizers change them).
 */
export function synthesize(request: SynthesizeRequest): SynthesisResult {
  const { objective, verify, score, screen, optimizer: name, seed, maxSteps } = request;
  const options = resolveOptimizerOptions(name, request.options ?? {});
  const restarts = Math.max(0, Math.floor(request.restarts ?? 0));
  const timeLimitMs = (request.timeLimitSeconds ?? Infinity) * 1000;
  // Without a step budget the attempts share the time limit instead.
  const splitTime = !Number.isFinite(maxSteps) && restarts > 0 && Number.isFinite(timeLimitMs);
  const stop = request.stop;
  const n = objective.params.length;
  const grad = new Float64Array(objective.size);
  const current = new Int32Array(n);
  const previous = new Int32Array(n);
  const best = new Int32Array(n);
  const curve = new CurveRecorder(request.curvePoints ?? 1024);
  const master = new Rng(seed);
  const progress = new ProgressThrottle(request.onProgress, request.progressIntervalSeconds ?? 0.1);

  const t0 = performance.now();
  let verifyMs = 0;
  let setupMs = 0;
  let verifications = 0;
  let steps = 0;
  let loss = NaN;
  let bestLoss = Infinity;
  let bestScore = -Infinity;
  let stopReason: StopReason = 'max-steps';
  let attempts = 0;
  progress.track(best, score ? () => bestScore : undefined);

  // Verifies (and scores) `current`; returns true on success. Time is booked to verifyMs.
  // With a screen, exact per-term losses from the optimizer settle most assignments without a run.
  const check = (optimizer?: Optimizer): boolean => {
    const v0 = performance.now();
    const losses = screen && score ? (optimizer?.decodedTermLosses?.() ?? null) : null;
    const screened = losses ? screen!(losses) : null;
    if (screened !== null) {
      if (screened > bestScore) {
        bestScore = screened;
        best.set(current);
      }
      verifyMs += performance.now() - v0;
      return false;
    }
    verifications++;
    const ok = verify(current);
    if (score) {
      const s = ok ? Infinity : score(current);
      if (s > bestScore) {
        bestScore = s;
        best.set(current);
      }
    }
    verifyMs += performance.now() - v0;
    return ok;
  };

  outer: for (let attempt = 0; attempt <= restarts; attempt++) {
    const budget = attemptBudget(maxSteps, restarts, attempt);
    const attemptEnd = splitTime ? (timeLimitMs * (attempt + 1)) / (restarts + 1) : timeLimitMs;
    if (budget <= 0 && attempt > 0) break;
    const s0 = performance.now();
    objective.termWeights.fill(1);
    const { optimizer } = createOptimizer(name, objective, master.fork(attempt), options);
    request.onOptimizer?.(optimizer);
    attempts++;
    optimizer.decode(current);
    setupMs += performance.now() - s0;
    if (!score && attempt === 0) best.set(current);
    if (check()) {
      stopReason = 'solved';
      break;
    }
    if (n === 0 && !objective.realValues?.length) {
      stopReason = 'unsat';
      break;
    }
    previous.set(current);
    for (let k = 0; k < budget; k++) {
      const probs = optimizer.probs(k);
      const supplied = optimizer.gradientWithoutPass?.(grad) ?? null;
      if (supplied !== null) loss = supplied;
      else {
        const reuse = k > 0 && objective.lossAndGradientAfterPass && optimizer.probsJustEvaluated?.();
        loss = unweighted(objective, reuse ? objective.lossAndGradientAfterPass!(probs, grad) : objective.lossAndGradient(probs, grad));
      }
      curve.record(steps, loss);
      if (loss < bestLoss) {
        bestLoss = loss;
        if (!score) best.set(previous); // the assignment current when this loss was evaluated
      }
      optimizer.update(grad, loss, k);
      optimizer.decode(current);
      steps++;
      if (changed(current, previous)) {
        if (check(optimizer)) {
          stopReason = 'solved';
          break outer;
        }
        previous.set(current);
      }
      const now = performance.now();
      if (now - t0 > attemptEnd) {
        if (attemptEnd < timeLimitMs) break;
        stopReason = 'time-limit';
        break outer;
      }
      if (stopRequested(stop)) {
        stopReason = 'interrupted';
        break outer;
      }
      progress.maybe(now, t0, steps, loss, bestLoss, verifyMs + setupMs);
    }
  }

  const wallMs = performance.now() - t0;
  objective.termWeights.fill(1);
  const success = stopReason === 'solved';
  if (success) {
    best.set(current);
    loss = lossAtVertex(objective, current, grad);
    bestLoss = Math.min(bestLoss, loss);
  }
  const steppingSeconds = Math.max(1e-9, (wallMs - verifyMs - setupMs) / 1000);
  progress.final(performance.now(), t0, steps, loss, bestLoss, verifyMs + setupMs);
  return {
    success,
    stopReason,
    steps,
    attempts,
    wallSeconds: wallMs / 1000,
    stepsPerSecond: steps / steppingSeconds,
    verifySeconds: verifyMs / 1000,
    verifications,
    loss,
    bestLoss,
    bestAssignment: best,
    ...(score ? { bestScore: success ? score(best) : bestScore } : {}),
    lossCurve: curve.curve(Number.isNaN(loss) ? undefined : { step: success ? steps : steps - 1, loss }),
    optimizer: name,
    options,
    seed,
  };
}

/** Attempt `attempt`'s share of `maxSteps` split evenly over `restarts + 1` attempts (Infinity for no budget). */
export function attemptBudget(maxSteps: number, restarts: number, attempt: number): number {
  if (!Number.isFinite(maxSteps)) return Infinity;
  return Math.floor(maxSteps / (restarts + 1)) + (attempt < maxSteps % (restarts + 1) ? 1 : 0);
}

/** True once `stop` (see `SynthesizeRequest.stop`) asks a run to end. */
export function stopRequested(stop: Int32Array | undefined): boolean {
  return stop !== undefined && Atomics.load(stop, 0) !== 0;
}

/** The loss (term weights 1) with every Param one-hot at `assignment` (one value per slot). */
function lossAtVertex(objective: Objective, assignment: Int32Array, grad: Float64Array): number {
  const probs = new Float64Array(objective.size);
  objective.params.forEach((slot, i) => (probs[slot.offset + assignment[i]!] = 1));
  return objective.lossAndGradientAtVertex ? objective.lossAndGradientAtVertex(probs, grad) : objective.lossAndGradient(probs, grad);
}

/**
 * The loss with every term weight 1, from the weighted loss and the per-term losses, so that runs
 * which reweight the loss report losses comparable with runs that do not.
 */
function unweighted(objective: Objective, loss: number): number {
  const w = objective.termWeights;
  const terms = objective.termLosses;
  let weighted = 0;
  let plain = 0;
  let differs = false;
  for (let t = 0; t < w.length; t++) {
    if (w[t] !== 1) differs = true;
    weighted += w[t] * terms[t];
    plain += terms[t];
  }
  return differs && weighted !== 0 ? (loss * plain) / weighted : loss;
}

function changed(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return true;
  return false;
}
