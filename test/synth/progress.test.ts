// What a running search reports: the best assignment so far (by variable id) and the examples it
// satisfies, which the exact interpreter confirms at every report; and the browser-safe loader that
// reads no files.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createChecker, loadSketch as loadFromDisk, synthesizeSketch, type Progress } from '../../src/index.ts';
import { sketchFromText } from '../../src/core.ts';

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

describe('sketchFromText of tpt/core', () => {
  it('loads a sketch from its texts alone, as the disk loader does from the files', () => {
    const fromText = sketchFromText(text(CIRCUIT), {
      name: 'circuit.tpt', dataText: text('programs/circuit/circuit.data.json'), hypersText: text('programs/circuit/circuit.hypers.json'), batch: 'swap',
    });
    const fromDisk = loadFromDisk(CIRCUIT, { batch: 'swap' });
    expect(fromText.diagnostics).toEqual([]);
    expect(fromText.sketch!.hypers).toEqual(fromDisk.sketch!.hypers);
    expect(fromText.sketch!.dataset.examples).toEqual(fromDisk.sketch!.dataset.examples);
  });

  it('reads no file: no data or hypers file is looked for', () => {
    // The hypers file beside the parity chain is not looked for: K is unbound until it is set.
    const source = text('programs/parity_chain/parity_chain.tpt');
    expect(sketchFromText(source, { name: 'programs/parity_chain/parity_chain.tpt' }).diagnostics.map((d) => d.code)).toContain('unbound-hyper');
    expect(sketchFromText(source, { name: 'programs/parity_chain/parity_chain.tpt', set: { K: 4 } }).sketch!.dataset.examples).toHaveLength(1);
  });
});
