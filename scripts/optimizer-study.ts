// Experiment driver for docs/OPTIMIZER.md: runs optimizer configurations over benchmark sketches and
// seeds and prints success rate, wall times, steps, steps per second and evaluator passes per task.
//
//   npx tsx scripts/optimizer-study.ts --tasks circuits --seeds 10 --time 30 \
//     --config base:gradsearch-ls --config no-tabu:gradsearch-ls:tabu=0
//
// --tasks    comma list of task names (below) or groups `circuits`, `extra` (more circuits), `others`, `all`
// --config   LABEL:OPTIMIZER[:key=value,key=value...]; repeatable (default: gradsearch-ls)
// --seeds N  seeds 1..N (or --seed-list 3,7,9);  --time S per run;  --steps N per run (default 1e9)
// --restarts N  passed to synthesize (default 0);  --json FILE  also write every run as JSON
// --verbose  print every run as it finishes
// --accuracy instead of runs: how well the vertex gradient predicts each Hamming-1 move's exact change
//            in satisfied terms, with the raw log loss and with linearised term weights (p + eps),
//            at random vertices and (with a known solution file) 1 and 3 random moves from it
// --stats    also print the optimizer's own counters (gradsearch-ls: moves, reweights, evaluations,
//            gradients), summed over the runs, per 100 steps
// --smt      also run the Z3 backend (solveSmt) per task and seed, same time limit; --smt-seeds N: only N seeds

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadSketch, type Sketch } from '../src/sketch/load.ts';
import { compileRelaxed, type RelaxedEvaluator } from '../src/relax/index.ts';
import { createChecker } from '../src/exact/interpret.ts';
import { synthesize, type SynthesisResult } from '../src/synth/synthesize.ts';
import { examplesSolvedScreen } from '../src/synth/run-sketch.ts';
import { parseJson } from '../src/data/json.ts';
import { readParams } from '../src/data/params.ts';
import { Rng } from '../src/util/rng.ts';
import { SUITE_TASKS } from '../bench/suite-tasks.ts';

interface Task {
  readonly name: string;
  readonly program: string;
  readonly batch?: string;
  readonly set?: Record<string, number>;
  /** Generated data and hypers (extra circuit tasks), as JSON text. */
  readonly dataText?: string;
  readonly hypersText?: string;
}

/**
 * A circuit task outside the five of docs/BENCHMARKS.md, on the same program: `inputs` input wires
 * then ancilla wires (0) up to `wires`; every input row is an example; `f` maps the input bits (MSB first) to
 * the outputs, the first wires after the last gate.
 */
function extraCircuit(name: string, inputs: number, wires: number, gates: number, f: (bits: number[]) => number[]): Task {
  const instances = Array.from({ length: 2 ** inputs }, (_, row) => {
    const bits = Array.from({ length: inputs }, (_, i) => (row >> (inputs - 1 - i)) & 1);
    return { initial_wires: [...bits, ...Array(wires - inputs).fill(0)], final_wires: f(bits) };
  });
  const outputs = instances[0]!.final_wires.length;
  return {
    name,
    program: 'programs/circuit/circuit.tpt',
    batch: name,
    dataText: JSON.stringify([{ batch_name: name, hypers: name, instances }]),
    hypersText: JSON.stringify({ [name]: { numWires: wires, numGates: gates, numOutputs: outputs } }),
  };
}
const num = (bits: number[]): number => bits.reduce((n, b) => 2 * n + b, 0);
const bitsOf = (n: number, width: number): number[] => Array.from({ length: width }, (_, i) => (n >> (width - 1 - i)) & 1);

