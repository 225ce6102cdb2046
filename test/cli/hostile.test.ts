// Hostile input and careless use through the real binary: pipes and devices as input end at once,
// limits name their flag, bad flags are explained, an unwritable --out is caught before the search,
// two comparisons into one directory do not both run, and progress shows up off a terminal.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeOutputs } from '../../src/cli/common.ts';
import { tempDir } from '../temp-dir.ts';
import { tptAsync } from './run-cli.ts';

const root = tempDir('tpt-hostile-');
const PARITY = 'programs/parity_chain/parity_chain.tpt';
const CIRCUIT = 'programs/circuit/circuit.tpt';
/** Every case here ends in seconds; a regression that hangs is killed well before the test's timeout. */
const QUICK = 20_000;
const fifo = join(root, 'pipe.tpt');
execFileSync('mkfifo', [fifo]);

describe('hostile input through tpt', () => {
  it('a FIFO or /dev/zero as program or data ends at once with a file error', async () => {
    const results = await Promise.all([
      tptAsync(['check', fifo], QUICK),
      tptAsync(['check', '/dev/zero'], QUICK),
      tptAsync(['check', CIRCUIT, '--data', fifo], QUICK),
      tptAsync(['synth', CIRCUIT, '--data', '/dev/zero'], QUICK),
      tptAsync(['run', CIRCUIT, '--batch', 'nand', '--params', fifo], QUICK),
    ]);
    for (const r of results) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/cannot read \S+: not a regular file \(a (pipe|device or socket)\)/);
    }
  });

  it('limits name their flag, and --limit raises them', async () => {
    const [big, raised, bad, runs] = await Promise.all([
      tptAsync(['check', PARITY, '--set', 'K=1000000000'], QUICK),
      tptAsync(['check', PARITY, '--set', 'K=400000', '--limit', 'variables=1300000', '--limit', 'statements=1500000'], QUICK),
      tptAsync(['check', PARITY, '--limit', 'nope=3'], QUICK),
      tptAsync(['compare', PARITY, '--optimizers', 'bop', '--runs', '1000000000', '--out', join(root, 'huge')], QUICK),
    ]);
    expect(big.code).toBe(1);
    expect(big.stderr).toMatch(/parity_chain\.tpt:20:5: error\[too-large\]: x would hold 999,999,999 variables.*raise it with --limit variables=\d+/);
    expect(raised.code).toBe(0);
    expect(bad.stderr).toContain('--limit nope: no such limit; the limits are program-size, data-size');
    expect(runs.code).toBe(1);
    expect(runs.stderr).toMatch(/^tpt compare: error\[too-large\]: the comparison plans 1,000,000,000 runs; the limit is runs = 100,000/);
    expect(existsSync(join(root, 'huge'))).toBe(false);
  });

  it('explains flags: kebab-case with the camelCase spelling accepted, whose option, repeats, extras', async () => {
    const [camel, whose, compareWhose, twice, extra, seed, emptyOut, sweep] = await Promise.all([
      tptAsync(['synth', PARITY, '--max-steps', '50', '--firstImprovement'], QUICK),
      tptAsync(['synth', PARITY, '--tau', '100'], QUICK),
      tptAsync(['compare', PARITY, '--optimizers', 'gradsearch-ra,bop', '--tau', '3'], QUICK),
      tptAsync(['synth', PARITY, '--seed', '1', '--seed', '2'], QUICK),
      tptAsync(['check', PARITY, 'other.tpt'], QUICK),
      tptAsync(['synth', PARITY, '--seed', '9007199254740993'], QUICK),
      tptAsync(['synth', PARITY, '--out', ''], QUICK),
      tptAsync(['compare', PARITY, '--optimizers', 'bop', '--sweep', 'nope=1,2', '--out', join(root, 'sweep')], QUICK),
    ]);
    expect(camel.code).toBe(0);
    expect(camel.stderr).toBe('tpt synth: note: --firstImprovement is written --first-improvement\n');
    expect(whose.stderr).toMatch(/unknown option --tau: --tau is an option of .*bop.*, not of gradsearch-ls \(the default\); choose it with --optimizer/);
    expect(compareWhose.stderr).toContain('in tpt compare a method option names its method: --bop.tau=V or bop.tau=V');
    expect(twice.stderr).toContain("--seed is given twice ('1' and '2'); give it once");
    expect(extra.stderr).toContain("unexpected argument 'other.tpt': tpt check takes one PROGRAM");
    expect(seed.stderr).toContain('--seed must be an integer (at most 2^53)');
    expect(emptyOut.stderr).toContain('--out needs a value (FILE), got an empty one');
    expect(sweep.stderr).toContain('error[unknown-hyper]: --sweep nope: the program has no Hyper named nope');
    for (const r of [whose, compareWhose, twice, extra, seed, emptyOut, sweep]) expect(r.code).toBe(1);
  });

  it('checks tpt synth --out before searching', async () => {
    const [missing, folder] = await Promise.all([
      tptAsync(['synth', PARITY, '--out', join(root, 'no', 'such', 'dir', 'r.json')], QUICK),
      tptAsync(['synth', PARITY, '--out', root], QUICK),
    ]);
    expect(missing.stderr).toMatch(/--out \S+r\.json: cannot write it: the folder \S+dir does not exist/);
    expect(folder.stderr).toContain('cannot write it: it is a directory');
    for (const r of [missing, folder]) {
      expect(r.code).toBe(1);
      expect(r.stdout).toBe(''); // no search was run
    }
    expect(readdirSync(root).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});

describe('writing requested files after a search', () => {
  it('a failed write costs one line on stderr and leaves no temporary file', () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    const dir = mkdtempSync(join(root, 'outputs-'));
    let failed: number;
    try {
      failed = writeOutputs('synth', [
        { flag: 'out', path: join(dir, 'gone', 'r.json'), text: () => '{}' },
        { flag: 'plot', path: join(dir, 'fit.svg'), text: () => '<svg/>' },
      ]);
    } finally {
      spy.mockRestore();
    }
    expect(failed).toBe(1);
    expect(lines).toEqual([`tpt synth: --out ${join(dir, 'gone', 'r.json')}: cannot write it: no such folder\n`]);
    expect(readdirSync(dir)).toEqual(['fit.svg']);
  });
});

describe('two comparisons into one directory', () => {
  it('exactly one runs; the other is refused naming the holder, and progress is printed off a terminal', async () => {
    const out = join(root, 'shared');
    // Each comparison takes a few seconds: two runs of 1.5 s (fmgd does not solve K = 64).
    const args = ['compare', PARITY, '--optimizers', 'fmgd', '--sweep', 'K=64', '--runs', '2', '--time-limit', '1.5', '--jobs', '1', '--progress', '1', '--out', out];
    const [a, b] = await Promise.all([tptAsync(args), tptAsync([...args.slice(0, -2), '--max-steps', '100000', '--out', out])]);
    const ran = [a, b].filter((r) => r.code === 0);
    const refused = [a, b].filter((r) => r.code !== 0);
    expect(ran).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.stderr).toMatch(/is in use by tpt compare \(pid \d+ on .*\); wait for it to finish or use another --out directory/);
    expect(ran[0]!.stdout).toContain('2 runs now');
    expect(ran[0]!.stderr).toMatch(/^tpt compare: [01]\/2 runs, \d solved, \d+s/m);
    const keys = readFileSync(join(out, 'runs.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { key: string }).key);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
    expect(existsSync(join(out, '.lock'))).toBe(false);
  });
});
