// The public API of tpt: load a sketch, inspect its lowered program, run the exact interpreter.
// The CLI uses only what this file exports.

export type { Span, Diagnostic, Severity } from './util/diagnostics.ts';
export { renderDiagnostic, hasErrors } from './util/diagnostics.ts';
export type { Module, Stmt as AstStmt, Expr as AstExpr } from './syntax/ast.ts';
export { parseModule } from './syntax/parse.ts';
export { checkModule } from './check/names.ts';
export type { Program, IrVar, VarGroup, Table, Stmt as IrStmt, Source, CaseBranch, Observation, VarRole, FixedParam } from './ir/ir.ts';
export { withFixedParams } from './ir/fixed-params.ts';
export { lowerModule } from './ir/lower.ts';
export type {
  RealProgram, RealTensor, RealExpr, RealStmt, RealCaseBranch, Bridge, RealInit, RealSettings, Shape,
  SquaredErrorSetting, TargetSetting, TrainingSetting,
} from './ir/real.ts';
export { DEFAULT_REAL_SETTINGS } from './ir/real.ts';
export type { Activation, UnaryFn } from './ir/activations.ts';
export { ACTIVATIONS } from './ir/activations.ts';
export { printRealExpr } from './ir/real-print.ts';
export { printProgram, countStatements } from './ir/print.ts';
export type { Dataset, Example } from './data/dataset.ts';
export { DONT_CARE } from './data/dataset.ts';
export { parseJson } from './data/json.ts';
export type { JsonNode } from './data/json.ts';
export { readParams, readRealParams, paramsToJson, paramsFromJson } from './data/params.ts';
export { readRealValues, shapeReal } from './data/real-values.ts';
export { shapeValues } from './data/values.ts';
export type { ExactResult, ExampleRun, RuntimeFault } from './exact/interpret.ts';
export { runExact, solves, createChecker, UNSET, EXACT_EPSILON } from './exact/interpret.ts';
export type { RealRun, RealFault } from './exact/real.ts';
export { runRealExample, evalRealExpr } from './exact/real.ts';
export type { ExampleLoss } from './exact/real-loss.ts';
export type { Sketch, SketchOptions, SketchResult } from './sketch/load.ts';
export { loadSketch } from './sketch/load.ts';
export { readText } from './sketch/files.ts';
export type { LimitName, Limits } from './util/limits.ts';
export { LIMITS, DEFAULT_LIMITS, LimitError, isLimitName, resolveLimits, limitMessage, formatCount } from './util/limits.ts';
export { Rng } from './util/rng.ts';
export { readProbs } from './data/probs.ts';
export type { Objective, ParamSlot } from './relax/objective.ts';
export { compileRelaxed, RelaxedEvaluator, DEFAULT_EPSILON, printTape, OPS } from './relax/index.ts';
export type { RelaxedOptions, RelaxedStats, Tape } from './relax/index.ts';
export type { RealParamSlot, RealTape, RealLoad, RealObservation } from './relax/index.ts';
export * from './optimizers/index.ts';
export * from './synth/index.ts';
export { centralDifference, checkObjectiveGradient, compareGradient } from './diff/gradcheck.ts';
export { writeFileAtomic, writeProblem, writeErrorReason } from './util/files.ts';
export type { MethodSynthesis, MethodResult, MethodStopReason } from './synth/method.ts';
export { synthesizeLocalSearch } from './synth/local-search-sketch.ts';
export type { TermScorer } from './exact/term-score.ts';
export { createTermScorer } from './exact/term-score.ts';
export type { LocalSearchSettings } from './optimizers/local-search.ts';
export { LocalSearch, localSearchOptions } from './optimizers/local-search.ts';
export * from './compare/index.ts';
export * from './sat/index.ts';
export { smt2Text, type EncodingName } from './smt/index.ts';
