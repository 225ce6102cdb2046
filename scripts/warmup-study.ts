// What the comparison worker's warm-up (src/compare/method-warmup.ts) saves: each seed's first run
// of a method on a suite task, in a fresh process, cold and after the warm-up, alternating.
//
//   npx tsx scripts/warmup-study.ts --task parity256 --seeds 6 [--method gradsearch-ls]
//
// Prints each run's seconds and steps and the median of each side (same seed, same steps: the
// warm-up shares nothing with the task).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadSketch } from '../src/sketch/load.ts';
import { runMethod, resolveMethodOptions } from '../src/compare/methods.ts';
import { warmUpMethod } from '../src/compare/method-warmup.ts';
import { SUITE_TASKS } from '../bench/suite-tasks.ts';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
};
const taskName = flag('--task', 'parity256');
const method = flag('--method', 'gradsearch-ls');
const task = SUITE_TASKS.find((t) => t.name === taskName);
if (!task) throw new Error(`unknown task ${taskName}; known: ${SUITE_TASKS.map((t) => t.name).join(', ')}`);

if (argv.includes('--child')) {
  // One timed run in this fresh process, after the warm-up when asked.
  const seed = Number(flag('--seed', '1'));
  const r = loadSketch(task.program, { ...(task.batch ? { batch: task.batch } : {}), ...(task.set ? { set: task.set } : {}) });
  if (!r.sketch) throw new Error(`${taskName} does not load`);
  const options = resolveMethodOptions(method, {});
  if (argv.includes('--warm')) await warmUpMethod(method, options);
  const s = await runMethod(r.sketch, { optimizer: method, options, seed, maxSteps: Infinity, timeLimitSeconds: 60 });
  console.log(JSON.stringify({ seconds: s.result.wallSeconds, steps: s.result.steps, solved: s.result.success }));
} else {
  const seeds = Number(flag('--seeds', '6'));
  const self = fileURLToPath(import.meta.url);
  const sides = { cold: [] as number[], warm: [] as number[] };
  console.log(`${method} on ${taskName}, one run per fresh process`);
  console.log(`${'seed'.padStart(4)}  ${'steps'.padStart(7)}  ${'cold s'.padStart(8)}  ${'warm s'.padStart(8)}`);
  for (let seed = 1; seed <= seeds; seed++) {
    const run = (warm: boolean): { seconds: number; steps: number } =>
      JSON.parse(
        execFileSync(process.execPath, ['--import', 'tsx', self, '--child', '--task', taskName, '--method', method, '--seed', String(seed), ...(warm ? ['--warm'] : [])], {
          encoding: 'utf8',
        }).trim(),
      );
    const cold = run(false);
    const warm = run(true);
    sides.cold.push(cold.seconds);
    sides.warm.push(warm.seconds);
    console.log(`${String(seed).padStart(4)}  ${String(cold.steps).padStart(7)}  ${cold.seconds.toFixed(3).padStart(8)}  ${warm.seconds.toFixed(3).padStart(8)}`);
  }
  const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  console.log(`median  cold ${median(sides.cold).toFixed(3)} s, warm ${median(sides.warm).toFixed(3)} s, warm/cold ${(median(sides.warm) / median(sides.cold)).toFixed(2)}`);
}
