// The public API of tpt (`import ... from 'tpt'`): everything in `tpt/core` (src/core.ts), plus what
// needs Node: loading sketches from files, methods and comparisons in worker threads with their stored
// results and reports, and the files shipped with the package.
// The CLI uses only what this file exports. docs/API.md describes it by task.

export * from './core.ts';
// MiniSat, which runs in a worker thread, joins the SAT backend's solvers under Node.
import './sat/node-solvers.ts';

// Files: a sketch and its data by path, atomic writes, the package's own files.
export { loadSketch } from './sketch/load.ts';
export { writeFileAtomic, writeProblem, writeErrorReason } from './util/files.ts';
export { readText } from './sketch/files.ts';
export { packageFile, packageVersion } from './util/package.ts';

// Optimizers from a user's own module, loaded by path (the file's SHA-256 recorded).
export type { LoadedOptimizerModule } from './optimizers/user-module.ts';
export { OptimizerModuleError, isModulePath, loadOptimizerModule, loadedOptimizerModule } from './optimizers/user-module.ts';

// A method in a worker thread (stoppable), and comparisons of several in worker threads.
export type { BackgroundRun, WorkerRequest } from './compare/run-in-worker.ts';
export { startMethodInWorker } from './compare/run-in-worker.ts';
export { startPortfolio, type PortfolioSynthesis } from './compare/portfolio.ts';
export { hashInputs, normalizeConfig } from './compare/inputs.ts';
export type { CompareOutcome, CompareProgress, CompareRunOptions } from './compare/runner.ts';
export { runComparison } from './compare/runner.ts';
export { RunError } from './compare/pool.ts';
export type { MergeOutcome } from './compare/merge.ts';
export { mergeComparisons } from './compare/merge.ts';

// Stored results: the run records, summaries and reports of a comparison directory.
export type { StoredRuns } from './compare/store.ts';
export { CONFIG_FILE, GARBLED_FILE, RUNS_FILE, StoreError, readConfig, readRuns } from './compare/store.ts';
export { LOCK_FILE } from './compare/lock.ts';
export { REPORT_HTML, SUMMARY_CSV, SUMMARY_JSON, writeReports } from './compare/outputs.ts';
export { defaultReferencePath, loadReference } from './compare/reference-file.ts';

// The exact solvers' instances as files: CNF (DIMACS) for any SAT solver, SMT-LIB 2 for Z3's encoding.
export { solveSat, DEFAULT_SOLVER, type SatOptions, type SatResult } from './sat/solve.ts';
export { SOLVERS, type SolverName } from './sat/solver.ts';
export { encodeCnf, CNF_ENCODINGS, DEFAULT_CNF_ENCODING, type CnfEncodingName, type CnfInstance } from './sat/encode.ts';
export { formatDimacs, readDimacsHeader, readModel, paramsFromModel, type DimacsHeader } from './sat/dimacs.ts';
export { smt2Text, type EncodingName } from './smt/index.ts';
