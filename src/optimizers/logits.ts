// State shared by the logit-parameterised optimizers (fmgd, fmgd-entropy, temp-softmax, gumbel, ste):
// the logits, a probability buffer, a logit-gradient buffer and a composed continuous update.

import type { ParamSlot } from '../relax/objective.ts';
import type { Rng } from '../util/rng.ts';
import { ContinuousUpdate, continuousOptions, continuousSettings } from './adam.ts';
import type { OptimizerProblem } from './optimizer.ts';
import { choice, withDefaults, type OptionSpec, type OptionValue, type ResolvedOptions } from './options.ts';
import { argmaxSlots, initLogits, type LogitInit } from './simplex.ts';

/** The `init` option: TerpreT's Dirichlet(1) start or the maximum-entropy start. */
export const initOption: OptionSpec = {
  name: 'init',
  type: 'choice',
  choices: ['dirichlet', 'maxent'],
  default: 'dirichlet',
  doc: 'logit start: log of a Dirichlet(1) sample per Param (TerpreT) or all equal (maxent)',
};

/** `init` plus the continuous-update block, with optimizer-specific defaults. */
export function logitOptions(defaults: Readonly<Record<string, OptionValue>> = {}): OptionSpec[] {
  return withDefaults([initOption, ...continuousOptions], defaults);
}

/** Logits over the flat Param layout with their buffers; all arrays are allocated once. */
export class LogitState {
  readonly slots: readonly ParamSlot[];
  readonly logits: Float64Array;
  /** Probabilities (or a sample, or a vertex) handed to the evaluator. */
  readonly probs: Float64Array;
  /** d loss / d logits of the current step. */
  readonly logitGrad: Float64Array;
  readonly continuous: ContinuousUpdate;
  /** Breaks exact argmax ties; a separate stream so decoding never shifts the optimizer's own noise. */
  readonly tieRng: Rng;

  constructor(problem: OptimizerProblem, rng: Rng, options: ResolvedOptions) {
    this.slots = problem.params;
    this.logits = new Float64Array(problem.size);
    this.probs = new Float64Array(problem.size);
    this.logitGrad = new Float64Array(problem.size);
    this.continuous = new ContinuousUpdate(problem.size, continuousSettings(options));
    initLogits(this.slots, choice<LogitInit>(options, 'init'), rng, this.logits);
    this.tieRng = rng.fork(0x7e5);
  }

  /** Applies the continuous update to the logits from `logitGrad`. */
  step(): void {
    this.continuous.step(this.logits, this.logitGrad);
  }

  /** Argmax of the logits per slot, ties at random. */
  decode(into: Int32Array): void {
    argmaxSlots(this.slots, this.logits, this.tieRng, into);
  }
}
