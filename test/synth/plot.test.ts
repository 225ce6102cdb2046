// The SVG picture of a fit: a curve through the points for one real input and output, decision
// regions under the points for a 2-D classifier; other shapes of program are refused; several labelled
// fits of a hybrid in one picture.
import { describe, expect, it } from 'vitest';
import { describeFit, loadSketch, paramsFromJson, plotCurves, plotFit, plotSynthesis, PlotError, synthesizeSketch } from '../../src/index.ts';

describe('plotting a trained program', () => {
  it('draws the hybrid fit: the data points and the fitted curve of the chosen family', () => {
    const sketch = loadSketch('programs/nets/hybrid.tpt', { batch: 'parabola' }).sketch!;
    const s = synthesizeSketch(sketch, { optimizer: 'gradsearch+', seed: 1, maxSteps: 5000 });
    const svg = plotSynthesis(sketch, s);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<circle /g)).toHaveLength(40);
    expect(svg).toMatch(/<path d="M[\d.]+,[\d.]+ L/);
    expect(svg).toContain('family = 1');
    // The axes are named after the real Input and Output.
    expect(svg).toMatch(/text-anchor="middle">x<\/text>/);
    expect(svg).toMatch(/rotate\(-90\)" text-anchor="middle">y<\/text>/);
  });

  it('draws decision regions and marks misclassified points of a classifier', () => {
    const sketch = loadSketch('programs/nets/circle.tpt').sketch!;
    const svg = plotFit(sketch, new Int32Array(sketch.program.vars.length), new Float64Array(sketch.program.real!.paramSize), 'untrained');
    expect(svg.match(/<rect /g)!.length).toBeGreaterThanOrEqual(60); // at least one run per grid row
    expect(svg.match(/<circle /g)).toHaveLength(256);
    expect(svg).toContain('stroke="black"'); // all-zero weights get half the points wrong
    expect(svg).toMatch(/text-anchor="middle">x\[0\]<\/text>/);
    expect(svg).toMatch(/rotate\(-90\)" text-anchor="middle">x\[1\]<\/text>/);
  });

  it('refuses programs it cannot picture', () => {
    const sketch = loadSketch('programs/nets/n321.tpt').sketch!;
    expect(() => plotFit(sketch, new Int32Array(0), new Float64Array(sketch.program.real!.paramSize))).toThrow(PlotError);
  });
});

describe('plotting several fits of a hybrid', () => {
  const sketch = loadSketch('programs/nets/hybrid.tpt', { batch: 'line' }).sketch!;
  const program = sketch.program;
  /** Params by variable id and the real vector for `family` and the given coefficients (others zero). */
  const model = (family: number, coefficients: Record<string, number[]>) =>
    paramsFromJson(program, { family, line: [0, 0], parabola: [0, 0, 0], wave: [0, 0, 0], ...coefficients }, [])!;
  /** The points (pixels) of every path of an SVG. */
  const paths = (svg: string): number[][][] =>
    [...svg.matchAll(/<path d="([^"]+)"/g)].map((m) => [...m[1]!.matchAll(/[ML]([\d.-]+),([\d.-]+)/g)].map((p) => [Number(p[1]), Number(p[2])]));

  it('draws one labelled curve per fit through the model\'s values, under the data points', () => {
    const line = model(0, { line: [1, 0] });
    const parabola = model(1, { parabola: [1, 0, -1] });
    const svg = plotCurves(sketch, [{ ...line, label: 'a line', color: '#111111' }, { ...parabola, label: 'a parabola', color: '#222222' }], 'two fits');
    expect(svg.match(/<circle /g)).toHaveLength(40);
    expect(svg).toContain('stroke="#111111"');
    expect(svg).toContain('>a parabola</text>');
    const [straight, bent] = paths(svg);
    // y = x is straight in pixels too (up to their rounding to 0.1); y = x^2 - 1 falls, then rises.
    const offLine = (p: number[][]): number => {
      const [[x0, y0], [x1, y1]] = [p[0]!, p[p.length - 1]!];
      return Math.max(...p.map(([x, y]) => Math.abs(y! - (y0! + ((y1! - y0!) * (x! - x0!)) / (x1! - x0!)))));
    };
    expect(straight!.length).toBe(201);
    expect(offLine(straight!)).toBeLessThan(0.2);
    expect(offLine(bent!)).toBeGreaterThan(50);
    expect(bent![100]![1]).toBeGreaterThan(bent![0]![1]!); // lower on the page = larger pixel y
    expect(() => plotCurves(loadSketch('programs/nets/circle.tpt').sketch!, [])).toThrow(PlotError);
  });

  it('labels a fit with the chosen family and only the coefficients that family uses', () => {
    const m = model(2, { wave: [1.23456, -2, 0.5], line: [7, 7] });
    expect(describeFit(program, m.assignment, m.real)).toBe('family = 2; wave = [1.23, -2, 0.5]');
    expect(describeFit(program, model(0, { line: [0.5, 1] }).assignment, m.real)).toBe('family = 0; line = [7, 7]');
  });
});
