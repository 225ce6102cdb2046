// How much of a gradsearch-ls run goes to gradients at a vertex (the integer reverse pass and the
// forward run it needs), per suite task: one fixed-step run each, with the vertex evaluator's
// `lossAndGradient` timed around every call.
//
//   npx tsx scripts/gradient-share.ts [--steps 20000] [--tasks asm_decrement,bb_list_k,asm_alu_decrement]
//
// Prints steps, gradient calls, milliseconds in them and in the whole run, and their share.
import { flagNumber, flagString, parseArgs } from '../src/cli/args.ts';
import { synthesizeSketch } from '../src/synth/run-sketch.ts';
import { VertexEvaluator } from '../src/relax/vertex.ts';
import { loadSuiteTask } from '../bench/suite-tasks.ts';

const args = parseArgs(process.argv.slice(2), [
  { name: 'steps', type: 'string', help: 'steps per run (default 20000)' },
  { name: 'tasks', type: 'string', help: 'comma-separated suite tasks' },
]);
const steps = flagNumber(args, 'steps', 20000, { integer: true, min: 1 });
const tasks = (flagString(args, 'tasks') ?? 'asm_decrement,bb_list_k,asm_alu_decrement').split(',');

// Wrapped once for the whole process: the evaluator is built inside synthesizeSketch.
let calls = 0;
let gradientMs = 0;
const original = VertexEvaluator.prototype.lossAndGradient;
VertexEvaluator.prototype.lossAndGradient = function (this: VertexEvaluator, ...rest: Parameters<typeof original>) {
  calls++;
  const t = performance.now();
  const loss = original.apply(this, rest);
  gradientMs += performance.now() - t;
  return loss;
};

console.log(`${'task'.padEnd(20)} ${'steps'.padStart(7)} ${'gradients'.padStart(9)} ${'grad ms'.padStart(8)} ${'run ms'.padStart(8)} ${'share'.padStart(6)}`);
for (const name of tasks) {
  const sketch = loadSuiteTask(name);
  calls = 0;
  gradientMs = 0;
  const r = synthesizeSketch(sketch, { optimizer: 'gradsearch-ls', seed: 1, maxSteps: steps });
  const runMs = r.result.wallSeconds * 1000;
  console.log(
    `${name.padEnd(20)} ${String(r.result.steps).padStart(7)} ${String(calls).padStart(9)} ${gradientMs.toFixed(0).padStart(8)} ${runMs.toFixed(0).padStart(8)} ${`${((100 * gradientMs) / runMs).toFixed(0)}%`.padStart(6)}`,
  );
}