const circuit = (b: string): Task => ({ name: b, program: 'programs/circuit/circuit.tpt', batch: b });
const TASKS: Record<string, Task> = {
  nand: circuit('nand'),
  swap: circuit('swap'),
  shift: circuit('shift'),
  full_adder: circuit('full_adder'),
  adder2: circuit('adder2'),
  parity8: { name: 'parity8', program: 'programs/parity_chain/parity_chain.tpt', set: { K: 8 } },
  parity16: { name: 'parity16', program: 'programs/parity_chain/parity_chain.tpt', set: { K: 16 } },
  parity32: { name: 'parity32', program: 'programs/parity_chain/parity_chain.tpt', set: { K: 32 } },
  parity64: { name: 'parity64', program: 'programs/parity_chain/parity_chain.tpt', set: { K: 64 } },
  parity128: { name: 'parity128', program: 'programs/parity_chain/parity_chain.tpt', set: { K: 128 } },
  parity256: { name: 'parity256', program: 'programs/parity_chain/parity_chain.tpt', set: { K: 256 } },
  dnf: { name: 'dnf', program: 'programs/dnf/dnf.tpt' },
  turing_invert: { name: 'turing_invert', program: 'programs/turing/turing.tpt', batch: 'invert' },
  turing_prepend_zero: { name: 'turing_prepend_zero', program: 'programs/turing/turing.tpt', batch: 'prepend_zero' },
  turing_decrement: { name: 'turing_decrement', program: 'programs/turing/turing.tpt', batch: 'decrement' },
  tape: { name: 'tape', program: 'programs/tape/tape.tpt' },
  basic_block: { name: 'basic_block', program: 'programs/basic_block/basic_block.tpt' },
  mux: extraCircuit('mux', 3, 4, 4, ([c, a, b]) => [c ? b! : a!]),
  majority: extraCircuit('majority', 3, 4, 5, ([a, b, c]) => [a! + b! + c! >= 2 ? 1 : 0]),
  parity4: extraCircuit('parity4', 4, 4, 4, (bits) => [bits.reduce((x, y) => x ^ y, 0)]),
  half_adder: extraCircuit('half_adder', 2, 3, 3, ([a, b]) => bitsOf(a! + b!, 2)),
  full_adder6: extraCircuit('full_adder6', 3, 4, 6, ([a, b, c]) => bitsOf(a! + b! + c!, 2)),
  compare2: extraCircuit('compare2', 4, 5, 6, (bits) => [num(bits.slice(0, 2)) > num(bits.slice(2)) ? 1 : 0]),
  adder2_w6: extraCircuit('adder2_w6', 4, 6, 8, (bits) => bitsOf(num(bits.slice(0, 2)) + num(bits.slice(2)), 3)),
  adder2_g9: extraCircuit('adder2_g9', 4, 5, 9, (bits) => bitsOf(num(bits.slice(0, 2)) + num(bits.slice(2)), 3)),
  mult2: extraCircuit('mult2', 4, 7, 8, (bits) => bitsOf(num(bits.slice(0, 2)) * num(bits.slice(2)), 4)),
};
for (const t of SUITE_TASKS) {
  TASKS[t.name] ??= {
    name: t.name, program: t.program, ...(t.batch ? { batch: t.batch } : {}), ...(t.set ? { set: t.set } : {}),
  };
}
const GROUPS: Record<string, string[]> = {
  circuits: ['nand', 'swap', 'shift', 'full_adder', 'adder2'],
  others: ['parity32', 'parity128', 'parity256', 'dnf', 'turing_invert', 'turing_decrement', 'tape', 'basic_block'],
};
GROUPS.extra = ['mux', 'majority', 'parity4', 'half_adder', 'full_adder6', 'compare2', 'adder2_w6', 'adder2_g9', 'mult2'];
GROUPS.suite = SUITE_TASKS.map((t) => t.name);
GROUPS.tune = SUITE_TASKS.filter((t) => t.tune).map((t) => t.name);
GROUPS.held = SUITE_TASKS.filter((t) => !t.tune).map((t) => t.name);
GROUPS.all = [...GROUPS.circuits!, ...GROUPS.extra!, ...GROUPS.others!];

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
    verbose: false,
    stats: false,
    accuracy: false,
    smtSeeds: undefined as number[] | undefined,
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
      a.configs.push({ label: label!, optimizer: optimizer ?? 'gradsearch-ls', options });
    } else if (flag === '--seeds') a.seeds = Array.from({ length: Number(val()) }, (_, k) => k + 1);
    else if (flag === '--seed-list') a.seeds = val().split(',').map(Number);
    else if (flag === '--time') a.time = Number(val());
    else if (flag === '--steps') a.steps = Number(val());
    else if (flag === '--restarts') a.restarts = Number(val());
    else if (flag === '--json') a.json = val();
    else if (flag === '--smt') a.smt = true;
    else if (flag === '--verbose') a.verbose = true;
    else if (flag === '--accuracy') a.accuracy = true;
    else if (flag === '--stats') a.stats = true;
    else if (flag === '--smt-seeds') (a.smt = true), (a.smtSeeds = Array.from({ length: Number(val()) }, (_, k) => k + 1));
    else throw new Error(`unknown flag ${flag}`);
  }
  for (const t of a.tasks) if (!TASKS[t]) throw new Error(`unknown task ${t}; known: ${Object.keys(TASKS).join(', ')}`);
  if (a.configs.length === 0) a.configs.push({ label: 'default', optimizer: 'gradsearch-ls', options: {} });
  return a;
}

