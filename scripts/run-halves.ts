// A thread's first runs against its last, from a finished comparison: the medians of the first and
// last N runs by run number (wall seconds and, for the gradient methods, the evaluator build), as
// docs/BENCHMARKS.md quotes them for the suite's millisecond tasks.
//
//   npx tsx scripts/run-halves.ts results/bench/suite-100-100-100-60s/turing_invert/gradsearch-ls [--first 25]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flagNumber, parseArgs } from '../src/cli/args.ts';
import { medianOf } from '../bench/suite-report.ts';

const args = parseArgs(process.argv.slice(2), [{ name: 'first', type: 'string', help: 'runs at each end (default 25)' }]);
const n = flagNumber(args, 'first', 25, { integer: true, min: 1 });
for (const dir of args.positionals) {
  const runs = readFileSync(join(dir, 'runs.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { run: number; wallSeconds: number; compileSeconds?: number })
    .sort((a, b) => a.run - b.run);
  const ms = (xs: readonly number[]): string => (medianOf(xs) * 1000).toFixed(2);
  const wall = runs.map((r) => r.wallSeconds);
  const build = runs.map((r) => r.compileSeconds ?? 0);
  console.log(`${dir}: ${runs.length} runs`);
  console.log(`  wall ms    median ${ms(wall)}, first ${n} ${ms(wall.slice(0, n))}, last ${n} ${ms(wall.slice(-n))}`);
  console.log(`  compile ms median ${ms(build)}, first ${n} ${ms(build.slice(0, n))}, last ${n} ${ms(build.slice(-n))}`);
}
