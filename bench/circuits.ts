// `npm run bench:circuits`: the paper's Table 2 on our circuit tasks (nand, swap, shift, full_adder,
// adder2) with fmgd, gradsearch, gradsearch+, local-search and smt; 100 runs on the easy tasks, fewer
// under a time limit on the hard ones; resumable (results/bench/), table written into docs/BENCHMARKS.md.
import {
  compareCommandLine, formatTable, joinedMarkdownTable, machineDescription, parseBenchArgs, runLogged, runMinutes, writeDocSection,
  type ComparisonConfig, type Summary,
} from '../src/index.ts';

const args = parseBenchArgs(process.argv.slice(2));
const PROGRAM = 'programs/circuit/circuit.tpt';
const GRADIENT = ['fmgd', 'gradsearch', 'gradsearch+'];
const root = args.quick ? 'results/bench-quick' : 'results/bench';

const easy: ComparisonConfig = {
  program: PROGRAM,
  optimizers: [...GRADIENT, 'local-search', 'smt'],
  sweep: { name: 'batch', values: ['nand', 'swap'] },
  runs: args.quick ? 3 : 100,
  runsFor: { smt: args.quick ? 1 : 3 },
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
const hardSmt: ComparisonConfig = {
  program: PROGRAM,
  optimizers: ['smt'],
  sweep: { name: 'batch', values: ['shift', 'full_adder', 'adder2'] },
  runs: args.quick ? 1 : 2,
  maxSteps: 0,
  timeLimitSeconds: args.quick ? 5 : 60,
  seed: 1,
};

const machine = machineDescription();
const parts: { config: ComparisonConfig; dir: string; summary: Summary }[] = [];
for (const [label, config, name] of [
  ['circuits easy', easy, 'circuits-easy'],
  ['circuits hard', hard, 'circuits-hard'],
  ['circuits hard smt', hardSmt, 'circuits-hard-smt'],
] as const) {
  const dir = `${root}/${name}`;
  const outcome = await runLogged(label, config, dir, args.jobs);
  console.log(formatTable(outcome.summary) + '\n');
  parts.push({ config, dir, summary: outcome.summary });
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
      'Commands (one comparison each):',
      '',
      ...parts.map((p) => `- ${describe(p.config)}: \`${compareCommandLine(p.config, ['--jobs', String(args.jobs), '--out', p.dir])}\``),
    ].join('\n'),
  );
  console.log('wrote docs/BENCHMARKS.md (section circuits)');
}
