// The compiled relaxed program ("tape"): a flat list of batched instructions over one Float64Array
// of storage, plus the slot table that says what lives where. Pure data; the op registry runs it.
import type { ParamSlot } from './objective.ts';
import type { UnaryFn } from '../ir/activations.ts';
import type { RealBinaryOp } from '../ir/real.ts';
import type { RealTape } from './real/layout.ts';

/**
 * One stored probability vector (per example, or one shared by every example).
 * Storage of a per-example slot is `examples x domain`, example-major, so each vector is contiguous.
 */
export interface Slot {
  readonly id: number;
  readonly offset: number;
  readonly domain: number;
  /** One vector shared by all examples (stored once), e.g. a Param or anything computed from Params only. */
  readonly shared: boolean;
  /** Depends on some Param: recomputed every pass and carries a gradient. */
  readonly dynamic: boolean;
  /** What it holds, e.g. `param x[3]`, `y[2]`, `mix wires[1, 0]`. */
  readonly label: string;
}

/** A @Runtime table as an op sees it: entries already mapped to the target domain (-1 = dropped). */
export interface TableRef {
  readonly id: number;
  readonly name: string;
  readonly argDomains: readonly number[];
  readonly outDomain: number;
  /** Row-major over `argDomains`, first argument most significant; -1 where the result is out of domain. */
  readonly entries: Int32Array;
}

/**
 * Every instruction applies one op to `count` independent instances whose operands are encoded in
 * `ints` (layout documented in the op's file) as absolute storage offsets. The compiler expands the
 * example dimension into instances (one per example, or one for a value shared by all examples), so
 * kernels have no stride arithmetic. Instances of one instruction never depend on each other, so
 * one tight loop covers them all.
 */
interface Batched {
  readonly count: number;
  readonly ints: Int32Array;
}

export type Instr =
  /** One-hot (or zero) constants and clamped Inputs; runs once, before the first pass. */
  | (Batched & { readonly kind: 'onehot'; readonly domain: number })
  | (Batched & { readonly kind: 'apply1'; readonly table: TableRef })
  | (Batched & { readonly kind: 'apply2'; readonly table: TableRef })
  /** apply2 specialised to a 2 x 2 -> 2 table with every entry in range (XOR, AND, ...). */
  | (Batched & { readonly kind: 'apply2bin'; readonly table: TableRef })
  /** Any arity (0, 3, more); `index`, `base`, `gradBase`, `prefix`, `suffix` are preallocated scratch. */
  | (Batched & {
      readonly kind: 'applyN';
      readonly table: TableRef;
      readonly index: Int32Array;
      readonly base: Int32Array;
      readonly gradBase: Int32Array;
      readonly prefix: Float64Array;
      readonly suffix: Float64Array;
    })
  /** Copy between different domains (truncate or zero-pad); same-domain copies are aliases. */
  | (Batched & { readonly kind: 'copy'; readonly fromDomain: number; readonly domain: number })
  /** Case merge: `out = sum_g (sum_{k in group g} mu_subject[k]) * source_g`. */
  | (Batched & { readonly kind: 'mix'; readonly domain: number; readonly subjectDomain: number })
  /** mix specialised to binary variables (domain 2). */
  | (Batched & { readonly kind: 'mix2'; readonly subjectDomain: number })
  /** Weighted `-log(p + epsilon)` over the observed (example, output) terms, times `scale` (1 / examples); sets `loss`. */
  | (Batched & { readonly kind: 'loss'; readonly scale: number })
  // Real-valued ops (one instance per lane, or one for a value shared by all lanes). Their operands
  // are triples `value offset, gradient offset (-1: none), lane stride (0: shared)`: out first.
  /** Real constants, written once in the prelude: `values` at `ints[0]`. */
  | (Batched & { readonly kind: 'fill'; readonly values: Float64Array })
  /** `out = f(arg)` elementwise over `size` values per lane. */
  | (Batched & { readonly kind: 'unary'; readonly fn: UnaryFn; readonly alpha: number; readonly size: number })
  /** `out = a op b` with numpy broadcasting: element i reads `mapA[i]` of a (i itself when null), likewise b. */
  | (Batched & { readonly kind: 'binary'; readonly op: RealBinaryOp; readonly size: number; readonly mapA: Int32Array | null; readonly mapB: Int32Array | null })
  /** `out (m x n) = a (m x k) @ b (k x n)`. */
  | (Batched & { readonly kind: 'matmul'; readonly m: number; readonly k: number; readonly n: number })
  /** Stable softmax of each of `rows` rows of `cols` values. */
  | (Batched & { readonly kind: 'softmax'; readonly rows: number; readonly cols: number })
  /** `out[index[i]] += scale * arg[i]` (sum or mean over axes). */
  | (Batched & { readonly kind: 'reduce'; readonly inSize: number; readonly outSize: number; readonly index: Int32Array; readonly scale: number })
  /** `out[i] = arg[index[i]]` (constant indexing, slicing, transposing). */
  | (Batched & { readonly kind: 'gather'; readonly inSize: number; readonly outSize: number; readonly index: Int32Array })
  /** `out = [item_0, item_1, ...]`, each item `itemSize` values. */
  | (Batched & { readonly kind: 'stack'; readonly itemSize: number; readonly items: number })
  /** Case merge of real branches: `out = sum_g (sum_{k in group g} mu_subject[k]) * source_g`. */
  | (Batched & { readonly kind: 'realmix'; readonly size: number; readonly subjectDomain: number })
  /**
   * The real loss terms (squared error, Bernoulli / Categorical negative log-likelihood, L2), added to
   * `loss` after the discrete loss; mean reductions divide by the active lanes.
   */
  | (Batched & { readonly kind: 'realloss'; readonly half: boolean; readonly squaredMean: boolean; readonly crossMean: boolean; readonly alpha: number });

