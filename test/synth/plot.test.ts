// The SVG picture of a fit: a curve through the points for one real input and output, decision
// regions under the points for a 2-D classifier; other shapes of program are refused.
import { describe, expect, it } from 'vitest';
import { loadSketch, plotFit, plotSynthesis, PlotError, synthesizeSketch } from '../../src/index.ts';

describe('plotting a trained program', () => {
  it('draws the hybrid fit: the data points and the fitted curve of the chosen family', () => {
    const sketch = loadSketch('programs/nets/hybrid.tpt', { batch: 'parabola' }).sketch!;
    const s = synthesizeSketch(sketch, { optimizer: 'gradsearch+', seed: 1, maxSteps: 5000 });
    const svg = plotSynthesis(sketch, s);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<circle /g)).toHaveLength(40);
    expect(svg).toMatch(/<path d="M[\d.]+,[\d.]+ L/);
    expect(svg).toContain('family = 1');
  });

  it('draws decision regions and marks misclassified points of a classifier', () => {
    const sketch = loadSketch('programs/nets/circle.tpt').sketch!;
    const svg = plotFit(sketch, new Int32Array(sketch.program.vars.length), new Float64Array(sketch.program.real!.paramSize), 'untrained');
    expect(svg.match(/<rect /g)!.length).toBeGreaterThanOrEqual(60); // at least one run per grid row
    expect(svg.match(/<circle /g)).toHaveLength(256);
    expect(svg).toContain('stroke="black"'); // all-zero weights get half the points wrong
  });

  it('refuses programs it cannot picture', () => {
    const sketch = loadSketch('programs/nets/n321.tpt').sketch!;
    expect(() => plotFit(sketch, new Int32Array(0), new Float64Array(sketch.program.real!.paramSize))).toThrow(PlotError);
  });
});
