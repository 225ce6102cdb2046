// `npm run bench:suite`: the default optimizer of `tpt synth` against Z3 (`smt`) and the
// gradient-free `local-search` on every task of the suite (bench/suite-tasks.ts): 100, 10 and 10
// runs per task, 600 s each, --jobs 2. One comparison per (task, method) under
// results/bench/suite/, so the run resumes, a subset of tasks can be run, and a change of the
// default optimizer's options redoes only its own runs (the earlier ones are set aside in the
// method's directory, under earlier-*). Writes the table into docs/BENCHMARKS.md.
//
//   npm run bench:suite -- [--tasks NAMES|tune|held|all] [--methods gradsearch-ls,smt,local-search]
//                          [--runs 100,10,10] [--limit 600] [--budget MINUTES] [--jobs N] [--quick] [--no-docs]
//                          [--section NAME] [--rival-limit SECONDS] [--ablation LABEL:key=value,...]
//
// --runs and --limit change the protocol (runs of the three methods, seconds per run); a smaller
// protocol writes into its own directories and says so in the table.
// --rival-limit: a shorter limit for smt and local-search. A run of theirs that is unsolved at it
// would take longer, so their median is at least the median with each unsolved run counted at the
// limit (the limit itself when more than half are unsolved); the goal's verdict counts a default
// median below that as beaten, and says "not shown" where it is not below.
// It spares the hours their unsolved runs would take at the full limit.
// --ablation LABEL:key=value,...: also run the default optimizer with these options (as many runs,
// same limit), in its own comparison `<task>/gradsearch-ls-LABEL`; repeatable. The table shows its
// solved runs and median beside the default's, e.g. `--ablation random:ranking=random`.
// --section NAME: write the table of the tasks run (any subset) into section NAME of docs/BENCHMARKS.md;
// without it the table is written only when every task and method ran, into section `suite` (docs/BENCHMARKS.md, "Suite").
// --budget: start no run after MINUTES (runs in flight finish); run it again to go on. The table is
// written from every finished run of every task, whether it ran now or before.
import { existsSync } from 'node:fs';
import type { ComparisonConfig, RunRecord } from '../src/index.ts';
import { runLogged, writeDocSection } from '../src/compare/bench.ts';
import { machineDescription } from '../src/compare/markdown.ts';
import { SUITE_TASKS, type SuiteTask } from './suite-tasks.ts';
import { DEFAULT, METHODS, parseSuiteArgs, type Ablation } from './suite-args.ts';
import { ablationKey, suiteTable, type TaskResults } from './suite-report.ts';

const args = parseSuiteArgs(process.argv.slice(2));
const rivalsShort = args.rivalLimit < args.limit;
const full = args.runs.join() === '100,10,10' && args.limit === 600 && !rivalsShort;
const protocol = `suite-${args.runs.join('-')}-${args.limit}s${rivalsShort ? `-rivals-${args.rivalLimit}s` : ''}`;
const root = args.quick ? 'results/bench-quick/suite' : full ? 'results/bench/suite' : `results/bench/${protocol}`;
const runsOf = (method: string): number => (args.quick ? (method === DEFAULT ? 3 : 1) : args.runs[METHODS.indexOf(method)]!);
/** The time limit of a method's runs: the rivals' may be shorter (--rival-limit). */
const limitOf = (method: string): number => (args.quick ? 5 : method === DEFAULT ? args.limit : args.rivalLimit);
const limit = limitOf(DEFAULT);
const startBefore = Number.isFinite(args.budgetMinutes) ? Date.now() + args.budgetMinutes * 60_000 : undefined;

/** One method on one task: its comparison config. */
const configOf = (task: SuiteTask, method: string): ComparisonConfig => ({
  program: task.program,
  ...(task.batch ? { batch: task.batch } : {}),
  ...(task.set ? { set: task.set } : {}),
  optimizers: [method],
  runs: runsOf(method),
  maxSteps: null,
  timeLimitSeconds: limitOf(method),
  seed: 1,
});

