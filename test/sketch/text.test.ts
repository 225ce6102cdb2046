// Sketches from text (tpt/core's loader): no file is touched, diagnostics name the given file, and a
// host can supply files of its own.
import { describe, expect, it } from 'vitest';
import { assembleSketch, sketchFromText, type SketchFiles } from '../../src/core.ts';

const PROGRAM = 'p = Param(2)\nx = Input(2)\ny = Output(2)\ny.set_to(p)\n';
const DATA = JSON.stringify([{ batch_name: 'one', instances: [{ x: 0, y: 1 }] }]);

describe('sketchFromText', () => {
  it('loads a program with its data given as text', () => {
    const r = sketchFromText(PROGRAM, { dataText: DATA });
    expect(r.diagnostics).toEqual([]);
    expect(r.sketch).toMatchObject({ batchName: 'one', batchNames: ['one'] });
    expect(r.sketch!.dataset.examples).toHaveLength(1);
  });

  it('names the program in its diagnostics and keeps its text for rendering', () => {
    const r = sketchFromText('y = Output(2)\ny.set_to(q)\n', { name: 'mine.tpt' });
    expect(r.sketch).toBeNull();
    expect(r.diagnostics[0]).toMatchObject({ code: 'unknown-name', span: { file: 'mine.tpt', line: 2 } });
    expect(r.sources.get('mine.tpt')).toContain('set_to(q)');
  });

  it('without file access, a data path is a clear error, not a read', () => {
    const r = assembleSketch('p.tpt', { source: PROGRAM, dataPath: 'p.data.json' }, null);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['file', 'cannot read p.data.json: no file access here; give its text instead']]);
  });

  it('reads through host-supplied files, finding the data by convention', () => {
    const files: SketchFiles = {
      read: (path) => (path === 'dir/p.tpt' ? { text: PROGRAM } : path === 'dir/p.data.json' ? { text: DATA } : { error: `cannot read ${path}` }),
      find: (program, kind) => (kind === 'data' ? program.replace(/\.tpt$/, '.data.json') : null),
    };
    const r = assembleSketch('dir/p.tpt', {}, files);
    expect(r.diagnostics).toEqual([]);
    expect(r.sketch?.batchName).toBe('one');
  });
});
