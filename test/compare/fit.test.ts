// The Fit section of report.html: `tpt compare` on the hybrid keeps each run's learned Params and draws
// the data with every method's best curve; records from before `fit` still load, resume and merge as
// before; a classifier gets its decision regions; a program that cannot be pictured gets no section.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeComparisons, readRuns, runComparison, type ComparisonConfig, type RunRecord } from '../../src/index.ts';
import { tpt } from '../cli/run-cli.ts';
import { tempDir } from '../temp-dir.ts';

const root = tempDir('tpt-compare-fit-');
const HYBRID = 'programs/nets/hybrid.tpt';
const hybrid: ComparisonConfig = { program: HYBRID, optimizers: ['gradsearch+', 'ste'], batch: 'parabola', runs: 2, maxSteps: 400, seed: 3 };
const lines = (dir: string): string[] => readFileSync(join(dir, 'runs.jsonl'), 'utf8').split('\n').filter(Boolean);
const report = (dir: string): string => readFileSync(join(dir, 'report.html'), 'utf8');
/** The Fit section of a report ('' when it has none). */
const fitOf = (html: string): string => {
  const start = html.indexOf('<h2>Fit</h2>');
  return start < 0 ? '' : html.slice(start, html.indexOf('<h2>Configuration</h2>'));
};
const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

describe('the Fit section of tpt compare', () => {
  it('keeps the learned Params of every hybrid run and draws the data with each method\'s best curve', () => {
    const out = join(root, 'cli');
    const r = tpt(['compare', HYBRID, '--optimizers', 'gradsearch+,ste', '--batch', 'parabola', '--runs', '2', '--max-steps', '400', '--jobs', '2', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const records = lines(out).map((l) => JSON.parse(l) as RunRecord);
    expect(records).toHaveLength(4);
    for (const rec of records) {
      expect(rec.fit!.params).toMatchObject({ family: expect.any(Number), line: [expect.any(Number), expect.any(Number)], parabola: expect.any(Array), wave: expect.any(Array) });
      expect(typeof rec.fit!.dataLoss).toBe('number');
    }
    const html = report(out);
    expect(html).not.toMatch(/https?:\/\//); // self-contained, even with the plot's SVG inside
    const fit = fitOf(html);
    expect(count(fit, /<svg /g)).toBe(1);
    expect(count(fit, /<circle /g)).toBe(40); // the parabola batch's points
    expect(count(fit, /<path d="M[\d.]+,[\d.]+ L/g)).toBe(2); // one curve per method
    expect(fit).toMatch(/gradsearch\+ run \d( \(solved\))?, loss [\d.e-]+: family = \d; (line|parabola|wave) = \[/);
    expect(fit).toMatch(/ste run \d/);
    expect(fit).toContain('hybrid.tpt · parabola');
  });

  it('loads records written before `fit`, resumes without redoing runs, and merges', async () => {
    const dir = join(root, 'api');
    const first = await runComparison(hybrid, { dir, inProcess: true });
    expect(first.ran).toBe(4);
    expect(fitOf(report(dir))).toContain('<svg ');
    // Records as version 1 wrote them: no `fit`.
    const old = lines(dir).map((l) => {
      const { fit: _fit, ...rest } = JSON.parse(l) as RunRecord;
      return JSON.stringify({ ...rest, version: 1 });
    });
    writeFileSync(join(dir, 'runs.jsonl'), old.join('\n') + '\n');
    const again = await runComparison(hybrid, { dir, inProcess: true });
    expect(again.ran).toBe(0);
    expect(again.kept).toBe(4);
    expect(readRuns(dir).records.map((r) => r.key).sort()).toEqual(first.records.map((r) => r.key).sort());
    expect(again.summary.groups.map((g) => g.runs)).toEqual([2, 2]);
    expect(fitOf(report(dir))).toBe(''); // nothing kept to draw: no section, no error

    // Old and new records side by side: shards merge, and the fits that exist are drawn.
    const shard = join(root, 'shard');
    await runComparison(hybrid, { dir: shard, inProcess: true, shard: { index: 1, count: 2 } });
    const merged = mergeComparisons([dir, shard], join(root, 'merged'));
    expect(merged.records).toHaveLength(4);
    expect(merged.records.filter((r) => r.fit)).toHaveLength(0); // the first directory's copies win
    const mixed = join(root, 'mixed');
    const fresh = mergeComparisons([shard, dir], mixed);
    expect(fresh.records.filter((r) => r.fit)).toHaveLength(2);
    expect(count(fitOf(report(mixed)), /<path d="M/g)).toBeGreaterThanOrEqual(1);
  });

  it('draws the decision regions of a classifier\'s best run', async () => {
    const dir = join(root, 'circle');
    await runComparison({ program: 'programs/nets/circle.tpt', optimizers: ['gradsearch+'], runs: 1, maxSteps: 30, seed: 1 }, { dir, inProcess: true });
    const fit = fitOf(report(dir));
    expect(count(fit, /<svg /g)).toBe(1);
    expect(count(fit, /<circle /g)).toBe(256);
    expect(count(fit, /fill-opacity="0.25"/g)).toBeGreaterThanOrEqual(60);
    expect(fit).toMatch(/circle\.tpt · gradsearch\+ run 0.*, \d+\/256 right/);
  });

  it('keeps nothing and draws nothing for a net it cannot picture', async () => {
    const dir = join(root, 'n321');
    const out = await runComparison({ program: 'programs/nets/n321.tpt', optimizers: ['gradsearch+'], runs: 1, maxSteps: 20, seed: 1 }, { dir, inProcess: true });
    expect(out.records.some((r) => 'fit' in r)).toBe(false);
    expect(fitOf(report(dir))).toBe('');
  });
});
