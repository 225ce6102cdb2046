// Public API of the relaxed (FMGD) evaluator: compile a lowered program and a batch into a tape,
// then evaluate the loss and its gradient w.r.t. the Params' probability vectors.
export { compileRelaxed, RelaxedEvaluator, DEFAULT_EPSILON } from './evaluator.ts';
export type { RelaxedOptions, RelaxedStats } from './evaluator.ts';
export { printTape } from './print.ts';
export { OPS } from './ops/registry.ts';
export type { OpRule } from './ops/op.ts';
export type { Tape, Instr, OpKind, Slot, TableRef, Machine } from './tape.ts';
export type { RealParamSlot, RealTape, RealLoad, RealObservation } from './real/layout.ts';
