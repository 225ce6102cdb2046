// The relaxed (FMGD) evaluator: compiles a program and a batch into a tape once, then computes the
// loss and its exact gradient w.r.t. every Param's probability vector with no allocation per call.
import type { Dataset } from '../data/dataset.ts';
import type { Objective, ParamSlot } from './objective.ts';
import type { Program } from '../ir/ir.ts';
import { buildGraph } from './build.ts';
import { constantValue, ZERO } from './graph.ts';
import { runBackward, runForward } from './ops/registry.ts';
import { schedule } from './schedule.ts';
import type { Machine, Tape } from './tape.ts';
import { VertexEvaluator } from './vertex.ts';
import { buildRealGraph } from './real/graph.ts';
import type { RealParamSlot } from './real/layout.ts';
import { RealSchedule } from './real/schedule.ts';
import { loadLanes, scoreLanes } from './real/lanes.ts';

/** Default epsilon inside `-log(p + epsilon)`, as in the published parity-chain code. */
export const DEFAULT_EPSILON = 1e-7;

/** Options of `compileRelaxed`. */
export interface RelaxedOptions {
  /**
   * Added to every observed probability inside the log: a term costs `-log(p + epsilon)`. It is
   * added, never a floor, so a wrong output at a vertex (p = 0) still has a gradient (of size about
   * 1/epsilon). Default {@link DEFAULT_EPSILON}.
   */
  readonly epsilon?: number;
  /**
   * Programs with real values: examples per pass (the mini-batch size; default every example). A
   * batch smaller than the data needs a discrete part that reads no example data (RangeError otherwise);
   * `setBatch` chooses the examples.
   */
  readonly lanes?: number;
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
  const built = buildGraph(program, dataset);
  if (!program.real) return new RelaxedEvaluator(schedule(built, program, dataset), options.epsilon ?? DEFAULT_EPSILON);
  const examples = dataset.examples.length;
  const lanes = Math.max(1, Math.min(examples, Math.floor(options.lanes ?? examples)));
  const nodes = built.graph.nodes;
  const realBuilt = buildRealGraph(program, (v) => {
    const n = built.final(v);
    const node = n === ZERO ? null : nodes[n]!;
    return { node: n, domain: program.vars[v]!.domain, constant: node ? constantValue(node) : undefined, shared: node?.shared ?? true, dynamic: node?.dynamic ?? false };
  });
  const paramSize = built.params.reduce((s, p) => s + p.domain, 0);
  const tape = schedule(built, program, dataset, new RealSchedule(program, dataset, realBuilt, lanes, paramSize));
  if (lanes < examples && tape.real!.discreteUsesExamples) {
    throw new RangeError(
      'mini-batches need a program whose discrete part reads no example data (no observed discrete outputs other than ' +
        'Bernoulli/Categorical draws, no discrete Inputs in computations); use the full batch',
    );
  }
  return new RelaxedEvaluator(tape, options.epsilon ?? DEFAULT_EPSILON, dataset);
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
  /** Real Params (empty for a discrete program): a view of storage, so writes take effect directly. */
  readonly realValues: Float64Array;
  /** d loss / d `realValues` after each `lossAndGradient` (a view of the gradient storage). */
  readonly realGradient: Float64Array;
  readonly realParams: readonly RealParamSlot[];
  /** Examples one pass evaluates (the whole batch unless compiled with `lanes`). */
  readonly lanes: number;
  private readonly laneOk: Uint8Array;
  /** The loss instruction's mean-over-examples factor ({@link Objective.lossScale}). */
  readonly lossScale: number;
  /**
   * {@link Objective.termLossesAtVertex}: the tape run on one-hot indices. Present for discrete
   * programs only.
   */
  readonly termLossesAtVertex?: (probs: Float64Array, into: Float64Array, at?: number) => void;
  /** The integer form behind the two vertex methods (null for a program with real values). */
  readonly vertex: VertexEvaluator | null;
  /** {@link Objective.lossAndGradientAtVertex}: the same, with the reverse pass on indices. */
  readonly lossAndGradientAtVertex?: (probs: Float64Array, grad: Float64Array) => number;

