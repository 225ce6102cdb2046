// Continuous first-order updates on a Float64Array (Adam, RMSProp, SGD with momentum), composed into
// the relaxed optimizers and usable for real-valued parameters. State is preallocated; no allocation per step.

import { InternalError } from '../util/diagnostics.ts';
import { choice, num, type OptionSpec, type ResolvedOptions } from './options.ts';

/** Which continuous rule to apply. */
export type ContinuousRule = 'adam' | 'rmsprop' | 'sgd';

/** Settings of a {@link ContinuousUpdate}. */
export interface ContinuousSettings {
  readonly rule: ContinuousRule;
  readonly lr: number;
  /** Adam first-moment decay. */
  readonly beta1: number;
  /** Adam second-moment decay. */
  readonly beta2: number;
  /** RMSProp squared-gradient decay. */
  readonly rho: number;
  /** SGD momentum (0 = plain SGD). */
  readonly momentum: number;
  /** Added to the root-mean-square denominator of Adam and RMSProp. */
  readonly epsilon: number;
}

/** A stateful continuous optimizer over a fixed-size vector: `step(x, g)` moves `x` against `g` in place. */
export class ContinuousUpdate {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;

  constructor(
    readonly size: number,
    readonly settings: ContinuousSettings,
  ) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  /** Forgets all moment estimates. */
  reset(): void {
    this.m.fill(0);
    this.v.fill(0);
    this.t = 0;
  }

  /** One update of `x` (length `size`) from the gradient `g`. */
  step(x: Float64Array, g: Float64Array): void {
    const { rule, lr, beta1, beta2, rho, momentum, epsilon } = this.settings;
    const { m, v } = this;
    const n = this.size;
    this.t++;
    switch (rule) {
      case 'adam': {
        const c1 = 1 - Math.pow(beta1, this.t);
        const c2 = 1 - Math.pow(beta2, this.t);
        for (let i = 0; i < n; i++) {
          const gi = g[i];
          const mi = (m[i] = beta1 * m[i] + (1 - beta1) * gi);
          const vi = (v[i] = beta2 * v[i] + (1 - beta2) * gi * gi);
          x[i] -= (lr * (mi / c1)) / (Math.sqrt(vi / c2) + epsilon);
        }
        return;
      }
      case 'rmsprop':
        for (let i = 0; i < n; i++) {
          const gi = g[i];
          const vi = (v[i] = rho * v[i] + (1 - rho) * gi * gi);
          x[i] -= (lr * gi) / (Math.sqrt(vi) + epsilon);
        }
        return;
      case 'sgd':
        for (let i = 0; i < n; i++) {
          const mi = (m[i] = momentum * m[i] + g[i]);
          x[i] -= lr * mi;
        }
        return;
      default: {
        const never: never = rule;
        throw new InternalError(`unknown continuous rule ${String(never)}`);
      }
    }
  }
}

/**
 * The option block shared by every optimizer that composes a {@link ContinuousUpdate}. The default
 * learning rate 0.1 follows TerpreT's FMGD setting; the rest are the usual Adam/RMSProp constants.
 */
export const continuousOptions: readonly OptionSpec[] = [
  { name: 'update', type: 'choice', choices: ['adam', 'rmsprop', 'sgd'], default: 'adam', doc: 'continuous update rule for the logits (or network weights)' },
  { name: 'lr', type: 'number', min: 0, minExclusive: true, default: 0.1, doc: 'learning rate' },
  { name: 'beta1', type: 'number', min: 0, max: 1, maxExclusive: true, default: 0.9, doc: 'Adam first-moment decay' },
  { name: 'beta2', type: 'number', min: 0, max: 1, maxExclusive: true, default: 0.999, doc: 'Adam second-moment decay' },
  { name: 'rho', type: 'number', min: 0, max: 1, maxExclusive: true, default: 0.9, doc: 'RMSProp squared-gradient decay' },
  { name: 'momentum', type: 'number', min: 0, max: 1, maxExclusive: true, default: 0.9, doc: 'SGD momentum (0 = plain SGD)' },
  { name: 'adamEpsilon', type: 'number', min: 0, minExclusive: true, default: 1e-8, doc: 'added to the RMS denominator of Adam and RMSProp' },
];

/** Reads the {@link continuousOptions} block out of resolved options. */
export function continuousSettings(options: ResolvedOptions): ContinuousSettings {
  return {
    rule: choice<ContinuousRule>(options, 'update'),
    lr: num(options, 'lr'),
    beta1: num(options, 'beta1'),
    beta2: num(options, 'beta2'),
    rho: num(options, 'rho'),
    momentum: num(options, 'momentum'),
    epsilon: num(options, 'adamEpsilon'),
  };
}
