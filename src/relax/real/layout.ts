// What a compiled tape knows about its real-valued part: where the real Params live, where each
// batch's example data is loaded, and what is observed (for the loss and for scoring accuracy).
import type { RealInit, Shape } from '../../ir/real.ts';
import type { RealOperand } from '../ops/op.ts';

/** One real Param in the flat real-parameter vector (`RelaxedEvaluator.realValues`). */
export interface RealParamSlot {
  readonly tensor: number;
  readonly name: string;
  readonly shape: Shape;
  /** Start within the flat real-parameter vector. */
  readonly offset: number;
  readonly size: number;
  readonly init: RealInit;
}

/** Example data copied into storage per lane whenever a batch is loaded. */
export interface RealLoad {
  /** Real Input values, expected real Output values, or observed class indices of bridged variables. */
  readonly kind: 'input' | 'target' | 'class';
  /** Storage offset of lane 0; lane e is at `offset + e * size`. */
  readonly offset: number;
  readonly size: number;
  /** input / target: start within `Example.realInputs` / `Example.realExpected`. */
  readonly from: number;
  /** class: positions into `Dataset.observedVars` (DONT_CARE becomes NaN). */
  readonly positions: Int32Array;
}

/** One observed real tensor or bridge: how it is scored. */
export interface RealObservation {
  readonly kind: 'squared' | 'bernoulli' | 'categorical';
  readonly value: RealOperand;
  /** Storage of lane 0's targets (`count` per lane, NaN = don't care): real values or class indices. */
  readonly target: number;
  readonly count: number;
  /** Values per class-probability row (categorical), else 1. */
  readonly classes: number;
  readonly label: string;
}

/** Where the real tensors of a compiled program live in storage, and how a pass reads a mini-batch. */
export interface RealTape {
  /** Examples one pass evaluates: every example, or the mini-batch size. */
  readonly lanes: number;
  /** Storage offset of the flat real-parameter vector (right after the discrete Params). */
  readonly paramOffset: number;
  readonly paramSize: number;
  readonly params: readonly RealParamSlot[];
  readonly loads: readonly RealLoad[];
  readonly observations: readonly RealObservation[];
  /** The discrete part depends on example data (so only the full batch can be evaluated). */
  readonly discreteUsesExamples: boolean;
}
