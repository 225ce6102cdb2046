// The relaxed (FMGD) evaluator: compiles a program and a batch into a tape once, then computes the
// loss and its exact gradient w.r.t. every Param's probability vector with no allocation per call.
import type { Dataset } from '../data/dataset.ts';
import type { Objective, ParamSlot } from './objective.ts';
import type { Program } from '../ir/ir.ts';
import { buildGraph } from './build.ts';
import { runBackward, runForward } from './ops/registry.ts';
import { schedule } from './schedule.ts';
import type { Machine, Tape } from './tape.ts';

/** Default epsilon inside `-log(p + epsilon)`, as in the published parity-chain code. */
export const DEFAULT_EPSILON = 1e-7;

export interface RelaxedOptions {
  /**
   * Added to every observed probability inside the log: a term costs `-log(p + epsilon)`. It is
   * added, never a floor, so a wrong output at a vertex (p = 0) still has a gradient (of size about
   * 1/epsilon). Default {@link DEFAULT_EPSILON}.
   */
  readonly epsilon?: number;
}

/** Size of a compiled evaluator, for reports. */
export interface RelaxedStats {
  readonly examples: number;
  /** Unmasked (example, observed output) terms. */
  readonly terms: number;
  /** Batched instructions run on every pass (including the loss). */
  readonly instructions: number;
  /** Op applications per pass (instances over all body instructions, excluding loss terms). */
  readonly applications: number;
  /** Instructions run once at construction (constants, Inputs, Param-free work). */
  readonly preludeInstructions: number;
  /** Floats of value storage (Params, computed slots, constants). */
  readonly storageFloats: number;
  /** Floats of gradient storage (Params and Param-dependent slots only, plus a small sink). */
  readonly gradientFloats: number;
}

/** Compiles `program` on `dataset` into a relaxed evaluator (see {@link RelaxedEvaluator}). */
export function compileRelaxed(program: Program, dataset: Dataset, options: RelaxedOptions = {}): RelaxedEvaluator {
  const tape = schedule(buildGraph(program, dataset), program, dataset);
  return new RelaxedEvaluator(tape, options.epsilon ?? DEFAULT_EPSILON);
}

/**
 * Loss and gradient of the relaxed program over flat Param probability vectors (an {@link Objective}).
 * Vectors are used exactly as supplied (no renormalisation); gradients are exact partial derivatives,
 * at soft points and at one-hot vertices alike. Params are shared by all examples, so their gradient
 * sums over the batch.
 */
export class RelaxedEvaluator implements Objective {
  readonly params: readonly ParamSlot[];
  readonly size: number;
  readonly termCount: number;
  readonly termWeights: Float64Array;
  readonly termLosses: Float64Array;
  readonly stats: RelaxedStats;
  private readonly machine: Machine;
  /** Views of the Param region of values and gradients, made once so passes allocate nothing. */
  private readonly paramValues: Float64Array;
  private readonly paramGradients: Float64Array;

  constructor(
    /** The compiled program (see `printTape`). */
    readonly tape: Tape,
    readonly epsilon: number,
  ) {
    this.params = tape.params;
    this.size = tape.paramSize;
    this.termCount = tape.examples * tape.observedSlots.length;
    this.termWeights = new Float64Array(this.termCount).fill(1);
    this.termLosses = new Float64Array(this.termCount);
    this.machine = {
      val: new Float64Array(tape.storageSize),
      // Only Params and dynamic slots (a prefix of storage, plus the sink) ever receive gradients.
      grad: new Float64Array(tape.gradientSize),
      epsilon,
      termWeights: this.termWeights,
      termLosses: this.termLosses,
      loss: 0,
    };
    this.paramValues = this.machine.val.subarray(0, this.size);
    this.paramGradients = this.machine.grad.subarray(0, this.size);
    // Constants, Inputs and everything computed from them alone never change: compute them once.
    runForward(tape.prelude, this.machine);
    const loss = tape.body[tape.body.length - 1]!;
    this.stats = {
      examples: tape.examples,
      terms: loss.count,
      instructions: tape.body.length,
      applications: tape.body.reduce((s, ins) => s + (ins.kind === 'loss' ? 0 : ins.count), 0),
      preludeInstructions: tape.prelude.length,
      storageFloats: tape.storageSize,
      gradientFloats: tape.gradientSize,
    };
  }

  lossAndGradient(probs: Float64Array, grad: Float64Array): number {
    const m = this.machine;
    this.load(probs);
    runForward(this.tape.body, m);
    m.grad.fill(0);
    runBackward(this.tape.body, m);
    grad.set(this.paramGradients);
    return m.loss;
  }

  /** The loss at `probs` (forward pass only); also refreshes `termLosses` and the output distributions. */
  loss(probs: Float64Array): number {
    this.load(probs);
    runForward(this.tape.body, this.machine);
    return this.machine.loss;
  }

  /**
   * The distribution of observed variable `observed` (a position in `Dataset.observedVars`) on
   * `example` after the last pass, copied into `into` (allocated when omitted). All zeros when no path
   * assigns the variable; it may sum to less than 1 (sub-normalised) where some path leaves it unset.
   */
  outputDistribution(example: number, observed: number, into?: Float64Array): Float64Array {
    const slot = this.tape.slots[this.tape.observedSlots[observed]!];
    const domain = this.tape.observedDomains[observed]!;
    const out = into ?? new Float64Array(domain);
    out.fill(0);
    if (!slot) return out;
    const base = slot.offset + (slot.shared ? 0 : example * slot.domain);
    for (let k = 0; k < domain; k++) out[k] = this.machine.val[base + k]!;
    return out;
  }

  /**
   * Writes the flat probability vector of a discrete assignment into `into` (length `size`):
   * one-hot at `assignment[variable]` for every Param (all zeros when that value is out of range).
   */
  oneHot(assignment: ArrayLike<number>, into: Float64Array): Float64Array {
    for (const p of this.params) {
      for (let k = 0; k < p.domain; k++) into[p.offset + k] = 0;
      const v = assignment[p.variable]!;
      if (v >= 0 && v < p.domain) into[p.offset + v] = 1;
    }
    return into;
  }

  private load(probs: Float64Array): void {
    if (probs.length === this.size) this.paramValues.set(probs);
    else if (probs.length > this.size) for (let i = 0; i < this.size; i++) this.paramValues[i] = probs[i]!;
    else throw new RangeError(`expected ${this.size} probabilities, got ${probs.length}`);
  }
}
