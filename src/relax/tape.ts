// The compiled relaxed program ("tape"): a flat list of batched instructions over one Float64Array
// of storage, plus the slot table that says what lives where. Pure data; the op registry runs it.
import type { ParamSlot } from './objective.ts';

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
  /** Weighted `-log(p + epsilon)` over the observed (example, output) terms, times `scale` (1 / examples); always last. */
  | (Batched & { readonly kind: 'loss'; readonly scale: number });

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
  /** Instructions run on every pass, in forward order; the last one is the loss. */
  readonly body: readonly Instr[];
}
