// Small self-drawn SVG charts for the HTML report (no libraries, no network): category or numeric x,
// linear or log y, lines with markers, whiskers for spread, and a legend.

/** One series of a chart. `ys[i]` belongs to `xs[i]` (category index or number); null = no point. An empty name = no legend entry. */
export interface Series {
  readonly name: string;
  readonly color: string;
  readonly xs: readonly number[];
  readonly ys: readonly (number | null)[];
  /** Optional whiskers (low, high) per point. */
  readonly ranges?: readonly ({ readonly low: number; readonly high: number } | null)[];
  readonly dashed?: boolean;
  /** Draw markers at points (default true). */
  readonly markers?: boolean;
  /** The marker's shape (default a circle): series at the same values stay told apart. */
  readonly shape?: MarkerShape;
  /** Join the points with a line (default true). */
  readonly line?: boolean;
  /** Shown in the legend when the series has no point to draw (why it has none). */
  readonly emptyNote?: string;
}

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross';
/** Shapes given to series in turn. */
export const SHAPES: readonly MarkerShape[] = ['circle', 'square', 'triangle', 'diamond'];

/** A marker of `shape` centred at (x, y); hollow draws only its outline. */
function marker(shape: MarkerShape, x: number, y: number, color: string, hollow: boolean): string {
  const fill = hollow ? 'white' : color;
  const p = (pts: number[][]): string => pts.map(([dx, dy]) => `${(x + dx!).toFixed(1)},${(y + dy!).toFixed(1)}`).join(' ');
  switch (shape) {
    case 'square': return `<rect x="${(x - 3).toFixed(1)}" y="${(y - 3).toFixed(1)}" width="6" height="6" fill="${fill}" stroke="${color}"/>`;
    case 'triangle': return `<polygon points="${p([[0, -4], [3.6, 2.6], [-3.6, 2.6]])}" fill="${fill}" stroke="${color}"/>`;
    case 'diamond': return `<polygon points="${p([[0, -4], [4, 0], [0, 4], [-4, 0]])}" fill="${fill}" stroke="${color}"/>`;
    case 'cross': return `<path d="M${p([[-4, -4]])} L${p([[4, 4]])} M${p([[-4, 4]])} L${p([[4, -4]])}" stroke="${color}" stroke-width="2"/>`;
    default: return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3" fill="${fill}" stroke="${color}"/>`;
  }
}

/** A chart: title, axis labels, category or numeric x, linear or log y with optional bounds, its series and size in pixels. */
export interface ChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Category labels (x values are indices into it), or absent for a numeric x axis. */
  readonly categories?: readonly string[];
  readonly logY?: boolean;
  readonly yMin?: number;
  readonly yMax?: number;
  readonly series: readonly Series[];
  readonly width?: number;
  readonly height?: number;
}

/** A fixed palette that stays distinguishable for a dozen series. */
export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#637939'];

