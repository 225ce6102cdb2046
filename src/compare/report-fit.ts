// The Fit section of report.html for programs with real values: the data with the fitted curve of every
// method's best run (decision regions, for a 2-D classifier), drawn by src/synth/plot.ts from the Params
// the records keep. Empty when no record keeps any (discrete programs, records older than `fit`).
import { paramsFromJson } from '../data/params.ts';
import type { Sketch } from '../sketch/sketch.ts';
import { describeFit } from '../synth/fit-label.ts';
import { shownLoss } from '../synth/net-report.ts';
import { plotCurves, plotFit, plotShape, type FitToPlot } from '../synth/plot.ts';
import type { SweepValue } from './config.ts';
import { SketchCache, type RunRecord, type SketchLoader } from './record.ts';
import { labelOf } from './report-html.ts';
import { esc, PALETTE } from './svg.ts';
import type { Summary } from './summary.ts';

/** Pictures drawn at most; later sweep values are left out. */
const MAX_PICTURES = 6;

/** The run of `optimizer` at `value` to draw: solved first, then most examples right, lowest data loss, earliest run. */
export function bestFitRun(records: readonly RunRecord[], optimizer: string, value: SweepValue | null): RunRecord | undefined {
  const loss = (r: RunRecord): number => r.fit?.dataLoss ?? Infinity;
  return records
    .filter((r) => r.fit && r.optimizer === optimizer && String(r.sweepValue) === String(value))
    .sort((a, b) => Number(b.success) - Number(a.success) || b.examplesSolved - a.examplesSolved || loss(a) - loss(b) || a.run - b.run)[0];
}

type Fit = FitToPlot & { readonly record: RunRecord };

/** The section's HTML (heading, caption, pictures), or '' when no record keeps its fit. */
export function fitSection(summary: Summary, records: readonly RunRecord[], load: SketchLoader): string {
  if (!records.some((r) => r.fit)) return '';
  const sketches = new SketchCache(summary.config, load);
  const file = summary.program.replace(/^.*\//, '');
  const notes: string[] = [];
  const pictures: string[] = [];
  for (const value of summary.sweepValues) {
    if (pictures.length >= MAX_PICTURES) break;
    const where = value === null && summary.config.batch === null ? file : `${file} · ${labelOf(summary, value)}`;
    let sketch: Sketch;
    try {
      sketch = sketches.get(value);
    } catch (e) {
      // E.g. a merge where the program is not at hand: the records stay, the pictures cannot be drawn.
      notes.push(`${where}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    const fits = bestFits(summary, records, sketch, value, (o) => notes.push(`${where}, ${o}: the kept Params do not fit the program (changed since the runs?)`));
    const shape = plotShape(sketch);
    if (shape === null || fits.length === 0) continue;
    if (shape === 'curve') pictures.push(inline(plotCurves(sketch, fits, where)));
    else for (const f of fits.slice(0, MAX_PICTURES - pictures.length)) pictures.push(inline(plotFit(sketch, f.assignment, f.real, `${where} · ${runName(f.record, true)}`)));
  }
  if (pictures.length === 0 && notes.length === 0) return '';
  return `<h2>Fit</h2>
<p>The data with the model of each method's best run (solved first, then most examples right, then lowest data loss), evaluated by the exact interpreter: fitted curves, each labelled with the run, its data loss, the discrete Params and the real Params the chosen branches use; or decision regions, wrongly classified points ringed in black.</p>
${notes.map((n) => `<p class="ref">No picture for ${esc(n)}</p>`).join('\n')}
<div class="charts">
${pictures.join('\n')}
</div>`;
}

/** The best run of every method at `value` with its decoded Params, coloured as in the other charts. */
function bestFits(summary: Summary, records: readonly RunRecord[], sketch: Sketch, value: SweepValue | null, misfit: (optimizer: string) => void): Fit[] {
  const fits: Fit[] = [];
  summary.optimizers.forEach((o, k) => {
    const record = bestFitRun(records, o, value);
    if (!record) return;
    const decoded = paramsFromJson(sketch.program, record.fit!.params, []);
    if (!decoded) return misfit(o);
    const what = describeFit(sketch.program, decoded.assignment, decoded.real);
    fits.push({ ...decoded, record, color: PALETTE[k % PALETTE.length]!, label: [runName(record), what].filter((x) => x).join(': ') });
  });
  return fits;
}

/** `ste run 3 (solved), loss 1.1e-4`; with `right`, also the examples it gets right (for a classifier). */
function runName(r: RunRecord, right = false): string {
  const loss = r.fit?.dataLoss === null || r.fit?.dataLoss === undefined ? r.fit?.dataLoss : shownLoss(r.fit.dataLoss);
  const shown = loss === null || loss === undefined ? 'n/a' : Math.abs(loss) < 1e-3 && loss !== 0 ? loss.toExponential(1) : loss.toPrecision(2);
  return `${r.optimizer} run ${r.run}${r.success ? ' (solved)' : ''}${right ? `, ${r.examplesSolved}/${r.examples} right` : ''}, loss ${shown}`;
}

/** An SVG file's text as an element of the page: HTML needs no namespace, and the page names no URL at all. */
function inline(svg: string): string {
  return svg.replace(' xmlns="http://www.w3.org/2000/svg"', '').trimEnd();
}
