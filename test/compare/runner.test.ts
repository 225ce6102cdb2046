// runComparison through the API: one JSON line per run, resume after lost or torn lines redoes only
// the missing runs, repeated runs agree, shards merge to the whole, self-contained report, reference.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultReferencePath, formatTable, loadReference, mergeComparisons, readRuns, runComparison,
  type ComparisonConfig, type RunRecord,
} from '../../src/index.ts';
import { tempDir } from '../temp-dir.ts';

const config: ComparisonConfig = {
  program: 'programs/parity_chain/parity_chain.tpt',
  optimizers: ['gradsearch-ra', 'ste'],
  sweep: { name: 'K', values: [4, 8] },
  runs: 3,
  maxSteps: 300,
  seed: 5,
};
const root = tempDir('tpt-compare-');
const dir = (name: string): string => join(root, name);
const lines = (d: string): string[] => readFileSync(join(d, 'runs.jsonl'), 'utf8').split('\n').filter(Boolean);
/** A record without the fields that measure time. */
const untimed = (r: RunRecord): Omit<RunRecord, 'wallSeconds' | 'compileSeconds'> => {
  const { wallSeconds: _w, compileSeconds: _c, ...rest } = r;
  return rest;
};
const bySeed = (rs: readonly RunRecord[]) => [...rs].sort((a, b) => a.seed - b.seed);

describe('runComparison', () => {
  const refPath = defaultReferencePath();

  it('writes one complete JSON line per run with the required fields, and the reports', async () => {
    const out = await runComparison(config, { dir: dir('a'), inProcess: true, reference: loadReference(refPath) });
    expect(out.ran).toBe(12);
    const records = lines(dir('a')).map((l) => JSON.parse(l) as RunRecord);
    expect(records).toHaveLength(12);
    for (const r of records) {
      expect(r).toMatchObject({ optimizer: expect.any(String), options: expect.any(Object), hypers: { K: r.sweepValue }, sweep: 'K', run: expect.any(Number), seed: expect.any(Number), success: expect.any(Boolean), steps: expect.any(Number), wallSeconds: expect.any(Number) });
      expect('loss' in r).toBe(true);
    }
    expect(new Set(records.map((r) => r.seed)).size).toBe(12);
    expect(records.filter((r) => r.lossCurve).length).toBeGreaterThan(0);
    const html = readFileSync(join(dir('a'), 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toContain('<h2>Fit</h2>'); // a discrete program keeps no fit and gets no picture of one
    expect(records.some((r) => 'fit' in r)).toBe(false);
    expect(readFileSync(join(dir('a'), 'summary.csv'), 'utf8').split('\n')[0]).toMatch(/^optimizer,sweep,sweep_value/);
    expect(formatTable(out.summary)).toContain('[100% / 11.56]'); // gradsearch-ra at K = 4 in the paper
  });

  it('gives the same records for the same comparison, apart from timings', async () => {
    await runComparison(config, { dir: dir('b'), inProcess: true });
    const a = bySeed(readRuns(dir('a')).records).map(untimed);
    const b = bySeed(readRuns(dir('b')).records).map(untimed);
    expect(b).toEqual(a);
  });

  it('resumes: keeps finished runs, redoes deleted ones and a torn last line, never duplicates', async () => {
    const all = lines(dir('b'));
    const kept = [all[0], all[3], all[4], all[5], all[6], all[8], all[9], all[10]];
    writeFileSync(join(dir('b'), 'runs.jsonl'), kept.join('\n') + '\n');
    appendFileSync(join(dir('b'), 'runs.jsonl'), all[11]!.slice(0, 40)); // an interrupted write
    const out = await runComparison(config, { dir: dir('b'), inProcess: true });
    expect(out.droppedTornLine).toBe(true);
    expect(out.ran).toBe(4);
    expect(out.kept).toBe(8);
    const seeds = lines(dir('b')).map((l) => (JSON.parse(l) as RunRecord).seed);
    expect(seeds).toHaveLength(12);
    expect(new Set(seeds).size).toBe(12);
    expect(bySeed(readRuns(dir('b')).records).map(untimed)).toEqual(bySeed(readRuns(dir('a')).records).map(untimed));
    const again = await runComparison(config, { dir: dir('b'), inProcess: true });
    expect(again.ran).toBe(0);
  });

  it('refuses a directory made by a different comparison', async () => {
    await expect(runComparison({ ...config, runs: 4 }, { dir: dir('a'), inProcess: true })).rejects.toThrow(/holds a different comparison[\s\S]*runs: 4 here, 3/);
  });

  it('runs shards in worker threads that merge to the unsharded set of runs', async () => {
    const s0 = await runComparison(config, { dir: dir('s0'), jobs: 2, shard: { index: 0, count: 2 } });
    const s1 = await runComparison(config, { dir: dir('s1'), inProcess: true, shard: { index: 1, count: 2 } });
    expect(s0.failures).toEqual([]);
    expect(s0.ran + s1.ran).toBe(12);
    const merged = mergeComparisons([dir('s0'), dir('s1')], dir('merged'));
    expect(merged.missing).toBe(0);
    expect(merged.records.map((r) => r.key).sort()).toEqual(readRuns(dir('a')).records.map((r) => r.key).sort());
    // Worker threads and the main thread compute the same runs.
    expect(bySeed(merged.records).map(untimed)).toEqual(bySeed(readRuns(dir('a')).records).map(untimed));
  });
});