const results: TaskResults[] = [];
for (const task of args.tasks) {
  const records: Record<string, readonly RunRecord[]> = {};
  for (const method of args.methods) {
    const dir = `${root}/${task.name}/${method}`;
    // Past the budget, only comparisons already begun are read (their reports rewritten).
    if (startBefore !== undefined && Date.now() >= startBefore && !existsSync(dir)) continue;
    // A changed default (or program) sets the method's earlier runs aside and redoes only them.
    const outcome = await runLogged(`${task.name} ${method}`, configOf(task, method), dir, args.jobs, { everySeconds: 30, startBefore, fresh: true });
    records[method] = outcome.records;
  }
  for (const { label, options } of args.ablations) {
    const dir = `${root}/${task.name}/${DEFAULT}-${label}`;
    if (startBefore !== undefined && Date.now() >= startBefore && !existsSync(dir)) continue;
    const config = { ...configOf(task, DEFAULT), options: { [DEFAULT]: options } };
    const outcome = await runLogged(`${task.name} ${DEFAULT} ${label}`, config, dir, args.jobs, { everySeconds: 30, startBefore, fresh: true });
    records[ablationKey(label)] = outcome.records;
  }
  results.push({ task, records });
}
const planned = (r: TaskResults): boolean =>
  args.methods.every((m) => (r.records[m]?.length ?? 0) >= runsOf(m)) &&
  args.ablations.every((a) => (r.records[ablationKey(a.label)]?.length ?? 0) >= runsOf(DEFAULT));
const labels = args.ablations.map((a) => a.label);
const table = suiteTable(results, { defaultMethod: DEFAULT, limitSeconds: limit, rivalLimitSeconds: limitOf('smt'), ablations: labels });
console.log(table);
const unfinished = results.filter((r) => !planned(r)).map((r) => r.task.name);
if (unfinished.length) console.log(`\nnot finished (run the command again to resume): ${unfinished.join(', ')}`);

const everything = args.tasks.length === SUITE_TASKS.length && args.methods.length === METHODS.length;
if (args.docs && (args.section !== null || everything)) {
  const section = args.section ?? 'suite';
  const taskFlag = args.tasks.length === SUITE_TASKS.length ? '' : ` --tasks ${args.tasks.map((t) => t.name).join()}`;
  const methodFlag = args.methods.length === METHODS.length ? '' : ` --methods ${args.methods.join()}`;
  const sectionFlag = args.section === null ? '' : ` --section ${args.section}`;
  const optionsText = (a: Ablation, separator: string): string => Object.entries(a.options).map(([k, v]) => `${k}=${v}`).join(separator);
  const ablationFlags = args.ablations.map((a) => ` --ablation ${a.label}:${optionsText(a, ',')}`).join('');
  const ablationText = args.ablations.length
    ? ` Beside ${DEFAULT}, as many runs of it with other options, in \`<task>/${DEFAULT}-<label>\`: ${args.ablations.map((a) => `${a.label} (${optionsText(a, ', ')})`).join('; ')}.`
    : '';
  writeDocSection(
    'docs/BENCHMARKS.md',
    section,
    [
      `Measured by \`npm run bench:suite -- --jobs ${args.jobs}${taskFlag}${methodFlag}${full ? '' : ` --runs ${args.runs.join()} --limit ${limit}`}${rivalsShort ? ` --rival-limit ${args.rivalLimit}` : ''}${ablationFlags}${sectionFlag}\` on ${machineDescription()}` +
        `${unfinished.length ? ` (not finished: ${unfinished.join(', ')})` : ''}. Per task ${args.methods.map((m) => `${runsOf(m)} runs of ${m}`).join(', ')}, ` +
        `${rivalsShort ? `${limit} s per run of ${DEFAULT} and ${args.rivalLimit} s per run of the others` : `${limit} s per run`}, seed 1; one comparison per task and method in \`${root}/<task>/<method>\`.${ablationText}`,
      '',
      table,
    ].join('\n'),
  );
  console.log(`wrote docs/BENCHMARKS.md (section ${section})`);
}
