// `npm run bench:circuits`: the paper's Table 2 on our circuit tasks (nand, swap, shift, full_adder,
// adder2): gradsearch-ls (100 runs, 10 min each) and smt (10 runs) on all five; fmgd, gradsearch,
// gradsearch+ and local-search with 100 runs on the easy tasks, fewer under a short limit on the hard
// ones; resumable (results/bench/), tables written into docs/BENCHMARKS.md.
import { formatTable, type ComparisonConfig, type Summary } from '../src/index.ts';
import { parseBenchArgs, runLogged, writeDocSection } from '../src/compare/bench.ts';
import { compareCommandLine, joinedMarkdownTable, machineDescription, runMinutes } from '../src/compare/markdown.ts';

const args = parseBenchArgs(process.argv.slice(2));
const PROGRAM = 'programs/circuit/circuit.tpt';
const GRADIENT = ['fmgd', 'gradsearch', 'gradsearch+'];
const root = args.quick ? 'results/bench-quick' : 'results/bench';

const TASKS = ['nand', 'swap', 'shift', 'full_adder', 'adder2'];

// The paper's rows on the easy tasks: 100 runs each.
const easy: ComparisonConfig = {
  program: PROGRAM,
  optimizers: [...GRADIENT, 'local-search'],
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
// tpt's default optimizer, 100 runs; Z3 through our encoding, 10 runs (it is nearly deterministic).
const ls = onEveryTask('gradsearch-ls', args.quick ? 2 : 100, 1_000_000_000);
const smt = onEveryTask('smt', args.quick ? 1 : 10, 0);

const machine = machineDescription();
const parts: { config: ComparisonConfig; dir: string; summary: Summary }[] = [];
for (const [label, config, name] of [
  ['circuits gradsearch-ls', ls, 'circuits-ls'],
  ['circuits smt', smt, 'circuits-smt'],
  ['circuits easy', easy, 'circuits-easy-paper'],
  ['circuits hard', hard, 'circuits-hard'],
] as const) {
  const dir = `${root}/${name}`;
  const outcome = await runLogged(label, config, dir, args.jobs);
  console.log(formatTable(outcome.summary) + '\n');
  parts.push({ config, dir, summary: outcome.summary });
}
const versus = againstSmt(parts[0]!.summary, parts[1]!.summary);
console.log(versus + '\n');

/** gradsearch-ls against smt per task: success, median and mean seconds of solved runs, and their ratios. */
function againstSmt(lsSummary: Summary, smtSummary: Summary): string {
  const cell = (s: Summary, task: string) => s.groups.find((g) => g.batch === task || g.sweepValue === task);
  const secs = (x: number | undefined): string => (x === undefined ? '-' : x < 0.1 ? x.toPrecision(2) : x.toFixed(2));
  const lines = [
    '| task | gradsearch-ls solved | median s | mean s | max s | smt solved | median s | mean s | smt / ls (median) | smt / ls (mean) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const task of TASKS) {
    const a = cell(lsSummary, task);
    const b = cell(smtSummary, task);
    const ratio = (x?: number, y?: number): string => (x && y ? (x / y).toFixed(2) : '-');
    lines.push(
      `| ${task} | ${a ? `${a.successes}/${a.runs}` : '-'} | ${secs(a?.successSeconds?.median)} | ${secs(a?.successSeconds?.mean)} | ${secs(a?.successSeconds?.max)} | ` +
        `${b ? `${b.successes}/${b.runs}` : '-'} | ${secs(b?.successSeconds?.median)} | ${secs(b?.successSeconds?.mean)} | ` +
        `${ratio(b?.successSeconds?.median, a?.successSeconds?.median)} | ${ratio(b?.successSeconds?.mean, a?.successSeconds?.mean)} |`,
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
      '**Table 2** (cells: success % / mean steps / mean wall time of the successful runs, the number of runs in parentheses; smt: success % / mean seconds; the paper in brackets: seconds of successful runs and success %, Z3 seconds, × = not solved within an hour):',
      '',
      joinedMarkdownTable(parts.map((p) => p.summary), { showRuns: true, withTime: true }),
      '',
      '**gradsearch-ls against smt** (seconds of the solved runs; ratios above 1: gradsearch-ls is faster):',
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
