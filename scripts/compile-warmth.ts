// How many evaluator builds V8 needs before building one is fast: in a fresh process, builds a
// sketch's relaxed evaluator `--times` times first (a suite task, or the comparison worker's
// built-in warm-up sketch), then times the first `--builds` builds of the task measured.
//
//   npx tsx scripts/compile-warmth.ts --task turing_invert [--after turing_decrement|warmup] [--times 30] [--builds 20]
//
// Prints each build's milliseconds and their median; with --times 0 the builds are cold. --heap
// also prints the median heap growth of a build, collecting garbage before each one; run it as
//   node --expose-gc --min-semi-space-size=128 --max-semi-space-size=128 --import tsx scripts/compile-warmth.ts --heap
// so that no scavenge frees a build's garbage while it runs.
import v8 from 'node:v8';
import { flagBool, flagNumber, flagString, parseArgs } from '../src/cli/args.ts';
import { compileRelaxed, DEFAULT_EPSILON } from '../src/relax/index.ts';
import { warmUpSketch } from '../src/compare/method-warmup.ts';
import { loadSuiteTask } from '../bench/suite-tasks.ts';
import { medianOf } from '../bench/suite-report.ts';

const args = parseArgs(process.argv.slice(2), [
  { name: 'task', type: 'string', help: 'suite task whose builds are timed (default turing_invert)' },
  { name: 'after', type: 'string', help: 'suite task, or warmup, built first (default warmup)' },
  { name: 'times', type: 'string', help: 'builds of --after first (default 30)' },
  { name: 'builds', type: 'string', help: 'timed builds of --task (default 20)' },
  { name: 'heap', type: 'boolean', help: 'also the heap growth of a build (needs --expose-gc)' },
]);
const taskName = flagString(args, 'task') ?? 'turing_invert';
const task = loadSuiteTask(taskName);
const afterName = flagString(args, 'after') ?? 'warmup';
const after = afterName === 'warmup' ? warmUpSketch() : loadSuiteTask(afterName);
const times = flagNumber(args, 'times', 30, { integer: true, min: 0 });
const builds = flagNumber(args, 'builds', 20, { integer: true, min: 1 });

const t0 = performance.now();
for (let i = 0; i < times; i++) compileRelaxed(after.program, after.dataset, { epsilon: DEFAULT_EPSILON });
const before = performance.now() - t0;
const gc = (globalThis as { gc?: () => void }).gc;
const heap = flagBool(args, 'heap');
if (heap && !gc) throw new Error('--heap needs node --expose-gc (see the comment at the top)');
const ms: number[] = [];
const bytes: number[] = [];
for (let i = 0; i < builds; i++) {
  if (heap) gc!();
  const used = v8.getHeapStatistics().used_heap_size;
  const t = performance.now();
  compileRelaxed(task.program, task.dataset, { epsilon: DEFAULT_EPSILON });
  ms.push(performance.now() - t);
  bytes.push(v8.getHeapStatistics().used_heap_size - used);
}
console.log(`${times} builds of ${afterName} first (${before.toFixed(0)} ms), then ${taskName}:`);
console.log(`  ${ms.map((x) => x.toFixed(1)).join(' ')} ms; median ${medianOf(ms).toFixed(1)} ms`);
if (heap) console.log(`  heap growth per build: median ${(medianOf(bytes) / 1e6).toFixed(2)} MB`);
