// The research-script examples run as documented, against the built package: `tpt` and `tpt/core`
// resolve through package.json's exports to dist/ (kept current by test/global-setup.ts), as in a
// user's project.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

function runExample(file: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('examples/', () => {
  it('import tpt and tpt/core from dist/', () => {
    const script = "console.log(import.meta.resolve('tpt'), import.meta.resolve('tpt/core'))";
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: fileURLToPath(new URL('../examples/', import.meta.url)) });
    expect(r.stdout.trim().split(' ')).toEqual([
      new URL('../dist/index.js', import.meta.url).href,
      new URL('../dist/core.js', import.meta.url).href,
    ]);
  });

  it('gradient-at-a-point.ts prints the loss and gradients', () => {
    const r = runExample('examples/gradient-at-a-point.ts');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('loss at the uniform point');
  });

  it('compare-two-optimizers.ts: gradsearch-ra solves K = 32 where fmgd fails, beside the paper', () => {
    const r = runExample('examples/compare-two-optimizers.ts');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^gradsearch-ra\s+K=32\s+5\/5 solved/m);
    expect(r.stdout).toMatch(/^fmgd\s+K=32\s+0\/5 solved/m);
    expect(r.stdout).toContain('[100% / 74.93]'); // the paper's gradsearch-ra at K = 32
  });

  it('sketch-from-text.ts (tpt/core) solves an inline sketch with three optimizers', () => {
    const r = runExample('examples/sketch-from-text.ts');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.match(/solved=true .* exact check 4\/4/g)).toHaveLength(3);
    expect(r.stdout).toContain('{"gate":1,"swap":1}');
  });
});
