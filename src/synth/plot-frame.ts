// The frame shared by the pictures of plot.ts: data-to-pixel scales, axes with tick labels and axis
// names, a title, and an optional legend below the plot area (one row per labelled curve).

export const W = 560, H = 400, M = { left: 66, right: 16, top: 36, bottom: 52 };
export const PALETTE = ['#4e79a7', '#e15759', '#59a14f', '#f28e2b', '#b07aa1', '#76b7b2'];
const LEGEND_ROW = 16;

/** Maps data values in [lo, hi] (padded by 5%) to pixels. */
export interface Scale {
  (v: number): number;
  readonly lo: number;
  readonly hi: number;
}

export function scale(values: number[], from: number, to: number): Scale {
  let lo = Math.min(...values), hi = Math.max(...values);
  if (!(hi > lo)) [lo, hi] = [lo - 1, hi + 1];
  const pad = 0.05 * (hi - lo);
  [lo, hi] = [lo - pad, hi + pad];
  return Object.assign((v: number) => from + ((v - lo) / (hi - lo)) * (to - from), { lo, hi });
}

/** A pixel coordinate with one decimal: enough on screen, and it keeps the files small. */
export const n = (v: number): string => (Math.round(v * 10) / 10).toString();

export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One legend row: a line of `color` and its text. */
export interface LegendEntry {
  readonly color: string;
  readonly text: string;
}

/** What the axes show, e.g. the real Input's and the real Output's names. */
export interface AxisNames {
  readonly x: string;
  readonly y: string;
}

/** The whole SVG: `body` drawn inside the axes, `legend` rows under them (the picture grows to fit). */
export function frame(x: Scale, y: Scale, title: string, body: string[], names: AxisNames, legend: readonly LegendEntry[] = []): string {
  const rows = legendRows(legend);
  const height = H + (rows.length > 0 ? rows.length * LEGEND_ROW + 4 : 0);
  const ticks = (s: Scale): number[] => Array.from({ length: 5 }, (_, i) => s.lo + ((i + 0.5) * (s.hi - s.lo)) / 5);
  const label = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2)).replace(/^-(0\.?0*)$/, '$1');
  const axes = [
    `<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#888"/>`,
    ...ticks(x).map((v) => `<text x="${n(x(v))}" y="${H - M.bottom + 16}" text-anchor="middle">${label(v)}</text>`),
    ...ticks(y).map((v) => `<text x="${M.left - 6}" y="${n(y(v) + 4)}" text-anchor="end">${label(v)}</text>`),
    `<text x="${W / 2}" y="20" text-anchor="middle" font-weight="bold">${escape(title)}</text>`,
    `<text x="${n((M.left + W - M.right) / 2)}" y="${H - 16}" text-anchor="middle">${escape(names.x)}</text>`,
    `<text transform="translate(14 ${n((M.top + H - M.bottom) / 2)}) rotate(-90)" text-anchor="middle">${escape(names.y)}</text>`,
  ];
  const key = rows.flatMap((row, i) => {
    const ly = H - 4 + i * LEGEND_ROW;
    const line = row.color ? [`<line x1="${M.left}" x2="${M.left + 18}" y1="${ly}" y2="${ly}" stroke="${row.color}" stroke-width="2"/>`] : [];
    return [...line, `<text x="${M.left + (row.color ? 24 : 36)}" y="${ly + 4}">${escape(row.text)}</text>`];
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${height}" fill="white"/>`,
    ...body,
    ...axes,
    ...key,
    '</svg>',
    '',
  ].join('\n');
}

/** Legend entries wrapped at spaces to the picture's width (about 6 px a character); continuation rows have no line. */
function legendRows(legend: readonly LegendEntry[]): { color: string | null; text: string }[] {
  const width = Math.floor((W - M.left - 36 - M.right) / 6);
  return legend.flatMap((e) => {
    const lines: string[] = [];
    for (const word of e.text.split(' ')) {
      const last = lines.length - 1;
      if (last >= 0 && lines[last]!.length + 1 + word.length <= width) lines[last] += ' ' + word;
      else lines.push(word);
    }
    return lines.map((text, i) => ({ color: i === 0 ? e.color : null, text }));
  });
}
