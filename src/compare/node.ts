// Public surface of the comparison that needs Node: the runner with its worker threads, result
// directories, merging, written reports, the reference file on the disk and the benchmark scripts' helpers.
export type { CompareOutcome, CompareProgress, CompareRunOptions } from './runner.ts';
export { runComparison } from './runner.ts';
export { hashInputs, normalizeConfig } from './inputs.ts';
export type { MergeOutcome } from './merge.ts';
export { mergeComparisons } from './merge.ts';
export { RunError } from './pool.ts';
export { CONFIG_FILE, GARBLED_FILE, RUNS_FILE, StoreError, readConfig, readRuns } from './store.ts';
export { LOCK_FILE } from './lock.ts';
export { REPORT_HTML, SUMMARY_CSV, SUMMARY_JSON, writeReports } from './outputs.ts';
export { defaultReferencePath, loadReference } from './reference-file.ts';
export type { WorkerEntry, WorkerFiles } from './worker-path.ts';
export { COMPARE_WORKER, METHOD_WORKER, resolveWorkerEntry } from './worker-path.ts';
export type { BackgroundRun, WorkerRequest } from './run-in-worker.ts';
export { startMethodInWorker } from './run-in-worker.ts';
export { compareCommandLine, joinedMarkdownTable, machineDescription, replaceSection, runMinutes } from './markdown.ts';
export type { BenchArgs } from './bench.ts';
export { parseBenchArgs, runLogged, writeDocSection } from './bench.ts';
