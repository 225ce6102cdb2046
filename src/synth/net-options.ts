// Options of training a program with real values: what the program states (`Training(...)`, the loss
// settings, the target) overridden by the caller's flags, resolved into one validated record.
import type { Program } from '../ir/ir.ts';
import type { RealSettings, TargetSetting } from '../ir/real.ts';
import { OptionError } from '../optimizers/options.ts';
import { defaultRealLr, type RealUpdateSettings } from '../optimizers/real-params.ts';

/** Caller overrides (e.g. command-line flags); every field falls back to the program, then to a default. */
export interface NetOptions {
  /** Examples per step: all (full batch, the default), 1 (stochastic) or anything between (mini-batch). */
  readonly batchSize?: number;
  /** Stop after this many passes over the data (default: the step budget alone decides). */
  readonly epochs?: number;
  /** Reshuffle the examples every epoch (from the run's seed); default true. */
  readonly shuffle?: boolean;
  /** Real-parameter update: 'adam' (default), 'sgd' (with `momentum`) or 'rmsprop'. */
  readonly update?: 'adam' | 'sgd' | 'rmsprop';
  readonly lr?: number;
  readonly momentum?: number;
  /** Success when at least this fraction of the examples is solved (replaces the program's target). */
  readonly targetAccuracy?: number;
  /** Success when the data loss is at most this (replaces the program's target). */
  readonly targetLoss?: number;
  /** A real output matches when |o - t| <= tolerance. */
  readonly tolerance?: number;
  /** Squared error `1/2 sum` (true) or `sum` (false). */
  readonly half?: boolean;
  /** Sum or mean of the loss terms over examples (squared error and cross-entropy alike). */
  readonly reduction?: 'mean' | 'sum';
  /** L2 weight alpha in `alpha/2 ||W||^2` (0 turns it off); over the program's L2 list, or every real Param. */
  readonly l2?: number;
  /** Steps between full-data checks of the target (default: every step for full batch, else every epoch). */
  readonly checkEvery?: number;
}

/** Net options resolved against a program: the settings a training run uses. */
export interface ResolvedNet {
  /** The program with the loss settings and target replaced by the overrides. */
  readonly program: Program;
  readonly batchSize: number;
  readonly stepsPerEpoch: number;
  readonly epochs: number;
  readonly shuffle: boolean;
  readonly update: RealUpdateSettings;
  readonly target: TargetSetting;
  readonly checkEvery: number;
}

function positive(name: string, v: number | undefined, integer: boolean): void {
  if (v === undefined) return;
  if (!(v > 0) || !Number.isFinite(v) || (integer && !Number.isInteger(v))) throw new OptionError(`${name} must be a positive ${integer ? 'integer' : 'number'}, got ${v}`);
}

/** Merges overrides into the program's settings; throws OptionError for invalid values. */
export function resolveNetOptions(program: Program, examples: number, o: NetOptions = {}): ResolvedNet {
  const real = program.real;
  if (!real) throw new OptionError('this program has no real values to train');
  positive('batch size', o.batchSize, true);
  positive('epochs', o.epochs, true);
  positive('learning rate', o.lr, false);
  positive('check interval', o.checkEvery, true);
  if (o.momentum !== undefined && !(o.momentum >= 0 && o.momentum < 1)) throw new OptionError(`momentum must be in [0, 1), got ${o.momentum}`);
  if (o.targetAccuracy !== undefined && !(o.targetAccuracy >= 0 && o.targetAccuracy <= 1)) throw new OptionError(`target accuracy must be in [0, 1], got ${o.targetAccuracy}`);
  if (o.targetLoss !== undefined && !(o.targetLoss >= 0)) throw new OptionError(`target loss must be >= 0, got ${o.targetLoss}`);
  if (o.l2 !== undefined && !(o.l2 >= 0)) throw new OptionError(`l2 must be >= 0, got ${o.l2}`);
  if (o.tolerance !== undefined && !(o.tolerance >= 0)) throw new OptionError(`tolerance must be >= 0, got ${o.tolerance}`);
  const s = real.settings;
  const t = s.training;
  const tolerance = o.tolerance ?? s.target.tolerance;
  const target: TargetSetting =
    o.targetLoss !== undefined ? { kind: 'loss', value: o.targetLoss, tolerance }
    : o.targetAccuracy !== undefined ? { kind: 'accuracy', value: o.targetAccuracy, tolerance }
    : { ...s.target, tolerance };
  const reduction = o.reduction;
  const l2Tensors = s.l2?.tensors ?? real.tensors.filter((x) => x.role === 'param').map((x) => x.id);
  const settings: RealSettings = {
    ...s,
    squaredError: { half: o.half ?? s.squaredError.half, reduction: reduction ?? s.squaredError.reduction },
    crossEntropy: { reduction: reduction ?? s.crossEntropy.reduction },
    l2: o.l2 === undefined ? s.l2 : o.l2 === 0 ? null : { alpha: o.l2, tensors: l2Tensors },
    target,
  };
  const batchSize = Math.min(examples, o.batchSize ?? t.batchSize ?? examples);
  const rule = o.update ?? t.update ?? 'adam';
  const stepsPerEpoch = Math.ceil(examples / Math.max(1, batchSize));
  return {
    program: { ...program, real: { ...real, settings } },
    batchSize,
    stepsPerEpoch,
    epochs: o.epochs ?? t.epochs ?? Infinity,
    shuffle: o.shuffle ?? t.shuffle ?? true,
    update: { rule, lr: o.lr ?? t.lr ?? defaultRealLr(rule), momentum: o.momentum ?? t.momentum ?? 0 },
    target,
    checkEvery: o.checkEvery ?? (batchSize >= examples ? 1 : stepsPerEpoch),
  };
}
