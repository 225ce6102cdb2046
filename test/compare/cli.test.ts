// `tpt compare` and `tpt merge` as a user runs them (the bundled binary with its worker): the table
// with the paper's numbers, resume, shards merged, a clear refusal, and method options.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tpt } from '../cli/run-cli.ts';
import { tempDir } from '../temp-dir.ts';

const root = tempDir('tpt-compare-cli-');
const PARITY = 'programs/parity_chain/parity_chain.tpt';
const args = (out: string, ...extra: string[]) =>
  ['compare', PARITY, '--optimizers', 'gradsearch-ra,bop', '--sweep', 'K=4,8', '--runs', '3', '--max-steps', '500', '--out', join(root, out), ...extra];
const keys = (dir: string): string[] =>
  readFileSync(join(root, dir, 'runs.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { key: string }).key).sort();

describe('tpt compare', () => {
  it('prints a table with the published numbers and resumes without redoing runs', () => {
    const first = tpt(args('full', '--jobs', '2', 'bop.tau=1000'));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/gradsearch-ra\s+100% \/ [\d.]+ \[100% \/ 11\.56\]/);
    expect(first.stdout).toContain('[100% / 15.55]'); // bop at K = 8
    expect(first.stdout).toContain('12 runs now');
    expect(keys('full')).toHaveLength(12);
    const again = tpt(args('full', '--jobs', '2', 'bop.tau=1000'));
    expect(again.stdout).toContain('0 runs now, 12 kept from before');
    expect(keys('full')).toHaveLength(12);
  });

  it('runs shards that tpt merge joins into the unsharded set of runs', () => {
    expect(tpt(args('s0', '--shard', '0/2', '--jobs', '0', '--bop.tau=1000')).code).toBe(0);
    expect(tpt(args('s1', '--shard', '1/2', '--jobs', '0', '--bop.tau=1000')).code).toBe(0);
    const merged = tpt(['merge', join(root, 's0'), join(root, 's1'), '--out', join(root, 'merged')]);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain('12 runs from 2 directories');
    expect(keys('merged')).toEqual(keys('full'));
  });

  it('refuses to resume into a directory made by a different command, and rejects bad input clearly', () => {
    const r = tpt(args('full', '--jobs', '0', 'bop.tau=500'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/holds a different comparison/);
    expect(tpt(['compare', PARITY, '--optimizers', 'nope']).stderr).toMatch(/unknown optimizer 'nope'; known: .*smt/);
    expect(tpt(['compare', PARITY, '--optimizers', 'bop', '--sweep', 'K=a']).stderr).toMatch(/integers/);
    expect(tpt(['compare', PARITY, '--optimizers', 'bop', '--shard', '2/2']).stderr).toMatch(/--shard expects I\/N/);
  });
});
