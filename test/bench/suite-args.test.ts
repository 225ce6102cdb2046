// The suite's flags: task sets, the three run counts, and the doc section a subset writes into.
import { describe, expect, it } from 'vitest';
import { parseSuiteArgs } from '../../bench/suite-args.ts';
import { SUITE_TASKS } from '../../bench/suite-tasks.ts';

describe('suite flags', () => {
  it('defaults to every task at the full protocol, writing no named section', () => {
    const a = parseSuiteArgs([]);
    expect(a.tasks).toHaveLength(SUITE_TASKS.length);
    expect(a.runs).toEqual([100, 10, 10]);
    expect(a.limit).toBe(600);
    expect(a.section).toBeNull();
    expect(a.rivalLimit).toBe(600);
  });

  it('gives smt and local-search a shorter limit with --rival-limit, never a longer one', () => {
    expect(parseSuiteArgs(['--limit', '600', '--rival-limit', '60']).rivalLimit).toBe(60);
    expect(() => parseSuiteArgs(['--limit', '60', '--rival-limit', '600'])).toThrow(/cannot exceed --limit/);
    expect(() => parseSuiteArgs(['--rival-limit', '0'])).toThrow(/positive number of seconds/);
  });

  it('takes a subset of tasks in the suite order, with a section to write its table into', () => {
    const a = parseSuiteArgs(['--tasks', 'list_max,parity256', '--runs', '10,10,10', '--limit', '60', '--section', 'suite-larger']);
    expect(a.tasks.map((t) => t.name)).toEqual(['parity256', 'list_max']);
    expect(a.runs).toEqual([10, 10, 10]);
    expect(a.section).toBe('suite-larger');
    expect(parseSuiteArgs(['--tasks', 'tune']).tasks.every((t) => t.tune)).toBe(true);
  });

  it('takes ablations of the default optimizer, checking their options', () => {
    const a = parseSuiteArgs(['--ablation', 'random:ranking=random', '--ablation', 'no-tabu:tabu=0,restartBase=0']);
    expect(a.ablations).toEqual([
      { label: 'random', options: { ranking: 'random' } },
      { label: 'no-tabu', options: { tabu: '0', restartBase: '0' } },
    ]);
    expect(() => parseSuiteArgs(['--ablation', 'x:nope=1'])).toThrow(/--ablation x:nope=1: unknown option 'nope' for gradsearch-ls/);
    expect(() => parseSuiteArgs(['--ablation', 'x:ranking=sideways'])).toThrow(/ranking must be/);
    expect(() => parseSuiteArgs(['--ablation', 'x'])).toThrow(/give options/);
    expect(() => parseSuiteArgs(['--ablation', 'X:tabu=0'])).toThrow(/the label/);
    expect(() => parseSuiteArgs(['--ablation', 'x:tabu=0', '--ablation', 'x:tabu=1'])).toThrow(/given twice/);
  });

  it('refuses bad values, naming what is known', () => {
    expect(() => parseSuiteArgs(['--tasks', 'nope'])).toThrow(/unknown task nope; known: turing_invert/);
    expect(() => parseSuiteArgs(['--runs', '3,1'])).toThrow(/three positive counts/);
    expect(() => parseSuiteArgs(['--section', 'Bad Name'])).toThrow(/--section takes a name/);
    expect(() => parseSuiteArgs(['--section'])).toThrow(/--section needs a value/);
    expect(() => parseSuiteArgs(['--methods', 'gradsearch-ls,z4'])).toThrow(/unknown method z4/);
  });
});
