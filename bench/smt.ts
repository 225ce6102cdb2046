// Benchmark: seconds for Z3 (src/smt) per circuit task with the default encoding, and the alternative
// encodings on the smaller tasks. Run: `npx tsx bench/smt.ts [--seeds N] [--adder2-seeds N] [--adder2-limit S] [--skip-adder2]`.
import { loadSketch, solves } from '../src/index.ts';
import { DEFAULT_ENCODING, defaultLogic, ENCODINGS, shutdownSmt, solveSmt, type EncodingName, type SmtOptions } from '../src/smt/index.ts';

const SMALL = ['nand', 'swap', 'shift', 'full_adder'];
/** Seconds our earlier Z3 encoding needed on this machine (from the issue). */
const REFERENCE: Record<string, number> = { nand: 0.25, swap: 0.6, shift: 1.7, full_adder: 1.8, adder2: 50 };

export interface BenchSmtOptions {
  /** Seeds per (task, configuration); the median is reported. */
  readonly seeds?: number;
  readonly adder2Limit?: number;
  /** Seeds for adder2 (default 3). */
  readonly adder2Seeds?: number;
  readonly skipAdder2?: boolean;
}

interface Config {
  readonly label: string;
  readonly options: Partial<SmtOptions>;
}

const configs: Config[] = [
  ...ENCODINGS.map((encoding: EncodingName) => ({ label: encoding, options: { encoding } })),
  { label: 'clauses, auto logic', options: { encoding: 'clauses', logic: '' } },
  { label: 'onehot+QF_FD', options: { encoding: 'onehot', logic: 'QF_FD' } },
  { label: 'onehot unnamed', options: { encoding: 'onehot', nameValues: false } },
  { label: 'clauses+cegis', options: { encoding: 'clauses', cegis: true } },
];

function circuit(batch: string) {
  const r = loadSketch('programs/circuit/circuit.tpt', { batch });
  if (!r.sketch) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.sketch;
}

/** Runs one task under one configuration for `seeds` seeds: per-seed seconds (Infinity when unsolved). */
async function timeTask(task: string, options: Partial<SmtOptions>, seeds: number, limit: number): Promise<number[]> {
  const { program, dataset } = circuit(task);
  const times: number[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    const r = await solveSmt(program, dataset, { timeLimitSeconds: limit, seed, ...options });
    const ok = r.status === 'sat' && solves(program, dataset, r.assignment!);
    if (r.status === 'sat' && !ok) throw new Error(`${task}: Z3's answer does not solve the data`);
    times.push(ok ? r.seconds : Infinity);
  }
  return times;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const fmt = (s: number): string => (Number.isFinite(s) ? s.toFixed(2) : '  -  ');

export async function benchSmt(options: BenchSmtOptions = {}): Promise<string> {
  const seeds = options.seeds ?? 3;
  const lines: string[] = [];
  const warm = circuit('nand');
  await solveSmt(warm.program, warm.dataset, { timeLimitSeconds: 30 }); // load Z3 and start its worker

  const logic = defaultLogic(DEFAULT_ENCODING) ?? 'auto';
  lines.push(`Z3 (z3-solver, WebAssembly), default encoding '${DEFAULT_ENCODING}' (logic ${logic}): median of ${seeds} seeds, seconds (encoding + solving)`);
  lines.push(`${'task'.padEnd(12)} ${'median'.padStart(8)} ${'reference'.padStart(10)}   per seed`);
  for (const task of SMALL) {
    const t = await timeTask(task, { encoding: DEFAULT_ENCODING }, seeds, 120);
    lines.push(`${task.padEnd(12)} ${fmt(median(t)).padStart(8)} ${REFERENCE[task]!.toFixed(2).padStart(10)}   ${t.map(fmt).join(' ')}`);
  }
  if (!options.skipAdder2) {
    const limit = options.adder2Limit ?? 300;
    const t = await timeTask('adder2', { encoding: DEFAULT_ENCODING }, options.adder2Seeds ?? 3, limit);
    lines.push(`${'adder2'.padEnd(12)} ${fmt(median(t)).padStart(8)} ${REFERENCE['adder2']!.toFixed(2).padStart(10)}   ${t.map(fmt).join(' ')}  (limit ${limit} s; '-' = not solved)`);
  }

  lines.push('', `Alternatives on the smaller tasks: median of ${seeds} seeds, seconds`);
  lines.push(`${'configuration'.padEnd(20)} ${SMALL.map((t) => t.padStart(11)).join('')}`);
  for (const config of configs) {
    const cells: string[] = [];
    for (const task of SMALL) cells.push(fmt(median(await timeTask(task, config.options, seeds, 60))).padStart(11));
    lines.push(`${config.label.padEnd(20)} ${cells.join('')}`);
  }
  return lines.join('\n');
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seeds = flag('--seeds');
  const limit = flag('--adder2-limit');
  const adder2Seeds = flag('--adder2-seeds');
  benchSmt({
    ...(adder2Seeds ? { adder2Seeds: Number(adder2Seeds) } : {}),
    ...(seeds ? { seeds: Number(seeds) } : {}),
    ...(limit ? { adder2Limit: Number(limit) } : {}),
    skipAdder2: process.argv.includes('--skip-adder2'),
  })
    .then((text) => console.log(text))
    .finally(() => shutdownSmt());
}
