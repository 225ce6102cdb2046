// Experiment driver for docs/OPTIMIZER.md: runs optimizer configurations over benchmark sketches and
// seeds and prints success rate, wall times, steps, steps per second and evaluator passes per task.
//
//   npx tsx scripts/optimizer-study.ts --tasks circuits --seeds 10 --time 30 \
//     --config base:gradsearch-local --config no-tabu:gradsearch-local:tabu=0
//
// --tasks    comma list of task names (below) or groups `circuits`, `others`, `all`
// --config   LABEL:OPTIMIZER[:key=value,key=value...]; repeatable (default: gradsearch-local)
// --seeds N  seeds 1..N (or --seed-list 3,7,9);  --time S per run;  --steps N per run (default 1e9)
// --restarts N  passed to synthesize (default 0);  --json FILE  also write every run as JSON
// --smt      also run the Z3 backend once per task, if it is available

import { writeFileSync } from 'node:fs';
import { loadSketch, type Sketch } from '../src/sketch/load.ts';
import { compileRelaxed, type RelaxedEvaluator } from '../src/relax/index.ts';
import { createChecker } from '../src/exact/interpret.ts';
import { synthesize, type SynthesisResult } from '../src/synth/synthesize.ts';

interface Task {
  readonly name: string;
  readonly program: string;
  readonly batch?: string;
  readonly set?: Record<string, number>;
}

const circuit = (b: string): Task => ({ name: b, program: 'programs/circuit/circuit.tpt', batch: b });
const TASKS: Record<string, Task> = {
  nand: circuit('nand'),
  swap: circuit('swap'),
  shift: circuit('shift'),
  full_adder: circuit('full_adder'),
  adder2: circuit('adder2'),
  parity32: { name: 'parity32', program: 'programs/parity_chain/parity_chain.tpt', set: { K: 32 } },
  parity128: { name: 'parity128', program: 'programs/parity_chain/parity_chain.tpt', set: { K: 128 } },
  parity256: { name: 'parity256', program: 'programs/parity_chain/parity_chain.tpt', set: { K: 256 } },
  dnf: { name: 'dnf', program: 'programs/dnf/dnf.tpt' },
  turing_invert: { name: 'turing_invert', program: 'programs/turing/turing.tpt', batch: 'invert' },
  turing_decrement: { name: 'turing_decrement', program: 'programs/turing/turing.tpt', batch: 'decrement' },
  tape: { name: 'tape', program: 'programs/tape/tape.tpt' },
  basic_block: { name: 'basic_block', program: 'programs/basic_block/basic_block.tpt' },
};
const GROUPS: Record<string, string[]> = {
  circuits: ['nand', 'swap', 'shift', 'full_adder', 'adder2'],
  others: ['parity32', 'parity128', 'parity256', 'dnf', 'turing_invert', 'turing_decrement', 'tape', 'basic_block'],
};
GROUPS.all = [...GROUPS.circuits!, ...GROUPS.others!];

interface Config {
  readonly label: string;
  readonly optimizer: string;
  readonly options: Record<string, string>;
}

function parseArgs(argv: string[]) {
  const a = {
    tasks: ['nand', 'swap', 'shift', 'full_adder', 'adder2'],
    configs: [] as Config[],
    seeds: [1, 2, 3, 4, 5] as number[],
    time: 30,
    steps: 1e9,
    restarts: 0,
    json: '',
    smt: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const val = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--tasks') a.tasks = val().split(',').flatMap((t) => GROUPS[t] ?? [t]);
    else if (flag === '--config') {
      const [label, optimizer, opts] = val().split(':');
      const options: Record<string, string> = {};
      for (const kv of (opts ?? '').split(',').filter(Boolean)) {
        const [k, v] = kv.split('=');
        options[k!] = v!;
      }
      a.configs.push({ label: label!, optimizer: optimizer ?? 'gradsearch-local', options });
    } else if (flag === '--seeds') a.seeds = Array.from({ length: Number(val()) }, (_, k) => k + 1);
    else if (flag === '--seed-list') a.seeds = val().split(',').map(Number);
    else if (flag === '--time') a.time = Number(val());
    else if (flag === '--steps') a.steps = Number(val());
    else if (flag === '--restarts') a.restarts = Number(val());
    else if (flag === '--json') a.json = val();
    else if (flag === '--smt') a.smt = true;
    else throw new Error(`unknown flag ${flag}`);
  }
  for (const t of a.tasks) if (!TASKS[t]) throw new Error(`unknown task ${t}; known: ${Object.keys(TASKS).join(', ')}`);
  if (a.configs.length === 0) a.configs.push({ label: 'default', optimizer: 'gradsearch-local', options: {} });
  return a;
}

function load(task: Task): Sketch {
  const { sketch, diagnostics } = loadSketch(task.program, { batch: task.batch, set: task.set });
  if (!sketch) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return sketch;
}

