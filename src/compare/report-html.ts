// report.html: one self-contained page (inline CSS and SVG, no scripts, no network) with the table,
// success rate against the swept value, steps to success with their spread, a few loss curves, and
// for programs with real values the fit (report-fit.ts).
import type { SweepValue } from './config.ts';
import type { RunRecord } from './record.ts';
import { formatReference } from './reference.ts';
import { esc, PALETTE, renderChart, SHAPES, type Series } from './svg.ts';
import { groupOf, type Summary } from './summary.ts';
import { formatCell, formatSeconds, tableCaption } from './table.ts';

/** Sweep values shown as loss-curve panels at most. */
const CURVE_PANELS = 6;

/** How a sweep value is named in headings: `K=8`, a batch name, or the batch of an unswept comparison. */
export function labelOf(summary: Summary, v: SweepValue | null): string {
  if (v === null) return summary.config.batch ?? 'result';
  return summary.sweep === 'batch' ? String(v) : `${summary.sweep}=${v}`;
}

function tableHtml(summary: Summary): string {
  const withTime = summary.sweep === 'batch' || summary.groups.some((g) => g.reference && g.reference.kind !== 'steps');
  const head = ['method', ...summary.sweepValues.map((v) => labelOf(summary, v)), 'wall'].map((h) => `<th>${esc(h)}</th>`).join('');
  const rows = summary.optimizers.map((o) => {
    let wall = 0;
    const cells = summary.sweepValues.map((v) => {
      const g = groupOf(summary, o, v);
      wall += g?.totalSeconds ?? 0;
      const ref = g?.reference ? `<br><span class="ref">paper ${esc(formatReference(g.reference))}</span>` : '';
      const spreadText = g?.steps && g.steps.n > 1 ? ` title="steps: median ${g.steps.median}, min ${g.steps.min}, max ${g.steps.max}, sd ${g.steps.sd.toFixed(1)}"` : '';
      return `<td${spreadText}>${esc(formatCell(g, withTime))}${ref}</td>`;
    });
    return `<tr><th>${esc(o)}</th>${cells.join('')}<td>${esc(formatSeconds(wall))}</td></tr>`;
  });
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

/** Where method `k` of `count` sits around each category: methods at the same value stay visible side by side. */
function offsetXs(xs: readonly number[], k: number, count: number): number[] {
  return xs.map((x) => x + (k - (count - 1) / 2) * 0.06);
}

function successChart(summary: Summary): string {
  const categories = summary.sweepValues.map((v) => labelOf(summary, v));
  const count = summary.optimizers.length;
  const series: Series[] = [];
  summary.optimizers.forEach((o, k) => {
    const color = PALETTE[k % PALETTE.length]!;
    const shape = SHAPES[k % SHAPES.length]!;
    const xs = offsetXs(categories.map((_, i) => i), k, count);
    const groups = summary.sweepValues.map((v) => groupOf(summary, o, v));
    series.push({ name: o, color, shape, xs, ys: groups.map((g) => (g && g.runs > 0 ? 100 * g.successRate : null)) });
    const refs = groups.map((g) => (g?.reference && g.reference.kind !== 'unsolved' ? g.reference.successPct : null));
    if (refs.some((r) => r !== null)) series.push({ name: `${o} (paper)`, color, shape, xs, ys: refs, dashed: true });
    // The paper's "x" (not solved within its time limit) is no success rate: a cross at 0, not a point of the line.
    const unsolved = groups.map((g) => (g?.reference?.kind === 'unsolved' ? 0 : null));
    if (unsolved.some((r) => r !== null)) series.push({ name: `${o} (paper: unsolved, ×)`, color, shape: 'cross', xs, ys: unsolved, line: false });
  });
  return renderChart({ title: 'Success rate', xLabel: summary.sweep ?? '', yLabel: 'success %', categories, yMin: 0, yMax: 100, series });
}

function stepsChart(summary: Summary): string {
  const categories = summary.sweepValues.map((v) => labelOf(summary, v));
  const count = summary.optimizers.length;
  const series: Series[] = summary.optimizers.map((o, k) => {
    const groups = summary.sweepValues.map((v) => groupOf(summary, o, v));
    return {
      name: o,
      color: PALETTE[k % PALETTE.length]!,
      shape: SHAPES[k % SHAPES.length]!,
      xs: offsetXs(categories.map((_, i) => i), k, count),
      ys: groups.map((g) => (g?.steps && g.steps.mean > 0 ? g.steps.mean : null)),
      ranges: groups.map((g) => (g?.steps ? { low: Math.max(g.steps.min, 0.5), high: g.steps.max } : null)),
      emptyNote: o === 'smt' ? 'no steps: Z3 does not search by steps (time in the table)' : 'no run solved',
    };
  });
  return renderChart({ title: 'Steps to success (mean; whiskers min to max)', xLabel: summary.sweep ?? '', yLabel: 'steps (log)', categories, logY: true, series });
}

function curveCharts(summary: Summary, records: readonly RunRecord[]): string[] {
  const withCurves = summary.sweepValues.filter((v) => records.some((r) => String(r.sweepValue) === String(v) && r.lossCurve));
  const step = Math.max(1, Math.ceil(withCurves.length / CURVE_PANELS));
  const panels = withCurves.filter((_, i) => i % step === 0 || i === withCurves.length - 1);
  return panels.map((v) => {
    const series: Series[] = [];
    summary.optimizers.forEach((o, k) => {
      const runs = records.filter((r) => r.optimizer === o && String(r.sweepValue) === String(v) && r.lossCurve).sort((a, b) => a.run - b.run);
      runs.forEach((r, j) => {
        const c = r.lossCurve!;
        series.push({ name: j === 0 ? o : '', color: PALETTE[k % PALETTE.length]!, xs: c.steps, ys: c.losses, markers: false, dashed: j > 0 });
      });
    });
    return renderChart({ title: `Loss curves, ${labelOf(summary, v)}`, xLabel: 'step', yLabel: 'loss', yMin: 0, series, width: 560, height: 280 });
  });
}

/** The report's styles for its content (the page's own body rule aside), so a host page can show {@link reportBody} alike. */
export const REPORT_CSS = `table { border-collapse: collapse; font-size: 13px; margin: 12px 0; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: right; vertical-align: top; }
tbody th, thead th:first-child { text-align: left; }
.ref { color: #777; font-size: 11px; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
pre { background: #f6f6f6; padding: 8px; font-size: 12px; overflow: auto; }`;

/** The report's content below its title: caption, table, charts, loss curves, `fitHtml` (report-fit.ts), configuration. */
export function reportBody(summary: Summary, records: readonly RunRecord[], fitHtml = ''): string {
  const curves = curveCharts(summary, records);
  const configText = JSON.stringify(summary.config, null, 2);
  return `<p>${esc(tableCaption(summary))}</p>
${tableHtml(summary)}
<div class="charts">
${successChart(summary)}
${stepsChart(summary)}
</div>
<h2>Loss curves</h2>
<p>Loss at each step of the first runs of every method (downsampled); later runs dashed.</p>
<div class="charts">
${curves.join('\n') || '<p>No loss curves recorded.</p>'}
</div>
${fitHtml}
<h2>Configuration</h2>
<pre>${esc(configText)}</pre>
${summary.referenceSource ? `<p class="ref">Reference numbers: ${esc(summary.referenceSource)}</p>` : ''}`;
}

/** The whole report page; `fitHtml` is the Fit section (see report-fit.ts), '' for none. */
export function renderReport(summary: Summary, records: readonly RunRecord[], fitHtml = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tpt compare: ${esc(summary.program)}</title>
<style>
body { font-family: sans-serif; margin: 24px; color: #222; max-width: 1400px; }
${REPORT_CSS}
</style></head>
<body>
<h1>tpt compare: ${esc(summary.program)}</h1>
${reportBody(summary, records, fitHtml)}
</body></html>
`;
}
