// The report's charts tell every method apart: methods at the same success rate sit side by side
// with their own marker shapes, a method with nothing to draw says why in the legend, and the paper's
// "not solved in time" is a cross at 0, named as such rather than a 0 % point of the line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultReferencePath, loadReference, runComparison } from '../../src/index.ts';
import { tempDir } from '../temp-dir.ts';

describe('report.html charts', () => {
  it("offsets and marks methods, explains empty series and the paper's unsolved cells", async () => {
    const refPath = defaultReferencePath();
    const dir = join(tempDir('tpt-report-'), 'r');
    await runComparison(
      { program: 'programs/circuit/circuit.tpt', optimizers: ['gradsearch+', 'gradsearch-ls', 'smt', 'gradsearch'], sweep: { name: 'batch', values: ['nand', 'swap'] }, runs: 1, maxSteps: 2000, seed: 1 },
      { dir, inProcess: true, ...(refPath ? { reference: loadReference(refPath), referenceSource: refPath } : {}) },
    );
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const success = html.slice(html.indexOf('Success rate'), html.indexOf('Steps to success'));
    // All three methods solve nand: three markers at 100 %, at three different x positions and shapes.
    expect(success).toContain('<rect x='); // gradsearch-ls's squares
    expect(success).toContain('<polygon points='); // smt's triangles
    const xs = [...success.matchAll(/<circle cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    const squares = [...success.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="6"/g)].map((m) => Number(m[1]) + 3);
    expect(xs[0]).not.toBeCloseTo(squares[0]!, 0);
    const steps = html.slice(html.indexOf('Steps to success'));
    expect(steps).toContain('no steps: Z3 does not search by steps (time in the table)');
    if (refPath) {
      // The paper: gradsearch+ at 100 % on nand and swap; gradsearch not solving swap within its hour.
      expect(success).toContain('gradsearch+ (paper)');
      expect(success).toContain('gradsearch (paper: unsolved, ×)');
      expect(success).toMatch(/<path d="M[\d.]+,[\d.]+ L[\d.]+,[\d.]+ M[\d.]+,[\d.]+ L[\d.]+,[\d.]+" stroke=/); // the cross
    }
  });
});