  constructor(
    /** The compiled program (see `printTape`). */
    readonly tape: Tape,
    readonly epsilon: number,
    /** The examples (needed to load lanes of a program with real values). */
    readonly dataset?: Dataset,
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
      lanes: tape.real?.lanes ?? tape.examples,
      penalty: 0,
    };
    this.paramValues = this.machine.val.subarray(0, this.size);
    this.paramGradients = this.machine.grad.subarray(0, this.size);
    const real = tape.real;
    const realStart = real?.paramOffset ?? this.size;
    this.realValues = this.machine.val.subarray(realStart, realStart + (real?.paramSize ?? 0));
    this.realGradient = this.machine.grad.subarray(realStart, realStart + (real?.paramSize ?? 0));
    this.realParams = real?.params ?? [];
    this.lanes = real?.lanes ?? tape.examples;
    this.laneOk = new Uint8Array(this.lanes);
    // Constants, Inputs and everything computed from them alone never change: compute them once.
    runForward(tape.prelude, this.machine);
    if (real) {
      if (!dataset) throw new RangeError('a program with real values needs its dataset to load examples');
      this.setBatch(Int32Array.from({ length: this.lanes }, (_, i) => i));
    }
    const vertex = VertexEvaluator.create(tape, epsilon);
    this.vertex = vertex;
    if (vertex) {
      this.termLossesAtVertex = (probs, into, at) => vertex.termLosses(probs, into, at);
      this.lossAndGradientAtVertex = (probs, grad) => vertex.lossAndGradient(probs, this.termWeights, grad);
    }
    const loss = tape.body.find((ins) => ins.kind === 'loss')!;
    this.lossScale = loss.kind === 'loss' ? loss.scale : 1;
    this.stats = {
      examples: tape.examples,
      terms: loss.count,
      instructions: tape.body.length,
      applications: tape.body.reduce((s, ins) => s + (ins.kind === 'loss' || ins.kind === 'realloss' ? 0 : ins.count), 0),
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

  /**
   * {@link Objective.lossAndGradientAfterPass}: the reverse pass alone over the state the last forward
   * pass left, the loss recomputed under the current term weights. Programs with real values (whose
   * loss has more parts) run a full pass.
   */
  lossAndGradientAfterPass(probs: Float64Array, grad: Float64Array): number {
    const m = this.machine;
    if (this.tape.real) return this.lossAndGradient(probs, grad);
    let total = 0;
    for (let t = 0; t < this.termCount; t++) total += this.termWeights[t]! * this.termLosses[t]!;
    m.loss = total * this.lossScale;
    m.grad.fill(0);
    runBackward(this.tape.body, m);
    grad.set(this.paramGradients);
    return m.loss;
  }

  /**
   * Programs with real values: evaluates the examples `examples[0 .. count)` from now on (at most
   * `lanes` of them; mean reductions average over `count`). Copies their inputs and targets into storage.
   */
  setBatch(examples: ArrayLike<number>, count = examples.length): void {
    const real = this.tape.real;
    if (!real || !this.dataset) return;
    const n = Math.min(count, this.lanes);
    loadLanes(real, this.dataset, this.machine.val, examples, n);
    this.machine.lanes = n;
  }

  /** The L2 penalty included in the loss of the last pass (0 without one). */
  get penalty(): number {
    return this.machine.penalty;
  }

  /**
   * After a forward pass: how many of the current batch's examples every observation matches (a real
   * output within `tolerance`; a draw by its decision; any other observed discrete output by the
   * argmax of its distribution, full batch only). At a vertex this is the exact interpreter's count.
   */
  examplesCorrect(tolerance: number): number {
    const lanes = this.machine.lanes;
    const ok = this.laneOk;
    ok.fill(1);
    if (this.tape.real) scoreLanes(this.tape.real, this.machine.val, lanes, tolerance, ok);
    if (!this.tape.real?.discreteUsesExamples || lanes !== this.tape.examples) return countOk(ok, lanes);
    const expected = this.dataset!.examples;
    for (let e = 0; e < lanes; e++) {
      for (let i = 0; i < this.tape.observedSlots.length; i++) {
        const want = expected[e]!.expected[i]!;
        if (want < 0 || this.tape.observedSlots[i]! < 0 || !ok[e]) continue;
        const slot = this.tape.slots[this.tape.observedSlots[i]!]!;
        const base = slot.offset + (slot.shared ? 0 : e * slot.domain);
        let best = 0;
        for (let k = 1; k < slot.domain; k++) if (this.machine.val[base + k]! > this.machine.val[base + best]!) best = k;
        if (best !== want) ok[e] = 0;
      }
    }
    return countOk(ok, lanes);
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

function countOk(ok: Uint8Array, n: number): number {
  let c = 0;
  for (let i = 0; i < n; i++) c += ok[i]!;
  return c;
}
