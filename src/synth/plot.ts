// A picture of a trained program on its data, as an SVG string: for one real Input and one real Output,
// the data points and the fitted curve(s); for a 2-D real Input and a discrete Output (a classifier), the
// decision regions under the points. The model is evaluated by the exact interpreter on a grid.
import { DONT_CARE, type Dataset, type Example } from '../data/dataset.ts';
import { runExact } from '../exact/interpret.ts';
import { groupKey } from '../data/values.ts';
import type { Sketch } from '../sketch/sketch.ts';
import type { SketchSynthesis } from './run-sketch.ts';
import { frame, H, M, n, PALETTE, scale, W, type AxisNames, type LegendEntry } from './plot-frame.ts';

/** Why a program cannot be pictured. */
export class PlotError extends Error {}

/** The two kinds of picture: a curve through the points, or decision regions under them. */
export type PlotShape = 'curve' | 'regions';

/** One trained model to draw: Params by variable id, the real Params, and an optional legend entry and colour. */
export interface FitToPlot {
  readonly assignment: ArrayLike<number>;
  readonly real: ArrayLike<number>;
  readonly label?: string;
  readonly color?: string;
}

/** How `sketch` can be pictured, or null when it cannot (see {@link plotFit} for why). */
export function plotShape(sketch: Sketch): PlotShape | null {
  const shape = shapeOf(sketch);
  return shape instanceof PlotError ? null : shape;
}

function shapeOf(sketch: Sketch): PlotShape | PlotError {
  const { program, dataset } = sketch;
  const tensors = program.real?.tensors ?? [];
  const inputs = (dataset.realInputs ?? []).map((id) => tensors[id]!);
  const outputs = (dataset.realOutputs ?? []).map((id) => tensors[id]!);
  if (dataset.inputVars.length > 0 || inputs.length !== 1) return new PlotError('plotting needs exactly one real Input and no discrete Inputs');
  if (inputs[0]!.size === 1 && outputs.length === 1 && outputs[0]!.size === 1) return 'curve';
  if (inputs[0]!.size === 2 && outputs.length === 0 && dataset.observedVars.length === 1) return 'regions';
  return new PlotError('plotting supports a scalar real Input with a scalar real Output, or a 2-D real Input with one discrete Output');
}

/** Pictures `s` (the reported parameters of a run) on the sketch's data. */
export function plotSynthesis(sketch: Sketch, s: Pick<SketchSynthesis, 'net' | 'assignment' | 'params'>): string {
  return plotFit(sketch, s.assignment, s.net?.realParams ?? new Float64Array(0), caption(sketch, s));
}

