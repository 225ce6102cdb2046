// Benchmark documents: the machine a table was measured on, the `tpt compare` command equivalent to
// a configuration, tables joined from several comparisons, and regenerated sections of a Markdown file.
import { availableParallelism, cpus } from 'node:os';
import type { ComparisonConfig } from './config.ts';
import { formatReference } from './reference.ts';
import { groupOf, type Summary } from './summary.ts';
import { formatCell } from './table.ts';

/** `2 cores (nproc), Intel(R) Xeon(R) ..., node v20.x`. */
export function machineDescription(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${availableParallelism()} cores (nproc), ${model}, node ${process.version}`;
}

/** `12.5 min` of run time summed over the runs of `summaries` (stable when a benchmark resumes). */
export function runMinutes(summaries: readonly Summary[]): string {
  return `${(summaries.reduce((a, s) => a + s.totalSeconds, 0) / 60).toFixed(1)} min`;
}

/** The `tpt compare` command line that runs `config` (plus `extra` flags such as `--jobs 2 --out DIR`). */
export function compareCommandLine(config: ComparisonConfig, extra: readonly string[] = []): string {
  const parts = ['npx tpt compare', config.program, '--optimizers', config.optimizers.join(',')];
  if (config.dataPath) parts.push('--data', config.dataPath);
  if (config.hypersPath) parts.push('--hypers', config.hypersPath);
  if (config.batch) parts.push('--batch', config.batch);
  for (const [k, v] of Object.entries(config.set ?? {})) parts.push('--set', `${k}=${v}`);
  if (config.sweep) parts.push('--sweep', `${config.sweep.name}=${config.sweep.values.join(',')}`);
  parts.push('--runs', String(config.runs));
  for (const [k, v] of Object.entries(config.runsFor ?? {})) parts.push('--runs-for', `${k}=${v}`);
  if (config.maxSteps !== null) parts.push('--max-steps', String(config.maxSteps));
  if (config.timeLimitSeconds) parts.push('--time-limit', String(config.timeLimitSeconds));
  parts.push('--seed', String(config.seed));
  for (const [method, options] of Object.entries(config.options ?? {})) {
    for (const [k, v] of Object.entries(options)) parts.push(`${method}.${k}=${String(v)}`);
  }
  return [...parts, ...extra].join(' ');
}

/**
 * One Markdown table over several comparisons of the same program: methods down (in first-seen
 * order), sweep values across; each cell from the comparison that ran it, with its run count when
 * `showRuns`, and the paper's number in brackets.
 */
export function joinedMarkdownTable(summaries: readonly Summary[], options: { readonly showRuns?: boolean; readonly withTime?: boolean } = {}): string {
  const methods = [...new Set(summaries.flatMap((s) => s.optimizers))];
  const columns: { label: string; value: string | number | null }[] = [];
  for (const s of summaries) {
    for (const v of s.sweepValues) {
      const label = v === null ? (s.config.batch ?? 'result') : s.sweep === 'batch' ? String(v) : `${s.sweep}=${v}`;
      if (!columns.some((c) => c.label === label)) columns.push({ label, value: v });
    }
  }
  const lines = [`| method | ${columns.map((c) => c.label).join(' | ')} |`, `|---|${columns.map(() => '---:').join('|')}|`];
  for (const m of methods) {
    const cells = columns.map((c) => {
      for (const s of summaries) {
        const g = s.optimizers.includes(m) ? groupOf(s, m, c.value) : undefined;
        if (!g || g.runs === 0) continue;
        const runs = options.showRuns ? ` (${g.runs})` : '';
        const ref = g.reference ? ` [${formatReference(g.reference)}]` : '';
        return `${formatCell(g, options.withTime ?? false)}${runs}${ref}`;
      }
      return '';
    });
    lines.push(`| ${m} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/**
 * Replaces the text between `<!-- NAME:begin -->` and `<!-- NAME:end -->` in `doc` with `body`, or
 * appends the marked section when it is not there yet.
 */
export function replaceSection(doc: string, name: string, body: string): string {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const section = `${begin}\n${body.trim()}\n${end}`;
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  if (i >= 0 && j > i) return doc.slice(0, i) + section + doc.slice(j + end.length);
  return `${doc.trimEnd()}\n\n${section}\n`;
}
