// What the comparison worker's warm-up (src/compare/method-warmup.ts) saves: each seed's first run
// of a method on a suite task, in a fresh process, cold and after the warm-up, alternating.
//
//   npx tsx scripts/warmup-study.ts --task parity256 --seeds 6 [--method gradsearch-ls]
//
// Prints each run's seconds and steps and the median of each side (same seed, same steps: the
// warm-up shares nothing with the task).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { flagBool, flagNumber, flagString, parseArgs } from '../src/cli/args.ts';
import { runMethod, resolveMethodOptions } from '../src/compare/methods.ts';
import { warmUpMethod } from '../src/compare/method-warmup.ts';
import { loadSuiteTask } from '../bench/suite-tasks.ts';
import { medianOf } from '../bench/suite-report.ts';

const args = parseArgs(process.argv.slice(2), [
  { name: 'task', type: 'string', help: 'suite task (default parity256)' },
  { name: 'method', type: 'string', help: 'method (default gradsearch-ls)' },
  { name: 'seeds', type: 'string', help: 'seeds 1..N (default 6)' },
  { name: 'seed', type: 'string', help: 'child: the seed of its one run' },
  { name: 'child', type: 'boolean', help: 'internal: one timed run in this process' },
  { name: 'warm', type: 'boolean', help: 'child: warm up first' },
]);
const taskName = flagString(args, 'task') ?? 'parity256';
const method = flagString(args, 'method') ?? 'gradsearch-ls';
const sketch = loadSuiteTask(taskName);

if (flagBool(args, 'child')) {
  // One timed run in this fresh process, after the warm-up when asked.
  const options = resolveMethodOptions(method, {});
  if (flagBool(args, 'warm')) await warmUpMethod(method, options);
  const seed = flagNumber(args, 'seed', 1, { integer: true, min: 0 });
  const s = await runMethod(sketch, { optimizer: method, options, seed, maxSteps: Infinity, timeLimitSeconds: 60 });
  console.log(JSON.stringify({ seconds: s.result.wallSeconds, steps: s.result.steps, solved: s.result.success }));
} else {
  const seeds = flagNumber(args, 'seeds', 6, { integer: true, min: 1 });
  const self = fileURLToPath(import.meta.url);
  const run = (seed: number, warm: boolean): { seconds: number; steps: number } =>
    JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', self, '--child', '--task', taskName, '--method', method, '--seed', String(seed), ...(warm ? ['--warm'] : [])], {
        encoding: 'utf8',
      }).trim(),
    );
  const sides = { cold: [] as number[], warm: [] as number[] };
  console.log(`${method} on ${taskName}, one run per fresh process`);
  console.log(`${'seed'.padStart(4)}  ${'steps'.padStart(7)}  ${'cold s'.padStart(8)}  ${'warm s'.padStart(8)}`);
  for (let seed = 1; seed <= seeds; seed++) {
    const cold = run(seed, false);
    const warm = run(seed, true);
    sides.cold.push(cold.seconds);
    sides.warm.push(warm.seconds);
    console.log(`${String(seed).padStart(4)}  ${String(cold.steps).padStart(7)}  ${cold.seconds.toFixed(3).padStart(8)}  ${warm.seconds.toFixed(3).padStart(8)}`);
  }
  const cold = medianOf(sides.cold), warm = medianOf(sides.warm);
  console.log(`median  cold ${cold.toFixed(3)} s, warm ${warm.toFixed(3)} s, warm/cold ${(warm / cold).toFixed(2)}`);
}
