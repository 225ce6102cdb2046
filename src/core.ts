// The part of tpt's public API that runs anywhere JavaScript does (`tpt/core`): no file system, no
// worker threads, no node: module — a browser can bundle it (the playground does). Sketches come in
// as text; everything after loading (compiling, gradients, the exact interpreter, synthesis with any
// method, Z3 loaded on first use of `smt`, the result text of `tpt synth`, a comparison's plan, runs,
// summary and report markup) is here. `tpt` (src/index.ts) adds files, worker threads and stored
// results. docs/API.md describes both by task.

// Diagnostics: every problem a user can cause comes back as one of these, never as a throw.
export type { Span, Diagnostic, Severity } from './util/diagnostics.ts';
export { renderDiagnostic, hasErrors } from './util/diagnostics.ts';

// Resource limits: how large a program, data file or compiled evaluator may get (`--limit NAME=N`).
export type { LimitName, Limits, LimitInfo } from './util/limits.ts';
export { LIMITS, DEFAULT_LIMITS, LimitError, isLimitName, resolveLimits, limitMessage, formatCount } from './util/limits.ts';

// Loading a sketch from text: parse, check, bind hypers, lower, validate the data.
export type { Sketch, SketchOptions, SketchResult, SketchFiles, TextSketchOptions } from './sketch/sketch.ts';
export { sketchFromText, assembleSketch } from './sketch/sketch.ts';
export { observesNothing } from './sketch/observed.ts';

// The front end's stages one by one, and what they produce.
export type { Module, Stmt as AstStmt, Expr as AstExpr } from './syntax/ast.ts';
export { parseModule } from './syntax/parse.ts';
export type { ParseResult } from './syntax/parse.ts';
export { checkModule } from './check/names.ts';
export type { Program, IrVar, VarGroup, Table, Stmt as IrStmt, Source, CaseBranch, Observation, VarRole, FixedParam } from './ir/ir.ts';
export { withFixedParams } from './ir/fixed-params.ts';
export type {
  RealProgram, RealTensor, RealExpr, RealStmt, RealCaseBranch, Bridge, RealInit, RealSettings, Shape,
  SquaredErrorSetting, TargetSetting, TrainingSetting,
} from './ir/real.ts';
export type { Activation, UnaryFn } from './ir/activations.ts';
export { lowerModule } from './ir/lower.ts';
export type { LowerResult } from './ir/lower.ts';
export { printProgram, countStatements } from './ir/print.ts';

// Data: examples, positioned JSON, Param values in TerpreT's JSON shape.
export type { Dataset, Example } from './data/dataset.ts';
export { DONT_CARE } from './data/dataset.ts';
export type { JsonNode } from './data/json.ts';
export { parseJson } from './data/json.ts';
export { readParams, readRealParams, paramsToJson, paramsFromJson } from './data/params.ts';
export { readProbs } from './data/probs.ts';
export { groupEntry, groupKey, placeGroupValue, shapeValues } from './data/values.ts';

// The exact interpreter: the definition of what a program means.
export type { ExactResult, ExampleRun, RuntimeFault } from './exact/interpret.ts';
export { runExact, solves, createChecker, UNSET, EXACT_EPSILON } from './exact/interpret.ts';
export type { RealRun, RealFault } from './exact/real.ts';
export type { ExampleLoss } from './exact/real-loss.ts';

// The relaxed evaluator: loss and gradient at any point of the Params' probability simplices.
export type { Objective, ParamSlot } from './relax/objective.ts';
export { compileRelaxed, RelaxedEvaluator, DEFAULT_EPSILON, printTape } from './relax/index.ts';
export type { RelaxedOptions, RelaxedStats, Tape, RealParamSlot, RealTape, RealLoad, RealObservation } from './relax/index.ts';
export { centralDifference, checkObjectiveGradient, compareGradient } from './diff/gradcheck.ts';
export type { GradCheckOptions, GradCheckReport } from './diff/gradcheck.ts';

// Optimizers: the interface a new one implements, option schemas, the registry, continuous updates.
export * from './optimizers/index.ts';
export { Rng } from './util/rng.ts';

// Synthesis: the search loop, sketch-level runs, nets, exact local search, plots.
export * from './synth/index.ts';
export type { MethodSynthesis, MethodResult, MethodStopReason } from './synth/method.ts';
export { synthesizeLocalSearch } from './synth/local-search-sketch.ts';

// What `tpt synth` and `tpt run` print: the result text and JSON, the annotated sketch, the exact check.
export type { SynthesisJsonContext } from './synth/report.ts';
export { formatAssignment, formatSynthesis, synthesisJson } from './synth/report.ts';
export { annotatedSource, compact, fixedParamsLine, paramTables } from './synth/present.ts';
export { formatRun, runReport } from './synth/run-text.ts';

// Any method by name (optimizers, local-search, smt) and a comparison run by a host's own workers:
// its plan and seeds, one run's record, the summary, and the report's table and charts as markup.
export type { MethodInfo, MethodRequest } from './compare/methods.ts';
export { getMethod, listMethods, resolveMethodOptions, runMethod } from './compare/methods.ts';
export type { ComparisonConfig, InputHashes, NormalizedConfig, RunSpec, Shard, Sweep, SweepValue } from './compare/config.ts';
export { canonicalJson, deriveSeed, normalizeConfigWith, planRuns } from './compare/config.ts';
export type { FitRecord, RunRecord, SketchLoader } from './compare/record.ts';
export { executeRun, SketchCache, SketchLoadError } from './compare/record.ts';
export type { GroupSummary, Spread, Summary } from './compare/summary.ts';
export { summarize, summaryCsv } from './compare/summary.ts';
export { formatMarkdownTable, formatTable } from './compare/table.ts';
export type { PaperReference, ReferenceCell } from './compare/reference.ts';
export { formatReference, referenceCell } from './compare/reference.ts';
export { REPORT_CSS, renderReport, reportBody } from './compare/report-html.ts';
export { fitSection } from './compare/report-fit.ts';
export type { ChartSpec, Series } from './compare/svg.ts';
export { esc, PALETTE, renderChart } from './compare/svg.ts';
