// The suite table's arithmetic: time to solve counts an unsolved run as never solved, and the goal's
// verdict says by how much it is missed.
import { describe, expect, it } from 'vitest';
import { ablationKey, medianOf, suiteTable } from '../../bench/suite-report.ts';
import { SUITE_TASKS } from '../../bench/suite-tasks.ts';
import type { RunRecord } from '../../src/index.ts';

const run = (success: boolean, wallSeconds: number, steps = 10): RunRecord => ({ success, wallSeconds, steps }) as unknown as RunRecord;
const runs = (solved: number[], unsolved: number): RunRecord[] => [...solved.map((s) => run(true, s)), ...Array.from({ length: unsolved }, () => run(false, 600))];

describe('suite table', () => {
  it('medians count unsolved runs as never solved', () => {
    expect(medianOf([1, 2, 3])).toBe(2);
    expect(medianOf([1, 2, 3, 4])).toBe(2.5);
    expect(medianOf([1, Infinity, Infinity])).toBe(Infinity);
    expect(medianOf([1, 2, Infinity, Infinity])).toBe(Infinity);
    expect(medianOf([1, 2, 3, Infinity])).toBe(2.5);
  });

  it('says whether the goal is met and by how much it is missed', () => {
    const task = SUITE_TASKS[0]!;
    const row = (records: Record<string, RunRecord[]>): string => suiteTable([{ task, records }], { defaultMethod: 'gradsearch-ls', limitSeconds: 600 }).split('\n')[2]!;
    const fast = runs(Array.from({ length: 100 }, (_, i) => 0.1 + i / 1000), 0);
    expect(row({ 'gradsearch-ls': fast, smt: runs([1, 2, 3], 0), 'local-search': runs([], 10) })).toMatch(/met \(\d+\.\dx faster\)/);
    const half = runs(Array.from({ length: 60 }, () => 5), 40);
    expect(row({ 'gradsearch-ls': half, smt: runs([1, 2, 3], 0) })).toMatch(/missed: 60\/100 solved, median 2\.5x smt's/);
    expect(row({ 'gradsearch-ls': runs([1], 99), smt: runs([1], 0) })).toMatch(/missed: 1\/100 solved, median unsolved, smt's 1\.0 s/);
  });

  it('shows each ablation of the default optimizer beside it', () => {
    const task = SUITE_TASKS[0]!;
    const table = suiteTable([{ task, records: { 'gradsearch-ls': runs([1, 2, 3], 0), [ablationKey('random')]: runs([4], 2) } }], {
      defaultMethod: 'gradsearch-ls',
      limitSeconds: 60,
      ablations: ['random'],
    }).split('\n');
    expect(table[0]).toMatch(/\| local-search median s \| random solved \| random median s \| goal \|$/);
    expect(table[1]!.split('|')).toHaveLength(table[0]!.split('|').length);
    expect(table[2]).toMatch(/\| 1\/3 \| > 60 \| others not run \|$/);
  });

  it('with shorter runs of the other methods, counts their unsolved median as beaten only below the least it can be', () => {
    const task = SUITE_TASKS[0]!;
    const row = (records: Record<string, RunRecord[]>): string =>
      suiteTable([{ task, records }], { defaultMethod: 'gradsearch-ls', limitSeconds: 600, rivalLimitSeconds: 60 }).split('\n')[2]!;
    const rivals = { smt: runs([5, 7, 9, 11], 6), 'local-search': runs([30], 9) };
    const around = (median: number): RunRecord[] => runs(Array.from({ length: 10 }, (_, i) => median - 4.5 + i), 0);
    expect(row({ 'gradsearch-ls': around(25), ...rivals })).toMatch(/\| > 60 \| met \(others unsolved by the median within 60 s\) \|$/);
    expect(row({ 'gradsearch-ls': around(77.5), ...rivals })).toMatch(/\| not shown against smt, local-search: median 77\.5 s, and their runs stop at 60 s \|$/);
    expect(row({ 'gradsearch-ls': runs([70, 72, 74, 76, 78, 80, 82, 84, 86], 1), ...rivals })).toMatch(
      /missed: 9\/10 solved; not shown against smt, local-search: median 79\.0 s/,
    );
    // Exactly half unsolved: their median is at least (5 + 60) / 2 s, so 50 s does not beat it, 20 s does.
    const half = { smt: runs([1, 2, 3, 4, 5], 5) };
    expect(row({ 'gradsearch-ls': around(50), ...half })).toMatch(/\| not shown against smt: median 50\.0 s/);
    expect(row({ 'gradsearch-ls': around(20), ...half })).toMatch(/met \(others unsolved by the median within 60 s\)/);
  });

  it('with the same limit for every method, an unsolved median of the others is beaten as before', () => {
    const task = SUITE_TASKS[0]!;
    const row = (records: Record<string, RunRecord[]>): string => suiteTable([{ task, records }], { defaultMethod: 'gradsearch-ls', limitSeconds: 600 }).split('\n')[2]!;
    expect(row({ 'gradsearch-ls': runs(Array.from({ length: 10 }, () => 500), 0), smt: runs([1], 9) })).toMatch(/met \(others unsolved\) \|$/);
  });
});
