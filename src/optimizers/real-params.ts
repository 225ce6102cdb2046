// Real-valued Params: their seeded initialisation (zeros, uniform, normal, Xavier/Glorot) and the
// continuous update that trains them (SGD with momentum, Adam or RMSProp, composed from adam.ts).
import type { RealParamSlot } from '../relax/real/layout.ts';
import type { Rng } from '../util/rng.ts';
import { ContinuousUpdate, type ContinuousRule, type ContinuousSettings } from './adam.ts';

/** Writes every slot's starting values into `into` (the flat real-parameter vector), drawing from `rng`. */
export function initRealParams(slots: readonly RealParamSlot[], rng: Rng, into: Float64Array): void {
  for (const s of slots) {
    const init = s.init;
    const fanIn = s.shape.length === 0 ? 1 : s.shape[s.shape.length - 1]!;
    const fanOut = s.shape.length === 0 ? 1 : s.shape[0]!;
    const glorot = Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < s.size; i++) {
      let v = 0;
      if (init.kind === 'uniform') v = (2 * rng.next() - 1) * init.scale;
      else if (init.kind === 'normal') v = rng.normal() * init.scale;
      else if (init.kind === 'xavier') v = (2 * rng.next() - 1) * glorot;
      into[s.offset + i] = v;
    }
  }
}

/** How real Params are trained. */
export interface RealUpdateSettings {
  readonly rule: ContinuousRule;
  readonly lr: number;
  /** SGD momentum (0 = plain gradient descent, as in the seed lectures). */
  readonly momentum: number;
}

/** Default learning rates: Adam 0.01, RMSProp 0.01, SGD 0.1. */
export function defaultRealLr(rule: ContinuousRule): number {
  return rule === 'sgd' ? 0.1 : 0.01;
}

/** A continuous update over the real-parameter vector (Adam's and RMSProp's constants are the usual ones). */
export function realUpdate(size: number, s: RealUpdateSettings): ContinuousUpdate {
  const settings: ContinuousSettings = { rule: s.rule, lr: s.lr, beta1: 0.9, beta2: 0.999, rho: 0.9, momentum: s.momentum, epsilon: 1e-8 };
  return new ContinuousUpdate(size, settings);
}
