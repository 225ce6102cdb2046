// What a running search reports: the best assignment so far (by variable id) and the examples it
// satisfies, which the exact interpreter confirms at every report; and the browser-safe loader that
// reads no files.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createChecker, loadSketch as loadFromDisk, synthesizeSketch, type Progress } from '../../src/index.ts';
import { loadSketch as loadFromText } from '../../src/core.ts';

const CIRCUIT = 'programs/circuit/circuit.tpt';
const text = (file: string): string => readFileSync(file, 'utf8');

describe('progress of a synthesis', () => {
  it('carries the best assignment so far, whose examples solved the exact interpreter confirms', () => {
    const sketch = loadFromDisk(CIRCUIT, { batch: 'adder2' }).sketch!;
    const checker = createChecker(sketch.program, sketch.dataset);
    const reports: { solved: number | undefined; exact: number; step: number }[] = [];
    const s = synthesizeSketch(sketch, {
      optimizer: 'fmgd', seed: 2, maxSteps: 400, progressIntervalSeconds: 0,
      onProgress: (p: Progress) => {
        expect(p.assignment).toHaveLength(sketch.program.vars.length);
        reports.push({ solved: p.examplesSolved, exact: checker.examplesSolved(p.assignment!), step: p.step });
      },
    });
    expect(reports.length).toBeGreaterThan(10);
    for (const r of reports.filter((x) => x.solved !== undefined)) expect(r.solved).toBe(r.exact);
    // The best so far never gets worse, and the last report is the result's best assignment.
    const solved = reports.map((r) => r.exact);
    expect(solved).toEqual([...solved].sort((a, b) => a - b));
    expect(solved.at(-1)).toBe(s.examplesSolved);
  });
});

describe('loadSketch of tpt/core', () => {
  it('loads a sketch from its texts alone, as the disk loader does from the files', () => {
    const fromText = loadFromText('circuit.tpt', {
      source: text(CIRCUIT), dataText: text('programs/circuit/circuit.data.json'), hypersText: text('programs/circuit/circuit.hypers.json'), batch: 'swap',
    });
    const fromDisk = loadFromDisk(CIRCUIT, { batch: 'swap' });
    expect(fromText.diagnostics).toEqual([]);
    expect(fromText.sketch!.hypers).toEqual(fromDisk.sketch!.hypers);
    expect(fromText.sketch!.dataset.examples).toEqual(fromDisk.sketch!.dataset.examples);
  });

  it('reads no file: a missing text is a file diagnostic, and no data file is looked for', () => {
    const missing = loadFromText(CIRCUIT);
    expect(missing.sketch).toBeNull();
    expect(missing.diagnostics.map((d) => d.code)).toEqual(['file']);
    expect(missing.diagnostics[0]!.message).toContain('give the text instead');
    // The hypers file beside the parity chain is not looked for: K is unbound until it is set.
    const source = text('programs/parity_chain/parity_chain.tpt');
    expect(loadFromText('parity_chain.tpt', { source }).diagnostics.map((d) => d.code)).toContain('unbound-hyper');
    expect(loadFromText('parity_chain.tpt', { source, set: { K: 4 } }).sketch!.dataset.examples).toHaveLength(1);
  });
});
