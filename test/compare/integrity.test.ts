// Results that never mix: run keys name the complete configuration, a changed program is noticed on
// resume (refused, or set aside with `fresh`), garbled lines are reported and redone, records of
// another comparison are ignored, the directory lock, and plain errors for unwritable directories.
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  GARBLED_FILE, LOCK_FILE, LimitError, StoreError, normalizeConfig, planRuns, readRuns, runComparison, writeFileAtomic,
  type ComparisonConfig,
} from '../../src/index.ts';
import { lockDirectory, LockError } from '../../src/compare/lock.ts';
import { tempDir } from '../temp-dir.ts';

const root = tempDir('tpt-integrity-');
const program = join(root, 'chain.tpt');
copyFileSync('programs/parity_chain/parity_chain.tpt', program);
copyFileSync('programs/parity_chain/parity_chain.hypers.json', join(root, 'chain.hypers.json'));
const config: ComparisonConfig = { program, optimizers: ['gradsearch-ra'], sweep: { name: 'K', values: [4] }, runs: 2, maxSteps: 300, seed: 3 };
const lines = (d: string): string[] => readFileSync(join(d, 'runs.jsonl'), 'utf8').split('\n').filter(Boolean);

describe('comparison integrity', () => {
  it('run keys differ whenever anything that decides a run differs', () => {
    const key = (c: ComparisonConfig): string => planRuns(normalizeConfig(c))[0]!.key;
    const base = key(config);
    expect(key({ ...config })).toBe(base);
    expect(key({ ...config, maxSteps: 301 })).not.toBe(base);
    expect(key({ ...config, epsilon: 1e-6 })).not.toBe(base);
    expect(key({ ...config, timeLimitSeconds: 5 })).not.toBe(base);
    expect(key({ ...config, program: 'programs/parity_chain/parity_chain.tpt' })).not.toBe(base);
    expect(key({ ...config, runs: 7 })).toBe(base); // how many runs there are is not part of one run
  });

  it('refuses to resume after the program changed, and starts afresh with fresh', async () => {
    const dir = join(root, 'edited');
    expect((await runComparison(config, { dir, inProcess: true })).ran).toBe(2);
    writeFileSync(program, readFileSync(program, 'utf8').replace('x0.set_to_constant(0)', 'x0.set_to_constant(1)'));
    await expect(runComparison(config, { dir, inProcess: true })).rejects.toThrow(/holds a different comparison \(the program, data or hypers file changed.*--fresh[\s\S]*inputs:/);
    const fresh = await runComparison(config, { dir, inProcess: true, fresh: true });
    expect(fresh.ran).toBe(2);
    expect(fresh.kept).toBe(0);
    const keys = (ls: string[]): string[] => ls.map((l) => (JSON.parse(l) as { key: string }).key);
    const earlier = lines(fresh.setAside!);
    expect(earlier).toHaveLength(2); // the earlier runs are kept aside, not lost
    expect(keys(lines(dir)).filter((k) => keys(earlier).includes(k))).toEqual([]); // and never pass for new ones
    expect(existsSync(join(fresh.setAside!, 'config.json'))).toBe(true);
    copyFileSync('programs/parity_chain/parity_chain.tpt', program);
  });

  it('reports a garbled line in the middle of runs.jsonl, sets it aside and redoes its run', async () => {
    const dir = join(root, 'garbled');
    await runComparison({ ...config, runs: 3 }, { dir, inProcess: true });
    const [a, b, c] = lines(dir);
    writeFileSync(join(dir, 'runs.jsonl'), `${a}\n${b!.slice(0, 40)}}\n${c}\n`);
    const again = await runComparison({ ...config, runs: 3 }, { dir, inProcess: true });
    expect(again.garbledLines).toEqual([2]);
    expect(again.ran).toBe(1);
    expect(readFileSync(join(dir, GARBLED_FILE), 'utf8')).toBe(`${b!.slice(0, 40)}}\n`);
    expect(readRuns(dir).garbledLines).toEqual([]);
    expect(new Set(lines(dir).map((l) => (JSON.parse(l) as { key: string }).key)).size).toBe(3);
  });

  it('leaves records of another comparison out of the summary', async () => {
    const dir = join(root, 'foreign');
    await runComparison(config, { dir, inProcess: true });
    const other = { ...(JSON.parse(lines(dir)[0]!) as Record<string, unknown>), key: 'gradsearch-ra|{}|4|0|1|000000000000', success: false };
    appendFileSync(join(dir, 'runs.jsonl'), JSON.stringify(other) + '\n');
    const again = await runComparison(config, { dir, inProcess: true });
    expect(again.foreignRecords).toBe(1);
    expect(again.summary.groups[0]!.runs).toBe(2);
  });

  it('locks the directory: a second holder is refused, a dead holder is taken over', () => {
    const dir = mkdtempSync(join(root, 'lock-'));
    const release = lockDirectory(dir, 'tpt compare');
    expect(() => lockDirectory(dir, 'tpt compare')).toThrow(LockError);
    expect(() => lockDirectory(dir, 'tpt compare')).toThrow(new RegExp(`in use by tpt compare \\(pid ${process.pid} on `));
    release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: Number(dead), host: hostname(), started: 'earlier', command: 'tpt compare' }));
    // A process killed between writing its draft and linking it leaves the draft; the next holder removes it.
    const host = encodeURIComponent(hostname());
    writeFileSync(join(dir, `${LOCK_FILE}.new-${host}-${dead}`), 'left by a killed process');
    writeFileSync(join(dir, `${LOCK_FILE}.new-${host}-${process.ppid}`), 'a live process, about to link');
    const again = lockDirectory(dir, 'tpt compare');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    expect(readdirSync(dir).sort()).toEqual([LOCK_FILE, `${LOCK_FILE}.new-${host}-${process.ppid}`]);
    again();
  });

  it('says plainly when the results directory cannot be made, and plans are bounded', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    await expect(runComparison(config, { dir: join(file, 'out'), inProcess: true })).rejects.toThrow(new StoreError(`cannot write ${join(file, 'out')}: a part of the path is a file`));
    await expect(runComparison({ ...config, runs: 1_000_000_000 }, { dir: join(root, 'huge'), inProcess: true })).rejects.toThrow(LimitError);
    expect(existsSync(join(root, 'huge'))).toBe(false);
  });

  it('writeFileAtomic leaves no temporary file when it fails', () => {
    const dir = mkdtempSync(join(root, 'atomic-'));
    expect(() => writeFileAtomic(join(dir, 'missing', 'x.json'), '{}')).toThrow();
    const taken = join(dir, 'taken');
    mkdirSync(taken);
    writeFileSync(join(taken, 'keep'), '');
    expect(() => writeFileAtomic(taken, '{}')).toThrow(); // renaming a file over a directory fails
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readdirSync(taken)).toEqual(['keep']);
  });
});
