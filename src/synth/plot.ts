// A picture of a trained program on its data, as an SVG string: for one real Input and one real Output,
// the data points and the fitted curve; for a 2-D real Input and a discrete Output (a classifier), the
// decision regions under the points. The model is evaluated by the exact interpreter on a grid.
import { DONT_CARE, type Dataset, type Example } from '../data/dataset.ts';
import { runExact } from '../exact/interpret.ts';
import type { Sketch } from '../sketch/load.ts';
import type { SketchSynthesis } from './run-sketch.ts';

const W = 560, H = 400, M = { left: 56, right: 16, top: 36, bottom: 40 };
const PALETTE = ['#4e79a7', '#e15759', '#59a14f', '#f28e2b', '#b07aa1', '#76b7b2'];

/** Why a program cannot be pictured. */
export class PlotError extends Error {}

/** Pictures `s` (the reported parameters of a run) on the sketch's data. */
export function plotSynthesis(sketch: Sketch, s: Pick<SketchSynthesis, 'net' | 'assignment' | 'params'>): string {
  return plotFit(sketch, s.assignment, s.net?.realParams ?? new Float64Array(0), caption(sketch, s));
}

function caption(sketch: Sketch, s: Pick<SketchSynthesis, 'net' | 'assignment' | 'params'>): string {
  const discrete = Object.entries(s.params).filter(([name]) => sketch.program.groups.some((g) => g.role === 'param' && g.name === name));
  const chosen = discrete.map(([name, v]) => `${name} = ${JSON.stringify(v)}`).join(', ');
  const quality = s.net ? `accuracy ${(100 * s.net.accuracy).toFixed(1)}%, loss ${s.net.dataLoss.toPrecision(3)}` : '';
  return [sketch.program.file.replace(/^.*\//, ''), chosen, quality].filter((x) => x).join('  ·  ');
}

/** Pictures the program with Params `assignment` (by variable id) and real Params `real`. */
export function plotFit(sketch: Sketch, assignment: ArrayLike<number>, real: ArrayLike<number>, title = ''): string {
  const { program, dataset } = sketch;
  const tensors = program.real?.tensors ?? [];
  const inputs = (dataset.realInputs ?? []).map((id) => tensors[id]!);
  const outputs = (dataset.realOutputs ?? []).map((id) => tensors[id]!);
  if (dataset.inputVars.length > 0 || inputs.length !== 1) throw new PlotError('plotting needs exactly one real Input and no discrete Inputs');
  const run = (points: number[][]): ReturnType<typeof runExact> => runExact(program, gridDataset(dataset, points), assignment, real);
  if (inputs[0]!.size === 1 && outputs.length === 1 && outputs[0]!.size === 1) return curve(dataset, run, title);
  if (inputs[0]!.size === 2 && outputs.length === 0 && dataset.observedVars.length === 1) return regions(sketch, run, title);
  throw new PlotError('plotting supports a scalar real Input with a scalar real Output, or a 2-D real Input with one discrete Output');
}

/** Examples at `points` (real input values) with nothing observed. */
function gridDataset(dataset: Dataset, points: number[][]): Dataset {
  const examples: Example[] = points.map((p, i) => ({
    name: `grid[${i}]`,
    inputs: new Int32Array(0),
    expected: new Int32Array(dataset.observedVars.length).fill(DONT_CARE),
    realInputs: Float64Array.from(p),
    realExpected: new Float64Array(dataset.examples[0]?.realExpected?.length ?? 0).fill(Number.NaN),
  }));
  return { ...dataset, examples };
}

interface Scale {
  (v: number): number;
  readonly lo: number;
  readonly hi: number;
}

function scale(values: number[], from: number, to: number): Scale {
  let lo = Math.min(...values), hi = Math.max(...values);
  if (!(hi > lo)) [lo, hi] = [lo - 1, hi + 1];
  const pad = 0.05 * (hi - lo);
  [lo, hi] = [lo - pad, hi + pad];
  return Object.assign((v: number) => from + ((v - lo) / (hi - lo)) * (to - from), { lo, hi });
}

const n = (v: number): string => (Math.round(v * 10) / 10).toString();

function frame(x: Scale, y: Scale, title: string, body: string[]): string {
  const ticks = (s: Scale): number[] => Array.from({ length: 5 }, (_, i) => s.lo + ((i + 0.5) * (s.hi - s.lo)) / 5);
  const label = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));
  const axes = [
    `<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#888"/>`,
    ...ticks(x).map((v) => `<text x="${n(x(v))}" y="${H - M.bottom + 16}" text-anchor="middle">${label(v)}</text>`),
    ...ticks(y).map((v) => `<text x="${M.left - 6}" y="${n(y(v) + 4)}" text-anchor="end">${label(v)}</text>`),
    `<text x="${W / 2}" y="20" text-anchor="middle" font-weight="bold">${escape(title)}</text>`,
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    ...body,
    ...axes,
    '</svg>',
    '',
  ].join('\n');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function curve(dataset: Dataset, run: (points: number[][]) => ReturnType<typeof runExact>, title: string): string {
  const xs = dataset.examples.map((e) => e.realInputs![0]!);
  const ts = dataset.examples.map((e) => e.realExpected![0]!);
  const lo = Math.min(...xs), hi = Math.max(...xs);
  const grid = Array.from({ length: 201 }, (_, i) => lo + ((hi - lo) * i) / 200);
  const fitted = run(grid.map((g) => [g])).examples.map((e) => e.realOutputs![0]!);
  const x = scale(xs, M.left, W - M.right);
  const y = scale([...ts.filter((t) => !Number.isNaN(t)), ...fitted.filter(Number.isFinite)], H - M.bottom, M.top);
  const path = grid.map((g, i) => (Number.isFinite(fitted[i]!) ? `${i === 0 ? 'M' : 'L'}${n(x(g))},${n(y(fitted[i]!))}` : '')).join(' ');
  const points = xs.map((v, i) => (Number.isNaN(ts[i]!) ? '' : `<circle cx="${n(x(v))}" cy="${n(y(ts[i]!))}" r="3" fill="${PALETTE[0]}" fill-opacity="0.7"/>`));
  return frame(x, y, title, [...points, `<path d="${path}" fill="none" stroke="${PALETTE[1]}" stroke-width="2"/>`]);
}

function regions(sketch: Sketch, run: (points: number[][]) => ReturnType<typeof runExact>, title: string): string {
  const { dataset } = sketch;
  const target = dataset.observedVars[0]!;
  const pts = dataset.examples.map((e) => [e.realInputs![0]!, e.realInputs![1]!] as const);
  const x = scale(pts.map((p) => p[0]), M.left, W - M.right);
  const y = scale(pts.map((p) => p[1]), H - M.bottom, M.top);
  const cells = 60;
  const grid: number[][] = [];
  for (let j = 0; j < cells; j++) for (let i = 0; i < cells; i++) grid.push([x.lo + ((i + 0.5) * (x.hi - x.lo)) / cells, y.lo + ((j + 0.5) * (y.hi - y.lo)) / cells]);
  const classes = run(grid).examples.map((e) => e.values[target]!);
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
  const predicted = run(pts.map((p) => [...p])).examples.map((e) => e.values[target]!);
  pts.forEach(([px, py], i) => {
    const want = dataset.examples[i]!.expected[0]!;
    const wrong = want !== DONT_CARE && predicted[i] !== want;
    body.push(`<circle cx="${n(x(px))}" cy="${n(y(py))}" r="3.5" fill="${PALETTE[Math.max(0, want) % PALETTE.length]}" stroke="${wrong ? 'black' : 'white'}" stroke-width="${wrong ? 1.5 : 0.5}"/>`);
  });
  return frame(x, y, title, body);
}
