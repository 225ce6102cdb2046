// The research-script examples run as documented.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';

function runExample(file: string): { code: number; stdout: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout };
}

describe('examples/', () => {
  it('gradient-at-a-point.ts prints the loss and gradients', () => {
    const r = runExample('examples/gradient-at-a-point.ts');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('loss at the uniform point');
  });

  it('compare-two-optimizers.ts shows gradsearch-ra solving where fmgd fails', () => {
    const r = runExample('examples/compare-two-optimizers.ts');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/gradsearch-ra\s+5\/5 solved/);
  });
});