/** Escapes text for SVG and HTML. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fmt(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e4 || a < 1e-2) return x.toExponential(0);
  return String(Number(x.toPrecision(3)));
}

/** Round tick values covering [lo, hi]. */
function ticks(lo: number, hi: number, log: boolean): number[] {
  if (log) {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
    return out;
  }
  const span = hi - lo || 1;
  const step0 = 10 ** Math.floor(Math.log10(span / 5));
  const step = [1, 2, 5, 10].map((m) => m * step0).find((s) => span / s <= 6) ?? step0 * 10;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

/** Renders a chart as an `<svg>` element string. */
export function renderChart(spec: ChartSpec): string {
  const width = spec.width ?? 640;
  const height = spec.height ?? 320;
  const m = { left: 64, right: 190, top: 30, bottom: 46 };
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  const log = spec.logY ?? false;
  const values: number[] = [];
  for (const s of spec.series) {
    s.ys.forEach((y, i) => {
      if (y !== null && Number.isFinite(y) && (!log || y > 0)) values.push(y);
      const r = s.ranges?.[i];
      if (r) for (const v of [r.low, r.high]) if (Number.isFinite(v) && (!log || v > 0)) values.push(v);
    });
  }
  let yLo = spec.yMin ?? (values.length ? Math.min(...values) : 0);
  let yHi = spec.yMax ?? (values.length ? Math.max(...values) : 1);
  if (log) {
    yLo = 10 ** Math.floor(Math.log10(Math.max(yLo, 1e-12)));
    yHi = 10 ** Math.ceil(Math.log10(Math.max(yHi, yLo * 10)));
  } else if (yHi <= yLo) yHi = yLo + 1;
  const cats = spec.categories;
  const xsAll = spec.series.flatMap((s) => s.xs);
  const xLo = cats ? -0.5 : Math.min(0, ...xsAll);
  const xHi = cats ? cats.length - 0.5 : Math.max(1, ...xsAll);
  const X = (x: number): number => m.left + ((x - xLo) / (xHi - xLo)) * pw;
  const Y = (y: number): number => {
    const t = log ? (Math.log10(y) - Math.log10(yLo)) / (Math.log10(yHi) - Math.log10(yLo)) : (y - yLo) / (yHi - yLo);
    return m.top + ph - t * ph;
  };
  const out: string[] = [];
  out.push(`<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`);
  out.push(`<text x="${m.left}" y="18" font-size="13" font-weight="bold">${esc(spec.title)}</text>`);
  for (const t of ticks(yLo, yHi, log)) {
    const y = Y(t).toFixed(1);
    out.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${y}" y2="${y}" stroke="#ddd"/>`);
    out.push(`<text x="${m.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${fmt(t)}</text>`);
  }
  const xTicks = cats ? cats.map((_, i) => i) : ticks(xLo, xHi, false);
  for (const t of xTicks) {
    const x = X(t).toFixed(1);
    out.push(`<text x="${x}" y="${m.top + ph + 16}" text-anchor="middle">${esc(cats ? cats[t]! : fmt(t))}</text>`);
  }
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`);
  out.push(`<text x="${m.left + pw / 2}" y="${height - 8}" text-anchor="middle">${esc(spec.xLabel)}</text>`);
  out.push(`<text transform="translate(14 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">${esc(spec.yLabel)}</text>`);
  let legendRow = 0;
  spec.series.forEach((s) => {
    const ok = (y: number | null): y is number => y !== null && Number.isFinite(y) && (!log || y > 0);
    const dash = s.dashed ? ' stroke-dasharray="5 4"' : '';
    // A break in the data (null) breaks the line.
    let path = '';
    let pen = false;
    s.ys.forEach((y, i) => {
      if (!ok(y)) return void (pen = false);
      path += `${pen ? 'L' : 'M'}${X(s.xs[i]!).toFixed(1)} ${Y(y).toFixed(1)} `;
      pen = true;
    });
    if (path && s.line !== false) out.push(`<path d="${path.trim()}" fill="none" stroke="${s.color}" stroke-width="1.8"${dash}/>`);
    s.ys.forEach((y, i) => {
      const r = s.ranges?.[i];
      const x = X(s.xs[i]!).toFixed(1);
      if (r && ok(r.low) && ok(r.high)) out.push(`<line x1="${x}" x2="${x}" y1="${Y(r.low).toFixed(1)}" y2="${Y(r.high).toFixed(1)}" stroke="${s.color}" stroke-width="1" opacity="0.7"/>`);
      if (ok(y) && s.markers !== false) out.push(marker(s.shape ?? 'circle', X(s.xs[i]!), Y(y), s.color, s.dashed === true));
    });
    if (s.name === '') return; // an unnamed series shares an earlier entry of the legend
    const ly = m.top + 8 + legendRow++ * 16;
    const lx = m.left + pw + 12;
    if (s.line !== false) out.push(`<line x1="${lx}" x2="${lx + 18}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"${dash}/>`);
    if (s.markers !== false) out.push(marker(s.shape ?? 'circle', lx + 9, ly, s.color, s.dashed === true));
    const empty = !path && s.emptyNote;
    out.push(`<text x="${lx + 24}" y="${ly}" dominant-baseline="middle"${empty ? ' fill="#888"' : ''}>${esc(s.name)}</text>`);
    if (empty) out.push(`<text x="${lx + 24}" y="${ly + 12}" font-size="9" fill="#888">${esc(s.emptyNote!)}</text>`), legendRow++;
  });
  out.push('</svg>');
  return out.join('\n');
}
