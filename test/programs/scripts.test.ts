// The data scripts: make-data.ts regenerates every bundled data, hypers and solution file exactly,
// and check-solutions.ts's independent simulators accept every bundled solution.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const tsx = (script: string, args: string[] = []): string =>
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', script), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('data scripts', () => {
  it('make-data.ts writes exactly the bundled files', () => {
    const out = mkdtempSync(join(tmpdir(), 'tpt-make-data-'));
    try {
      const written = tsx('make-data.ts', ['--out', out])
        .split('\n')
        .filter((l) => l.startsWith('wrote '))
        .map((l) => l.slice('wrote '.length + out.length + 1));
      expect(written.length).toBeGreaterThan(20);
      for (const file of written) expect(readFileSync(join(out, file), 'utf8'), file).toBe(readFileSync(join(ROOT, 'programs', file), 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it('check-solutions.ts accepts every bundled solution', () => {
    const report = tsx('check-solutions.ts');
    expect(report).not.toMatch(/FAIL/);
    for (const program of ['turing', 'basic_block', 'assembly', 'lcg', 'accumulator', 'list_fold']) expect(report).toContain(`${program} / `);
  }, 60_000);
});
