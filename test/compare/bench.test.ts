// runLogged, the benchmarks' comparison runner: with `fresh`, a directory whose comparison changed
// (as when an optimizer's defaults change) has its runs set aside and redone; without it, refused.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLogged } from '../../src/compare/bench.ts';
import type { ComparisonConfig } from '../../src/index.ts';
import { tempDir } from '../temp-dir.ts';

const config = (maxSteps: number): ComparisonConfig => ({
  program: 'programs/parity_chain/parity_chain.tpt',
  optimizers: ['bop'],
  sweep: { name: 'K', values: [4] },
  runs: 2,
  maxSteps,
  seed: 3,
});

describe('runLogged', () => {
  it('redoes a changed comparison with fresh, keeping the earlier runs aside, and refuses it without', async () => {
    const dir = join(tempDir('tpt-bench-'), 'suite-task');
    const first = await runLogged('t', config(100), dir, 1);
    expect(first.ran).toBe(2);
    const again = await runLogged('t', config(100), dir, 1, { fresh: true });
    expect(again).toMatchObject({ ran: 0, kept: 2, setAside: null });
    await expect(runLogged('t', config(200), dir, 1)).rejects.toThrow(/holds a different comparison/);
    const changed = await runLogged('t', config(200), dir, 1, { fresh: true });
    expect(changed.ran).toBe(2);
    expect(changed.kept).toBe(0);
    expect(changed.setAside).toMatch(/earlier-/);
  });
});
