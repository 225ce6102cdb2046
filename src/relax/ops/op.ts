// The shape every primitive shares: forward and backward rules side by side, plus a printer hook.
import type { Instr, Machine } from '../tape.ts';

/**
 * One primitive of the relaxed evaluator. `backward` assumes `m.grad` already holds d loss / d output
 * for the instruction's outputs and ADDS d loss / d input into every input's gradient (inputs can
 * feed several consumers, so gradients accumulate).
 */
export interface OpRule<I extends Instr> {
  readonly kind: I['kind'];
  forward(ins: I, m: Machine): void;
  backward(ins: I, m: Machine): void;
  /** One line per instance for `printTape`. */
  describe(ins: I, names: StorageNames): string[];
}

/** How the printer names storage offsets. */
export interface StorageNames {
  /** The vector starting at `offset`, e.g. `%4` (shared) or `%4:e2` (example 2). */
  vector(offset: number): string;
  /** The single probability at `offset`, e.g. `%4:e2[1]`. */
  cell(offset: number): string;
}

/**
 * How an instance reads one vector: where its values are, and where its gradient goes. The two
 * offsets are equal for anything depending on a Param; anything else sends its gradient to a
 * scratch "sink" region nobody reads, which keeps every kernel free of branches.
 */
export interface Operand {
  readonly val: number;
  readonly grad: number;
}

/** Where encoders append an instruction's ints: a number[] in tests, an IntList when compiling. */
export interface IntSink {
  push(x: number): unknown;
}

/** Appends an operand as two ints: value offset, gradient offset. */
export function pushOperand(ints: IntSink, o: Operand): void {
  ints.push(o.val);
  ints.push(o.grad);
}

/** How a real op reads or writes one tensor: value offset, gradient offset (-1 = none), lane stride (0 = shared). */
export interface RealOperand {
  readonly val: number;
  readonly grad: number;
  readonly stride: number;
}

/** Appends a real operand as three ints. */
export function pushRealOperand(ints: number[], o: RealOperand): void {
  ints.push(o.val, o.grad, o.stride);
}

/** Printer name of a real tensor at `offset` (the lane-0 instance names the whole per-lane tensor). */
export function tensorName(names: StorageNames, offset: number): string {
  return names.vector(offset).replace(/:e0$/, '');
}
