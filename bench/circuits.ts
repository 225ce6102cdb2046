// `npm run bench:circuits`: the paper's Table 2 on our circuit tasks (nand, swap, shift, full_adder,
// adder2): gradsearch-ls (100 runs, 10 min each) smt and sat (10 runs each) on all five; fmgd, gradsearch,
// gradsearch+ and local-search with 100 runs on the easy tasks, fewer under a short limit on the hard
// ones; the gradient-informed samplers and estimators published since (docs/GRADIENT-INFORMED.md) likewise;
// resumable (results/bench/), tables written into docs/BENCHMARKS.md.
// `--only circuits-sat,...` runs some parts (by directory name) and writes no doc.
import { formatTable, type ComparisonConfig, type Summary } from '../src/index.ts';
import { parseBenchArgs, runLogged, writeDocSection } from '../src/compare/bench.ts';
import { compareCommandLine, joinedMarkdownTable, machineDescription, runMinutes } from '../src/compare/markdown.ts';

const args = parseBenchArgs(process.argv.slice(2));
const PROGRAM = 'programs/circuit/circuit.tpt';
const GRADIENT = ['fmgd', 'gradsearch', 'gradsearch+'];
const SAMPLERS = ['gwg', 'dmala', 'pas'];
const ESTIMATORS = ['reinmax', 'gst', 'rloo'];
const root = args.quick ? 'results/bench-quick' : 'results/bench';

const TASKS = ['nand', 'swap', 'shift', 'full_adder', 'adder2'];

// The paper's rows on the easy tasks: 100 runs each.
const easy: ComparisonConfig = {
  program: PROGRAM,
  optimizers: [...GRADIENT, 'local-search', ...ESTIMATORS, ...SAMPLERS],
  sweep: { name: 'batch', values: ['nand', 'swap'] },
  runs: args.quick ? 3 : 100,
  maxSteps: 10000,
  timeLimitSeconds: 60,
  seed: 1,
};
// The hard tasks: runs that fail spend their whole time limit, so few runs and a short limit.
const hard: ComparisonConfig = {
  program: PROGRAM,
  optimizers: [...GRADIENT, 'local-search'],
  sweep: { name: 'batch', values: ['shift', 'full_adder', 'adder2'] },
  runs: args.quick ? 1 : 3,
  runsFor: { 'local-search': args.quick ? 1 : 10 },
  maxSteps: 10_000_000,
  timeLimitSeconds: args.quick ? 2 : 15,
  seed: 1,
};
// The later methods on the hard tasks: the samplers solve some runs within seconds, so 10 runs of
// 30 s; the estimators (which solved none in a trial) 3 runs, as the paper's gradient rows.
const hardLater: ComparisonConfig = {
  program: PROGRAM,
  optimizers: [...ESTIMATORS, ...SAMPLERS],
  sweep: { name: 'batch', values: ['shift', 'full_adder', 'adder2'] },
  runs: args.quick ? 1 : 10,
  runsFor: Object.fromEntries(ESTIMATORS.map((m) => [m, args.quick ? 1 : 3])),
  maxSteps: 1_000_000_000,
  timeLimitSeconds: args.quick ? 2 : 30,
  seed: 1,
};
/** One method on all five tasks under the goal's 10-minute limit. */
const onEveryTask = (optimizer: string, runs: number, maxSteps: number): ComparisonConfig => ({
  program: PROGRAM,
  optimizers: [optimizer],
  sweep: { name: 'batch', values: TASKS },
  runs,
  maxSteps,
  timeLimitSeconds: args.quick ? 5 : 600,
  seed: 1,
});
// tpt's default optimizer, 100 runs; Z3 through our encoding and a SAT solver on our CNF, 10 runs each.
const ls = onEveryTask('gradsearch-ls', args.quick ? 2 : 100, 1_000_000_000);
const smt = onEveryTask('smt', args.quick ? 1 : 10, 0);
const sat = onEveryTask('sat', args.quick ? 1 : 10, 0);