function load(task: Task): Sketch {
  const { sketch, diagnostics } = loadSketch(task.program, {
    batch: task.batch,
    set: task.set,
    ...(task.dataText ? { dataText: task.dataText, hypersText: task.hypersText } : {}),
  });
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
  if (args.accuracy) return accuracy(args.tasks, args.seeds.length);
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
    // Seeds outermost, configurations inside: every configuration's runs meet the same load, so their
    // times compare even on a shared machine.
    const byConfig = args.configs.map(() => ({ runs: [] as RunRecord[], counters: {} as Record<string, number> }));
    for (const seed of args.seeds) {
      args.configs.forEach((config, c) => {
        const { runs, counters } = byConfig[c]!;
        const finished: (() => void)[] = [];
        counts.full = counts.forward = 0;
        let lastScore = 0;
        const r: SynthesisResult = synthesize({
          objective: evaluator,
          verify: (asg) => (lastScore = checker.examplesSolved(toVars(asg))) === total,
          score: () => lastScore,
          screen: examplesSolvedScreen(evaluator.termCount, total),
          optimizer: config.optimizer,
          options: config.options,
          seed,
          maxSteps: args.steps,
          timeLimitSeconds: args.time,
          restarts: args.restarts,
          onOptimizer: (opt) => {
            const stats = (opt as { stats?: Record<string, number> }).stats;
            // Read when the run ends: the counters grow as it runs.
            // (bestFailing is a minimum, not a count.)
            if (stats) finished.push(() => Object.entries(stats).forEach(([k, v]) => k !== 'bestFailing' && (counters[k] = (counters[k] ?? 0) + v)));
          },
        });
        for (const read of finished.splice(0)) read();
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
        if (args.verbose) {
          console.log(`  ${config.label} ${taskName} seed ${seed}: ${r.success ? 'solved' : 'failed'} ${r.wallSeconds.toFixed(3)} s, ${r.steps} steps`);
        }
      });
    }
    args.configs.forEach((config, c) => {
      const { runs, counters } = byConfig[c]!;
      records.push(...runs);
      if (args.stats && Object.keys(counters).length > 0) {
        const per100 = 100 / Math.max(1, runs.reduce((n, r) => n + r.steps, 0));
        console.log('  per 100 steps: ' + Object.entries(counters).map(([k, v]) => `${k} ${fmt(v * per100, 1)}`).join(', '));
      }
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
          String(median(runs.map((r) => (r.success ? r.steps : Infinity)))).padStart(11) +
          fmt(median(runs.map((r) => r.stepsPerSecond)), 0).padStart(9) +
          fmt(mean(runs.map((r) => r.forwardPasses / Math.max(1, r.steps))), 1).padStart(10),
      );
    });
    if (args.smt) await runSmt(sketch, taskName, args.smtSeeds ?? args.seeds, args.time);
  }
  if (args.json) writeFileSync(args.json, JSON.stringify(records, null, 1));
  if (args.smt) (await import('../src/smt/index.ts')).shutdownSmt();
}

/** The Z3 backend (`solveSmt`, default encoding) on the same sketch, once per seed, warm (Z3 loaded before timing). */
async function runSmt(sketch: Sketch, taskName: string, seeds: readonly number[], limit: number): Promise<void> {
  const { solveSmt } = await import('../src/smt/index.ts');
  const times: number[] = [];
  let solved = 0;
  for (const seed of seeds) {
    const r = await solveSmt(sketch.program, sketch.dataset, { timeLimitSeconds: limit, seed });
    if (r.status === 'sat') solved++;
    times.push(r.status === 'sat' ? r.seconds : Infinity);
  }
  const ok = times.filter(Number.isFinite);
  console.log('smt'.padEnd(22) + taskName.padEnd(18) + `${solved}/${seeds.length}`.padEnd(8) + fmt(median(times), 3).padStart(8) + fmt(mean(ok), 3).padStart(12) + fmt(Math.max(...ok), 3).padStart(11));
}

/** The known solution of a bundled task (its params file), as one value per evaluator slot. */
function knownSolution(task: Task, sketch: Sketch, evaluator: RelaxedEvaluator): Int32Array | null {
  if (task.dataText) return null;
  const stem = task.program.replace(/\.tpt$/, '');
  const file = [`${stem}.${task.batch}.params.json`, `${stem}.params.json`].find((f) => existsSync(f));
  if (!file) return null;
  const { node } = parseJson(readFileSync(file, 'utf8'), file);
  const byVar = node && readParams(sketch.program, node, []);
  return byVar && Int32Array.from(evaluator.params, (p) => byVar[p.variable]!);
}

