// The public API of tpt (`import ... from 'tpt'`): everything in `tpt/core` (src/core.ts), plus what
// needs Node: loading sketches from files, comparisons in worker threads with their stored results and
// reports, the Z3 baseline among the methods, and the files shipped with the package.
// The CLI uses only what this file exports. docs/API.md describes it by task.

export * from './core.ts';

// Files: a sketch and its data by path, atomic writes, the package's own files.
export { loadSketch } from './sketch/load.ts';
export { writeFileAtomic, writeProblem, writeErrorReason } from './util/files.ts';
export { readText } from './sketch/files.ts';
export { packageFile, packageVersion } from './util/package.ts';

// Optimizers from a user's own module, loaded by path (the file's SHA-256 recorded).
export type { LoadedOptimizerModule, OptimizerModuleSource } from './optimizers/user-module.ts';
export {
  OptimizerModuleError, isModulePath, loadOptimizerModule, loadedOptimizerModule, optimizerModuleSource,
} from './optimizers/user-module.ts';

// Any method by name (optimizers, local-search, smt) and comparisons of several.
export type { MethodInfo, MethodRequest } from './compare/methods.ts';
export { getMethod, listMethods, resolveMethodOptions, runMethod } from './compare/methods.ts';
export type { BackgroundRun, WorkerRequest } from './compare/run-in-worker.ts';
export { startMethodInWorker } from './compare/run-in-worker.ts';
export type { ComparisonConfig, NormalizedConfig, RunSpec, Shard, Sweep, SweepValue } from './compare/config.ts';
export { canonicalJson, deriveSeed, normalizeConfig, planRuns } from './compare/config.ts';
export type { CompareOutcome, CompareProgress, CompareRunOptions } from './compare/runner.ts';
export { runComparison } from './compare/runner.ts';
export { RunError } from './compare/pool.ts';
export type { MergeOutcome } from './compare/merge.ts';
export { mergeComparisons } from './compare/merge.ts';

// Stored results: the run records, summaries, tables and reports of a comparison directory.
export type { RunRecord } from './compare/record.ts';
export { SketchLoadError } from './compare/record.ts';
export type { StoredRuns } from './compare/store.ts';
export { CONFIG_FILE, GARBLED_FILE, RUNS_FILE, StoreError, readConfig, readRuns } from './compare/store.ts';
export { LOCK_FILE } from './compare/lock.ts';
export type { GroupSummary, Spread, Summary } from './compare/summary.ts';
export { summarize, summaryCsv } from './compare/summary.ts';
export { formatMarkdownTable, formatTable } from './compare/table.ts';
export { REPORT_HTML, SUMMARY_CSV, SUMMARY_JSON, writeReports } from './compare/outputs.ts';
export type { PaperReference, ReferenceCell } from './compare/reference.ts';
export { defaultReferencePath, formatReference, loadReference, referenceCell } from './compare/reference.ts';