function caption(sketch: Sketch, s: Pick<SketchSynthesis, 'net' | 'assignment' | 'params'>): string {
  const discrete = Object.entries(s.params).filter(([name]) => sketch.program.groups.some((g) => g.role === 'param' && groupKey(g) === name));
  const chosen = discrete.map(([name, v]) => `${name} = ${JSON.stringify(v)}`).join(', ');
  const quality = s.net ? `accuracy ${(100 * s.net.accuracy).toFixed(1)}%, loss ${s.net.dataLoss.toPrecision(3)}` : '';
  return [sketch.program.file.replace(/^.*\//, ''), chosen, quality].filter((x) => x).join('  ·  ');
}

/** Pictures the program with Params `assignment` (by variable id) and real Params `real`; throws {@link PlotError}. */
export function plotFit(sketch: Sketch, assignment: ArrayLike<number>, real: ArrayLike<number>, title = ''): string {
  const shape = shapeOf(sketch);
  if (shape instanceof PlotError) throw shape;
  const fit = { assignment, real };
  return shape === 'curve' ? curves(sketch, [fit], title) : regions(sketch, fit, title);
}

/**
 * The data points and the fitted curve of every fit, for a scalar real Input and Output (else
 * {@link PlotError}); labelled fits get a legend row under the plot.
 */
export function plotCurves(sketch: Sketch, fits: readonly FitToPlot[], title = ''): string {
  const shape = shapeOf(sketch);
  if (shape !== 'curve') throw shape instanceof PlotError ? shape : new PlotError('curves need a scalar real Input and a scalar real Output');
  return curves(sketch, fits, title);
}

type Run = (fit: FitToPlot, points: number[][]) => ReturnType<typeof runExact>;

/** Runs the model of `fit` on examples at `points` (real input values) with nothing observed. */
function runner(sketch: Sketch): Run {
  const { program, dataset } = sketch;
  const outputs = dataset.examples[0]?.realExpected?.length ?? 0;
  return (fit, points) => {
    const examples: Example[] = points.map((p, i) => ({
      name: `grid[${i}]`,
      inputs: new Int32Array(0),
      expected: new Int32Array(dataset.observedVars.length).fill(DONT_CARE),
      realInputs: Float64Array.from(p),
      realExpected: new Float64Array(outputs).fill(Number.NaN),
    }));
    const grid: Dataset = { ...dataset, examples };
    return runExact(program, grid, fit.assignment, fit.real);
  };
}

function curves(sketch: Sketch, fits: readonly FitToPlot[], title: string): string {
  const { dataset } = sketch;
  const run = runner(sketch);
  const xs = dataset.examples.map((e) => e.realInputs![0]!);
  const ts = dataset.examples.map((e) => e.realExpected![0]!);
  const lo = Math.min(...xs), hi = Math.max(...xs);
  const grid = Array.from({ length: 201 }, (_, i) => lo + ((hi - lo) * i) / 200);
  const fitted = fits.map((f) => run(f, grid.map((g) => [g])).examples.map((e) => e.realOutputs![0]!));
  const x = scale(xs, M.left, W - M.right);
  // The curves widen the y range by at most the data's span each way: a wild curve is cut off at the
  // frame rather than squashing the points flat.
  const data = ts.filter((t) => !Number.isNaN(t));
  const dLo = Math.min(...data), dHi = Math.max(...data), span = dHi - dLo || 1;
  const within = (v: number): number => (data.length === 0 ? v : Math.min(dHi + span, Math.max(dLo - span, v)));
  const shown = fitted.flat().filter((v) => Number.isFinite(v)).map(within);
  const y = scale([...data, ...shown], H - M.bottom, M.top);
  const colorOf = (f: FitToPlot, k: number): string => f.color ?? PALETTE[(k + 1) % PALETTE.length]!;
  const paths = fits.map((f, k) => {
    let d = '', pen = false;
    grid.forEach((g, i) => {
      const v = fitted[k]![i]!;
      if (!(v >= y.lo && v <= y.hi)) return void (pen = false); // off the frame, or not a number
      d += `${pen ? 'L' : 'M'}${n(x(g))},${n(y(v))} `;
      pen = true;
    });
    return `<path d="${d.trim()}" fill="none" stroke="${colorOf(f, k)}" stroke-width="2"/>`;
  });
  const pointColor = fits.length === 1 ? PALETTE[0] : '#333';
  const points = xs.map((v, i) => (Number.isNaN(ts[i]!) ? '' : `<circle cx="${n(x(v))}" cy="${n(y(ts[i]!))}" r="3" fill="${pointColor}" fill-opacity="0.7"/>`));
  const legend: LegendEntry[] = fits.flatMap((f, k) => (f.label ? [{ color: colorOf(f, k), text: f.label }] : []));
  // Points over the curves, so that no curve hides the data.
  return frame(x, y, title, [...paths, ...points], axisNames(sketch), legend);
}

function regions(sketch: Sketch, fit: FitToPlot, title: string): string {
  const { dataset } = sketch;
  const run = runner(sketch);
  const target = dataset.observedVars[0]!;
  const pts = dataset.examples.map((e) => [e.realInputs![0]!, e.realInputs![1]!] as const);
  const x = scale(pts.map((p) => p[0]), M.left, W - M.right);
  const y = scale(pts.map((p) => p[1]), H - M.bottom, M.top);
  const cells = 60;
  const grid: number[][] = [];
  for (let j = 0; j < cells; j++) for (let i = 0; i < cells; i++) grid.push([x.lo + ((i + 0.5) * (x.hi - x.lo)) / cells, y.lo + ((j + 0.5) * (y.hi - y.lo)) / cells]);
  const classes = run(fit, grid).examples.map((e) => e.values[target]!);
  const cw = (W - M.left - M.right) / cells, ch = (H - M.top - M.bottom) / cells;
  // One rectangle per run of equal classes along a row keeps the file small.
  const body: string[] = [];
  for (let j = 0; j < cells; j++) {
    for (let i = 0; i < cells; ) {
      const c = classes[j * cells + i]!;
      let end = i + 1;
      while (end < cells && classes[j * cells + end] === c) end++;
      const left = x(grid[j * cells + i]![0]!) - cw / 2, top = y(grid[j * cells + i]![1]!) - ch / 2;
      const fill = c < 0 ? '#eee' : PALETTE[c % PALETTE.length];
      body.push(`<rect x="${n(left)}" y="${n(top)}" width="${n(cw * (end - i))}" height="${n(ch)}" fill="${fill}" fill-opacity="0.25" shape-rendering="crispEdges"/>`);
      i = end;
    }
  }
  const predicted = run(fit, pts.map((p) => [...p])).examples.map((e) => e.values[target]!);
  pts.forEach(([px, py], i) => {
    const want = dataset.examples[i]!.expected[0]!;
    const wrong = want !== DONT_CARE && predicted[i] !== want;
    body.push(`<circle cx="${n(x(px))}" cy="${n(y(py))}" r="3.5" fill="${PALETTE[Math.max(0, want) % PALETTE.length]}" stroke="${wrong ? 'black' : 'white'}" stroke-width="${wrong ? 1.5 : 0.5}"/>`);
  });
  return frame(x, y, title, body, axisNames(sketch));
}

/** The real Input along x and the real Output along y; or the two entries of a 2-D Input. */
function axisNames(sketch: Sketch): AxisNames {
  const { program, dataset } = sketch;
  const tensors = program.real?.tensors ?? [];
  const input = tensors[dataset.realInputs![0]!]!.name;
  const output = dataset.realOutputs?.[0];
  return output === undefined ? { x: `${input}[0]`, y: `${input}[1]` } : { x: input, y: tensors[output]!.name };
}