/**
 * For each task and each of `samples` vertices per kind (random; 1 and 3 random moves from the known
 * solution), compares every move's first-order estimate with its exact change in satisfied terms.
 * Prints: moves whose estimate is exact (within 0.5), samples where the best-estimated move is an
 * exactly best one, where an exactly best move is among the 4 best-estimated, for raw and linearised.
 */
function accuracy(tasks: readonly string[], samples: number): void {
  const rng = new Rng(7);
  console.log(`${samples} vertices per row; raw = log-loss gradient, lin = term weights p + eps`);
  console.log('task'.padEnd(18) + 'vertices'.padEnd(10) + 'exact(raw/lin)'.padStart(16) + 'top1-best(raw/lin)'.padStart(20) + 'best-in-top4(raw/lin)'.padStart(23));
  for (const name of tasks) {
    const task = TASKS[name]!;
    const sketch = load(task);
    const ev = compileRelaxed(sketch.program, sketch.dataset);
    const n = sketch.dataset.examples.length;
    const solution = knownSolution(task, sketch, ev);
    const probs = new Float64Array(ev.size);
    const grad = new Float64Array(ev.size);
    const satisfied = (): number => ev.termLosses.reduce((k, l) => k + (l < Math.LN2 ? 1 : 0), 0);
    for (const kind of solution ? ['random', 'near1', 'near3'] : ['random']) {
      const tally = { raw: [0, 0, 0], lin: [0, 0, 0] };
      let moves = 0;
      let used = 0;
      for (let rep = 0; rep < samples * 5 && used < samples; rep++) {
        const a = Int32Array.from(ev.params, (p) => rng.int(p.domain));
        if (kind !== 'random') {
          a.set(solution!);
          for (let m = kind === 'near1' ? 1 : 3; m > 0; m--) {
            const i = rng.int(a.length);
            a[i] = rng.int(ev.params[i]!.domain);
          }
        }
        probs.fill(0);
        ev.params.forEach((p, i) => (probs[p.offset + a[i]!] = 1));
        ev.termWeights.fill(1);
        ev.loss(probs);
        const base = satisfied();
        if (base === ev.termCount) continue; // already solved: nothing to predict
        used++;
        const exact: number[] = [];
        ev.params.forEach((p, i) => {
          for (let j = 0; j < p.domain; j++) {
            if (j === a[i]) continue;
            probs[p.offset + a[i]!] = 0;
            probs[p.offset + j] = 1;
            ev.loss(probs);
            exact.push(satisfied() - base);
            probs[p.offset + j] = 0;
            probs[p.offset + a[i]!] = 1;
          }
        });
        moves += exact.length;
        const bestExact = Math.max(...exact);
        for (const mode of ['raw', 'lin'] as const) {
          ev.termWeights.fill(1);
          if (mode === 'lin') {
            ev.loss(probs);
            for (let t = 0; t < ev.termCount; t++) ev.termWeights[t] = Math.exp(-ev.termLosses[t]!);
          }
          ev.lossAndGradient(probs, grad);
          const estimate: number[] = [];
          ev.params.forEach((p, i) => {
            for (let j = 0; j < p.domain; j++) if (j !== a[i]) estimate.push(-n * (grad[p.offset + j]! - grad[p.offset + a[i]!]!));
          });
          const order = estimate.map((e, m) => [e, m] as const).sort((x, y) => y[0] - x[0]).map((x) => x[1]);
          const t = tally[mode];
          t[0] += estimate.filter((e, m) => Math.abs(e - exact[m]!) < 0.5).length;
          if (exact[order[0]!] === bestExact) t[1]++;
          if (order.slice(0, 4).some((m) => exact[m] === bestExact)) t[2]++;
        }
      }
      ev.termWeights.fill(1);
      const pct = (x: number, of: number): string => `${Math.round((100 * x) / Math.max(1, of))}%`;
      console.log(
        name.padEnd(18) + `${kind}(${used})`.padEnd(10) +
          `${pct(tally.raw[0]!, moves)}/${pct(tally.lin[0]!, moves)}`.padStart(16) +
          `${pct(tally.raw[1]!, used)}/${pct(tally.lin[1]!, used)}`.padStart(20) +
          `${pct(tally.raw[2]!, used)}/${pct(tally.lin[2]!, used)}`.padStart(23),
      );
    }
  }
}

await main();
