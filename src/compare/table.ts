// The comparison as a table like the paper's: `success% / mean steps` per method and sweep value, the
// published number beside each cell, wall time per method; as plain text and as Markdown.
import type { SweepValue } from './config.ts';
import { formatReference } from './reference.ts';
import { groupOf, type GroupSummary, type Summary } from './summary.ts';

/** `12.3`, `1077` — steps with a precision that suits their size. */
export function formatSteps(x: number): string {
  return x < 100 ? x.toFixed(1) : x.toFixed(0);
}

/** `0.0123 s`, `1.50 s`, `123 s`. */
export function formatSeconds(x: number): string {
  if (x >= 100) return `${x.toFixed(0)} s`;
  return `${Number(x.toPrecision(3))} s`;
}

/** Whether cells show the mean time to success too (the circuit table reports seconds). */
function showsTime(summary: Summary): boolean {
  return summary.sweep === 'batch' || summary.groups.some((g) => g.reference && g.reference.kind !== 'steps');
}

/** The text of one cell, e.g. `100% / 11.9` or `35% / 120 / 0.12 s`; `-` when no run finished. */
export function formatCell(g: GroupSummary | undefined, withTime: boolean): string {
  if (!g || g.runs === 0) return '-';
  const pct = `${Math.round(g.successRate * 100)}%`;
  if (!g.steps) return `${pct} / -`;
  const time = g.successSeconds ? formatSeconds(g.successSeconds.mean) : '-';
  if (g.steps.max === 0 && (g.optimizer === 'smt' || g.optimizer === 'sat')) return `${pct} / ${time}`;
  return withTime ? `${pct} / ${formatSteps(g.steps.mean)} / ${time}` : `${pct} / ${formatSteps(g.steps.mean)}`;
}

function label(summary: Summary, value: SweepValue | null): string {
  if (value === null) return summary.config.batch ?? 'result';
  return summary.sweep === 'batch' ? String(value) : `${summary.sweep}=${value}`;
}

function rows(summary: Summary, withReference: boolean): { header: string[]; body: string[][] } {
  const withTime = showsTime(summary);
  const hasReference = withReference && summary.groups.some((g) => g.reference);
  const header = ['method', ...summary.sweepValues.map((v) => label(summary, v)), 'wall'];
  const body = summary.optimizers.map((optimizer) => {
    let wall = 0;
    const cells = summary.sweepValues.map((value) => {
      const g = groupOf(summary, optimizer, value);
      wall += g?.totalSeconds ?? 0;
      const ref = hasReference && g?.reference ? ` [${formatReference(g.reference)}]` : '';
      return formatCell(g, withTime) + ref;
    });
    return [optimizer, ...cells, formatSeconds(wall)];
  });
  return { header, body };
}

/** A title line saying what was run and how to read the cells. */
export function tableCaption(summary: Summary): string {
  const c = summary.config;
  const runs = Object.keys(c.runsFor).length ? `${c.runs} runs (${Object.entries(c.runsFor).map(([k, v]) => `${k}: ${v}`).join(', ')})` : `${c.runs} runs`;
  const limit = c.timeLimitSeconds !== null ? `, ${c.timeLimitSeconds} s per run` : '';
  const cell = showsTime(summary) ? 'success% / mean steps / mean seconds of successful runs' : 'success% / mean steps of successful runs';
  const ref = summary.groups.some((g) => g.reference) ? '; [paper]' : '';
  return `${summary.program}: ${runs}, ${c.maxSteps !== null ? `max ${c.maxSteps} steps` : 'no step limit'}${limit}, seed ${c.seed}. Cells: ${cell}${ref}. ${summary.runs}/${summary.plannedRuns} runs, ${formatSeconds(summary.totalSeconds)} of runs in total.`;
}

/** A fixed-width text table for the terminal. */
export function formatTable(summary: Summary, withReference = true): string {
  const { header, body } = rows(summary, withReference);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [tableCaption(summary), '', line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** The same table in Markdown (for docs/BENCHMARKS.md). */
export function formatMarkdownTable(summary: Summary, withReference = true): string {
  const { header, body } = rows(summary, withReference);
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...body.map(line)].join('\n');
}
