// `npm run bench:parity`: the paper's Table 1 on our parity chain (every optimizer row, K = 4 ... 256,
// 100 runs, at most 3000 steps) beside the published numbers, with tpt's further methods (exact local
// search, the gradient-informed samplers and estimators published since), then K = 512 and 1024 for
// the methods that survive K = 256 and the later methods; resumable (results/bench/), tables written
// into docs/BENCHMARKS.md.
import { formatTable, type ComparisonConfig } from '../src/index.ts';
import { parseBenchArgs, runLogged, writeDocSection } from '../src/compare/bench.ts';
import { compareCommandLine, joinedMarkdownTable, machineDescription, runMinutes } from '../src/compare/markdown.ts';

const args = parseBenchArgs(process.argv.slice(2));
// The second part depends on the first's results, so the parts cannot be run separately.
if (args.only) throw new Error('bench:parity has no --only: its parts depend on each other');
const PROGRAM = 'programs/parity_chain/parity_chain.tpt';
const PAPER_ROWS = ['fmgd', 'fmgd-entropy', 'temp-softmax', 'gumbel', 'neural-reparam', 'ste', 'bop', 'gradsearch', 'gradsearch-ra'];
/** Gradient-informed methods published after the paper (docs/GRADIENT-INFORMED.md). */
const LATER_ROWS = ['reinmax', 'gst', 'rloo', 'gwg', 'dmala', 'pas'];
const root = args.quick ? 'results/bench-quick' : 'results/bench';

const table1: ComparisonConfig = {
  program: PROGRAM,
  optimizers: [...PAPER_ROWS, 'gradsearch+', 'local-search', ...LATER_ROWS],
  sweep: { name: 'K', values: args.quick ? [4, 8, 16] : [4, 8, 16, 32, 64, 128, 256] },
  runs: args.quick ? 3 : 100,
  // Exact local search re-evaluates the whole program for every move: slow at large K, so fewer runs.
  runsFor: { 'local-search': args.quick ? 2 : 20 },
  maxSteps: 3000,
  seed: 1,
};
const machine = machineDescription();
const first = await runLogged('parity K <= 256', table1, `${root}/parity-table1`, args.jobs);
console.log(formatTable(first.summary) + '\n');

// The methods that survive (at least half of the runs solved at the largest K of Table 1), and the
// later methods whatever their result, so that their rows span every K.
const largest = table1.sweep!.values.at(-1)!;
const survivors = first.summary.groups.filter((g) => g.sweepValue === largest && g.successRate >= 0.5).map((g) => g.optimizer);
const large: ComparisonConfig = {
  program: PROGRAM,
  optimizers: [...survivors, ...LATER_ROWS.filter((m) => !survivors.includes(m))],
  sweep: { name: 'K', values: args.quick ? [32] : [512, 1024] },
  runs: args.quick ? 2 : 20,
  runsFor: survivors.includes('local-search') ? { 'local-search': args.quick ? 1 : 5 } : {},
  maxSteps: 20000,
  timeLimitSeconds: 60,
  seed: 1,
};
const second = large.optimizers.length ? await runLogged('parity K >= 512', large, `${root}/parity-large`, args.jobs) : null;
if (second) console.log(formatTable(second.summary) + '\n');

if (args.docs) {
  const cmd = (c: ComparisonConfig, dir: string) => `\`${compareCommandLine(c, ['--jobs', String(args.jobs), '--out', dir])}\``;
  writeDocSection(
    'docs/BENCHMARKS.md',
    'parity',
    [
      `Measured by \`npm run bench:parity -- --jobs ${args.jobs}\` on ${machine}; run time summed over runs: ${runMinutes([first.summary])} for Table 1${second ? `, ${runMinutes([second.summary])} for larger K` : ''}.`,
      '',
      `**Table 1** (${table1.runs} runs per cell, local-search ${table1.runsFor!['local-search']}; at most ${table1.maxSteps} steps; cells: success % / mean steps of the successful runs; the paper's number in brackets):`,
      '',
      cmd(table1, `${root}/parity-table1`),
      '',
      joinedMarkdownTable([first.summary]),
      '',
      ...(second
        ? [
            `**Larger K** for the methods with at least 50 % success at K = ${largest} and for the later methods (${large.runs} runs, local-search ${large.runsFor!['local-search'] ?? large.runs}; at most ${large.maxSteps} steps and ${large.timeLimitSeconds} s per run):`,
            '',
            cmd(large, `${root}/parity-large`),
            '',
            joinedMarkdownTable([second.summary], { withTime: true }),
          ]
        : ['No method solved at least half of the runs at the largest K.']),
    ].join('\n'),
  );
  console.log('wrote docs/BENCHMARKS.md (section parity)');
}