export type OpKind = Instr['kind'];

/** The mutable state an instruction reads and writes during a pass. */
export interface Machine {
  readonly val: Float64Array;
  /** Gradients of `[0, Tape.gradientSize)` of `val` (Params, Param-dependent slots, then the sink). */
  readonly grad: Float64Array;
  readonly epsilon: number;
  readonly termWeights: Float64Array;
  readonly termLosses: Float64Array;
  /** Written by the loss instruction's forward rule. */
  loss: number;
  /** Lanes (examples of the current batch) the real ops compute; at most `RealTape.lanes`. */
  lanes: number;
  /** The L2 penalty included in `loss` by the last forward pass (0 without one). */
  penalty: number;
}

/** The compiled relaxed program for one (program, dataset) pair. */
export interface Tape {
  readonly examples: number;
  readonly params: readonly ParamSlot[];
  /** Every Param first (at its ParamSlot offset), then dynamic slots, then static slots. */
  readonly slots: readonly Slot[];
  /** Slot id of each observed variable's final value, -1 when no path assigns it (always p = 0). */
  readonly observedSlots: Int32Array;
  /** Domain of each observed variable. */
  readonly observedDomains: Int32Array;
  /** Floats in the value array. */
  readonly storageSize: number;
  /**
   * Params, dynamic slots and the sink (scratch receiving the gradients of Param-free operands)
   * occupy `[0, gradientSize)`: the only part with gradients, zeroed before each reverse pass.
   */
  readonly gradientSize: number;
  /** Start of the gradient sink (inside `[0, gradientSize)`). */
  readonly sink: number;
  /** A Param-free cell that always holds 0: the probability of an observed value nothing produces. */
  readonly zeroCell: number;
  /** Length of the flat Param probability vector (`[0, paramSize)` of storage). */
  readonly paramSize: number;
  /** Instructions that depend on no Param: run once at construction. */
  readonly prelude: readonly Instr[];
  /** Instructions run on every pass, in forward order: discrete ops, the loss, then any real ops and real loss. */
  readonly body: readonly Instr[];
  /** The real-valued part's layout (absent for a discrete program). */
  readonly real?: RealTape;
}
