// Public surface of the comparison that runs anywhere: methods side by side, plans, one run's record,
// summaries, tables and the report's HTML. node.ts adds the runner, result directories and merging.
export type { MethodInfo, MethodRequest } from './methods.ts';
export { getMethod, listMethods, resolveMethodOptions, runMethod } from './methods.ts';
export type { ComparisonConfig, InputHashes, NormalizedConfig, RunSpec, Shard, Sweep, SweepValue } from './config.ts';
export { canonicalJson, deriveSeed, normalizeConfigWith, planRuns, runKey, sketchOptions } from './config.ts';
export type { FitRecord, RunRecord, SketchLoader } from './record.ts';
export { executeRun, SketchCache, SketchLoadError } from './record.ts';
export type { GroupSummary, Spread, Summary } from './summary.ts';
export { summarize, summaryCsv } from './summary.ts';
export type { PaperReference, ReferenceCell } from './reference.ts';
export { formatReference, referenceCell } from './reference.ts';
export { formatMarkdownTable, formatTable } from './table.ts';
export { REPORT_CSS, renderReport, reportBody } from './report-html.ts';
export { fitSection } from './report-fit.ts';
export { esc, PALETTE, renderChart } from './svg.ts';
export type { ChartSpec, Series } from './svg.ts';
