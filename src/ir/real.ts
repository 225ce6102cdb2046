// The real-valued part of a lowered program: tensors, typed expression trees, statements nested in
// case splits on discrete variables, bridges to discrete Outputs, and the training settings.
import type { Span } from '../util/diagnostics.ts';
import type { VarRole } from './ir.ts';
import type { UnaryFn } from './activations.ts';

/** Row-major dimensions; [] is a scalar. */
export type Shape = readonly number[];

/** How a real Param starts (seeded): `tpt synth` draws it, `tpt run` reads it from the params file. */
export type RealInit =
  | { readonly kind: 'zeros' }
  /** U(-scale, scale). */
  | { readonly kind: 'uniform'; readonly scale: number }
  /** N(0, scale^2). */
  | { readonly kind: 'normal'; readonly scale: number }
  /** Glorot uniform U(-a, a), a = sqrt(6 / (fanIn + fanOut)), fanIn the last dim, fanOut the first. */
  | { readonly kind: 'xavier' };

/** One real declaration (`W = Param(Real)[3, 2]`): a tensor of float64 values. */
export interface RealTensor {
  readonly id: number;
  readonly name: string;
  readonly role: VarRole;
  readonly shape: Shape;
  /** Product of `shape`. */
  readonly size: number;
  /** Params only: where its values start in the flat real-parameter vector (-1 otherwise). */
  readonly offset: number;
  readonly init: RealInit;
  readonly span: Span;
}

export type RealBinaryOp = '+' | '-' | '*' | '/';
export type ReduceOp = 'sum' | 'mean';

/**
 * A real expression: a small tree (a DAG when a name bound to an expression is used twice), every
 * node with its shape. Elementwise binary ops broadcast as in numpy.
 */
export type RealExpr =
  | { readonly kind: 'const'; readonly shape: Shape; readonly values: Float64Array }
  /** The current value of a real tensor. */
  | { readonly kind: 'read'; readonly shape: Shape; readonly tensor: number }
  /** Elementwise function; `alpha` is its parameter (leaky_relu slope, elu scale, pow exponent), else 0. */
  | { readonly kind: 'unary'; readonly shape: Shape; readonly fn: UnaryFn; readonly alpha: number; readonly arg: RealExpr }
  | { readonly kind: 'binary'; readonly shape: Shape; readonly op: RealBinaryOp; readonly left: RealExpr; readonly right: RealExpr }
  /** numpy matmul on 1-D and 2-D operands. */
  | { readonly kind: 'matmul'; readonly shape: Shape; readonly left: RealExpr; readonly right: RealExpr }
  /** Numerically stable softmax over the last axis. */
  | { readonly kind: 'softmax'; readonly shape: Shape; readonly arg: RealExpr }
  /** Sum or mean over one axis, or over every element when `axis` is null (a scalar). */
  | { readonly kind: 'reduce'; readonly shape: Shape; readonly op: ReduceOp; readonly axis: number | null; readonly arg: RealExpr }
  /** Constant indexing, slicing, transposing: element i of the result is element `index[i]` of `arg`. */
  | { readonly kind: 'gather'; readonly shape: Shape; readonly index: Int32Array; readonly label: string; readonly arg: RealExpr }
  /** `[a, b, c]` of equally shaped expressions: a new leading axis. */
  | { readonly kind: 'stack'; readonly shape: Shape; readonly items: readonly RealExpr[] };

/** One branch of a case split over real statements, selected by these subject values. */
export interface RealCaseBranch {
  readonly values: readonly number[];
  readonly body: readonly RealStmt[];
}

/** A statement over real tensors. */
export type RealStmt =
  /** `x.set_to(e)` on a real Var or Output (the whole tensor). */
  | { readonly kind: 'set'; readonly target: number; readonly expr: RealExpr; readonly span: Span }
  /**
   * A case split on a discrete variable whose branches hold real statements. Its subject is read after
   * the discrete statements have run; relaxed, a tensor assigned in the branches is the mixture.
   */
  | { readonly kind: 'case'; readonly subject: number; readonly branches: readonly RealCaseBranch[]; readonly span: Span };

/**
 * `y.set_to(Bernoulli(p))` / `y.set_to(Categorical(probs))`: discrete variables drawn from real
 * probabilities. Relaxed, observing them costs the negative log-likelihood; exactly, a Bernoulli is 1
 * when p >= 0.5 and a Categorical is its first most probable value.
 */
export interface Bridge {
  readonly dist: 'bernoulli' | 'categorical';
  /** Discrete variable ids, row-major (one per element of p, or per row of probs). */
  readonly targets: readonly number[];
  readonly expr: RealExpr;
  readonly span: Span;
}

/** How real Outputs are scored: `E = half? 1/2 : 1 * sum (o - t)^2`, summed or averaged over examples. */
export interface SquaredErrorSetting {
  readonly half: boolean;
  readonly reduction: 'mean' | 'sum';
}

/** What counts as success for a program with real values. */
export type TargetSetting =
  /** At least `value` of the examples solved; a real output matches when |o - t| <= tolerance. */
  | { readonly kind: 'accuracy'; readonly value: number; readonly tolerance: number }
  /** The data loss (no regulariser) at most `value`; `tolerance` still decides which examples count as solved. */
  | { readonly kind: 'loss'; readonly value: number; readonly tolerance: number };

/** Training defaults a program may state (`Training(lr=0.5, update='sgd', ...)`); flags override them. */
export interface TrainingSetting {
  readonly lr?: number;
  readonly update?: 'adam' | 'sgd' | 'rmsprop';
  readonly momentum?: number;
  readonly batchSize?: number;
  readonly epochs?: number;
  readonly shuffle?: boolean;
}

/** The program's training settings (`loss = ...`, `regularize = ...`, `target = ...`, `Training(...)`) with defaults filled in. */
export interface RealSettings {
  readonly squaredError: SquaredErrorSetting;
  /** Reduction of the Bernoulli / Categorical negative log-likelihood over examples. */
  readonly crossEntropy: { readonly reduction: 'mean' | 'sum' };
  /** `alpha / 2 * ||W||^2` summed over the listed real Params (tensor ids); null for none. */
  readonly l2: { readonly alpha: number; readonly tensors: readonly number[] } | null;
  readonly target: TargetSetting;
  readonly training: TrainingSetting;
}

export const DEFAULT_REAL_SETTINGS: RealSettings = {
  squaredError: { half: true, reduction: 'mean' },
  crossEntropy: { reduction: 'mean' },
  l2: null,
  target: { kind: 'accuracy', value: 1, tolerance: 0.5 },
  training: {},
};

/** The real-valued part of a lowered program: tensors, statements over them, bridges to discrete variables and training settings. */
export interface RealProgram {
  readonly tensors: readonly RealTensor[];
  /** Length of the flat real-parameter vector (every real Param, in declaration order). */
  readonly paramSize: number;
  /** Runs after the discrete statements. */
  readonly body: readonly RealStmt[];
  /** Run after the real statements; they only feed observations. */
  readonly bridges: readonly Bridge[];
  readonly settings: RealSettings;
}

/** Number of elements of a shape. */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** `[2, 3]` -> `[2, 3]`, `[]` -> `scalar`. */
export function showShape(shape: Shape): string {
  return shape.length === 0 ? 'scalar' : `[${shape.join(', ')}]`;
}
