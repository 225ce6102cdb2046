// Writes a comparison's derived files from its records: summary.json, summary.csv and report.html,
// each atomically (a reader never sees half a file).
import { join } from 'node:path';
import { writeFileAtomic } from '../util/files.ts';
import type { NormalizedConfig } from './config.ts';
import type { RunRecord } from './record.ts';
import type { PaperReference } from './reference.ts';
import { renderReport } from './report-html.ts';
import { fitSection } from './report-fit.ts';
import { summarize, summaryCsv, type Summary } from './summary.ts';
import { loadSketch } from '../sketch/load.ts';

/** The `Summary` of a results directory as JSON. */
export const SUMMARY_JSON = 'summary.json';
/** One row per (method, sweep value) with success rate and step and time statistics. */
export const SUMMARY_CSV = 'summary.csv';
/** A self-contained HTML report with inline SVG charts (no network access needed to view it). */
export const REPORT_HTML = 'report.html';

/** Summarises `records` and (re)writes the three report files in `dir`; returns the summary. */
export function writeReports(
  dir: string,
  config: NormalizedConfig,
  records: readonly RunRecord[],
  reference?: PaperReference,
  referenceSource?: string,
): Summary {
  const summary = summarize(config, records, reference, referenceSource);
  writeFileAtomic(join(dir, SUMMARY_JSON), JSON.stringify(summary, null, 2) + '\n');
  writeFileAtomic(join(dir, SUMMARY_CSV), summaryCsv(summary));
  const fit = fitSection(summary, records, loadSketch);
  writeFileAtomic(join(dir, REPORT_HTML), renderReport(summary, records, fit));
  return summary;
}