const machine = machineDescription();
const parts: { config: ComparisonConfig; dir: string; summary: Summary }[] = [];
for (const [label, config, name] of [
  ['circuits gradsearch-ls', ls, 'circuits-ls'],
  ['circuits smt', smt, 'circuits-smt'],
  ['circuits sat', sat, 'circuits-sat'],
  ['circuits easy', easy, 'circuits-easy-paper'],
  ['circuits hard', hard, 'circuits-hard'],
  ['circuits hard, later methods', hardLater, 'circuits-hard-later'],
] as const) {
  if (args.only && !args.only.includes(name)) continue;
  const dir = `${root}/${name}`;
  const outcome = await runLogged(label, config, dir, args.jobs);
  console.log(formatTable(outcome.summary) + '\n');
  parts.push({ config, dir, summary: outcome.summary });
}
const summaryOf = (optimizer: string): Summary | undefined => parts.find((p) => p.config.optimizers.length === 1 && p.config.optimizers[0] === optimizer)?.summary;
const versus = exactVersus(summaryOf('gradsearch-ls'), summaryOf('smt'), summaryOf('sat'));
console.log(versus + '\n');

/**
 * gradsearch-ls, smt and sat per task: runs solved, median and mean seconds of the solved runs, the
 * exact solvers' medians over gradsearch-ls's, and which method has the lowest median.
 */
function exactVersus(lsSummary?: Summary, smtSummary?: Summary, satSummary?: Summary): string {
  const cell = (s: Summary | undefined, task: string) => s?.groups.find((g) => g.batch === task || g.sweepValue === task);
  const secs = (x: number | undefined): string => (x === undefined ? '-' : x < 0.1 ? x.toPrecision(2) : x.toFixed(2));
  const lines = [
    '| task | gradsearch-ls solved | median s | mean s | max s | smt solved | median s | mean s | sat solved | median s | mean s | smt / ls | sat / ls | fastest (median) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const task of TASKS) {
    const [a, b, c] = [cell(lsSummary, task), cell(smtSummary, task), cell(satSummary, task)];
    const ratio = (x?: number, y?: number): string => (x && y ? (x / y).toFixed(2) : '-');
    const solved = (g: typeof a) => (g ? `${g.successes}/${g.runs}` : '-');
    // A method that solves fewer than half its runs has no median among the solved to compete with.
    const medians = ([['gradsearch-ls', a], ['smt', b], ['sat', c]] as const)
      .filter(([, g]) => g && g.successes * 2 > g.runs && g.successSeconds)
      .map(([name, g]) => ({ name, median: g!.successSeconds!.median }));
    const fastest = medians.length ? medians.reduce((x, y) => (y.median < x.median ? y : x)).name : '-';
    lines.push(
      `| ${task} | ${solved(a)} | ${secs(a?.successSeconds?.median)} | ${secs(a?.successSeconds?.mean)} | ${secs(a?.successSeconds?.max)} | ` +
        `${solved(b)} | ${secs(b?.successSeconds?.median)} | ${secs(b?.successSeconds?.mean)} | ` +
        `${solved(c)} | ${secs(c?.successSeconds?.median)} | ${secs(c?.successSeconds?.mean)} | ` +
        `${ratio(b?.successSeconds?.median, a?.successSeconds?.median)} | ${ratio(c?.successSeconds?.median, a?.successSeconds?.median)} | ${fastest} |`,
    );
  }
  return lines.join('\n');
}

if (args.docs) {
  const describe = (c: ComparisonConfig): string =>
    `${c.runs} runs${Object.entries(c.runsFor ?? {}).map(([k, v]) => `, ${k} ${v}`).join('')}, at most ${c.maxSteps} steps and ${c.timeLimitSeconds} s per run`;
  writeDocSection(
    'docs/BENCHMARKS.md',
    'circuits',
    [
      `Measured by \`npm run bench:circuits -- --jobs ${args.jobs}\` on ${machine}; run time summed over runs: ${runMinutes(parts.map((p) => p.summary))}.`,
      '',
      '**Table 2** (cells: success % / mean steps / mean wall time of the successful runs, the number of runs in parentheses; smt and sat: success % / mean seconds; the paper in brackets: seconds of successful runs and success %, Z3 seconds, × = not solved within an hour):',
      '',
      joinedMarkdownTable(parts.map((p) => p.summary), { showRuns: true, withTime: true }),
      '',
      '**gradsearch-ls against the exact solvers** (seconds of the solved runs; smt / ls and sat / ls are ratios of medians, above 1: gradsearch-ls is faster; a method solving fewer than half its runs is not ranked):',
      '',
      versus,
      '',
      'Commands (one comparison each):',
      '',
      ...parts.map((p) => `- ${describe(p.config)}: \`${compareCommandLine(p.config, ['--jobs', String(args.jobs), '--out', p.dir])}\``),
    ].join('\n'),
  );
  console.log('wrote docs/BENCHMARKS.md (section circuits)');
}