/** Counts evaluator passes (forward+reverse, forward only) made by the loop and by the optimizer. */
function counting(evaluator: RelaxedEvaluator) {
  const counts = { full: 0, forward: 0 };
  const full = evaluator.lossAndGradient.bind(evaluator);
  const forward = evaluator.loss.bind(evaluator);
  evaluator.lossAndGradient = (p, g) => (counts.full++, full(p, g));
  evaluator.loss = (p) => (counts.forward++, forward(p));
  return counts;
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
const mean = (xs: number[]): number => (xs.length ? xs.reduce((x, y) => x + y, 0) / xs.length : NaN);
const fmt = (x: number, d = 2): string => (Number.isFinite(x) ? x.toFixed(d) : '-');

interface RunRecord {
  config: string;
  task: string;
  seed: number;
  success: boolean;
  seconds: number;
  steps: number;
  stepsPerSecond: number;
  fullPasses: number;
  forwardPasses: number;
  bestScore?: number;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const records: RunRecord[] = [];
  console.log(`seeds ${args.seeds.join(',')}; time limit ${args.time} s per run; restarts ${args.restarts}`);
  console.log('config'.padEnd(22) + 'task'.padEnd(18) + 'solved  median_s  mean_s(ok)  max_s(ok)  med_steps  steps/s  fwd/step');
  for (const taskName of args.tasks) {
    const task = TASKS[taskName]!;
    const sketch = load(task);
    const evaluator = compileRelaxed(sketch.program, sketch.dataset);
    const counts = counting(evaluator);
    const checker = createChecker(sketch.program, sketch.dataset);
    const byVar = new Int32Array(sketch.program.vars.length).fill(-1);
    for (const v of sketch.program.vars) if (v.role === 'param') byVar[v.id] = 0;
    const toVars = (asg: Int32Array): Int32Array => {
      for (let i = 0; i < evaluator.params.length; i++) byVar[evaluator.params[i]!.variable] = asg[i]!;
      return byVar;
    };
    const total = sketch.dataset.examples.length;
    for (const config of args.configs) {
      const runs: RunRecord[] = [];
      for (const seed of args.seeds) {
        counts.full = counts.forward = 0;
        let lastScore = 0;
        const r: SynthesisResult = synthesize({
          objective: evaluator,
          verify: (asg) => (lastScore = checker.examplesSolved(toVars(asg))) === total,
          score: () => lastScore,
          optimizer: config.optimizer,
          options: config.options,
          seed,
          maxSteps: args.steps,
          timeLimitSeconds: args.time,
          restarts: args.restarts,
        });
        if (r.success && !checker.solves(toVars(r.bestAssignment))) throw new Error(`${taskName} seed ${seed}: reported success fails the exact check`);
        runs.push({
          config: config.label,
          task: taskName,
          seed,
          success: r.success,
          seconds: r.wallSeconds,
          steps: r.steps,
          stepsPerSecond: r.stepsPerSecond,
          fullPasses: counts.full,
          forwardPasses: counts.forward,
          ...(r.bestScore !== undefined ? { bestScore: r.bestScore } : {}),
        });
      }
      records.push(...runs);
      const ok = runs.filter((r) => r.success);
      // Failed runs count as the time limit, so the median is an honest "time to solve" when >= half succeed.
      const med = median(runs.map((r) => (r.success ? r.seconds : Infinity)));
      console.log(
        config.label.padEnd(22) +
          taskName.padEnd(18) +
          `${ok.length}/${runs.length}`.padEnd(8) +
          fmt(med, 3).padStart(8) +
          fmt(mean(ok.map((r) => r.seconds)), 3).padStart(12) +
          fmt(Math.max(...ok.map((r) => r.seconds)), 3).padStart(11) +
          String(median(runs.map((r) => r.steps))).padStart(11) +
          fmt(median(runs.map((r) => r.stepsPerSecond)), 0).padStart(9) +
          fmt(mean(runs.map((r) => r.forwardPasses / Math.max(1, r.steps))), 1).padStart(10),
      );
    }
    if (args.smt) await runSmt(sketch, taskName);
  }
  if (args.json) writeFileSync(args.json, JSON.stringify(records, null, 1));
}

/** The Z3 backend on the same sketch, when `src/smt` exports `solveSmt` (optional; not relied on). */
async function runSmt(sketch: Sketch, taskName: string): Promise<void> {
  try {
    const mod = (await import('../src/smt/index.ts')) as Record<string, unknown>;
    const solve = mod.solveSmt as ((s: Sketch, o?: object) => Promise<{ status?: string; seconds?: number }>) | undefined;
    if (!solve) return void console.log(`smt ${taskName}: solveSmt not exported`);
    const t0 = performance.now();
    const r = await solve(sketch, {});
    console.log(`smt`.padEnd(22) + taskName.padEnd(18) + `${r.status ?? '?'} ${((performance.now() - t0) / 1000).toFixed(3)} s`);
  } catch (e) {
    console.log(`smt ${taskName}: unavailable (${(e as Error).message.split('\n')[0]})`);
  }
}

await main();
