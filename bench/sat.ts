// Benchmark: the SAT backend's CNF encodings and solvers on the circuit tasks: CNF size, runs solved,
// median seconds (encoding + solving) and median conflicts over seeds; every model is verified.
// Run: `npm run bench:sat -- [--tasks shift,full_adder,adder2] [--seeds N] [--first-seed N] [--limit S] [--configs onehot/cadical,...]`.
import { loadSketch, solves } from '../src/index.ts';
import { CNF_ENCODINGS, encodeCnf, solveSat, SOLVERS, type CnfEncodingName, type SolverName } from '../src/sat/index.ts';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

const tasks = flag('--tasks', 'shift,full_adder').split(',');
const seeds = Number(flag('--seeds', '5'));
const firstSeed = Number(flag('--first-seed', '1'));
const limit = Number(flag('--limit', '120'));
const allConfigs = CNF_ENCODINGS.flatMap((e) => SOLVERS.map((s) => `${e}/${s}`));
const configs = flag('--configs', allConfigs.join(',')).split(',');

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const fmt = (s: number): string => (Number.isFinite(s) ? (s < 0.1 ? s.toPrecision(2) : s.toFixed(2)) : `>${limit}`);

console.log(`SAT backend on the circuits: seeds ${firstSeed}..${firstSeed + seeds - 1} (CaDiCaL's seed; MiniSat is deterministic), ${limit} s limit; seconds are encoding + solving`);
console.log('');
console.log('| task | encoding | solver | variables | clauses | solved | median s | per seed | median conflicts |');
console.log('|---|---|---|---:|---:|---:|---:|---|---:|');
for (const task of tasks) {
  const r = loadSketch('programs/circuit/circuit.tpt', { batch: task });
  if (!r.sketch) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  const { program, dataset } = r.sketch;
  for (const config of configs) {
    const [encoding, solver] = config.split('/') as [CnfEncodingName, SolverName];
    const { cnf } = encodeCnf(program, dataset, encoding);
    const times: number[] = [];
    const conflicts: number[] = [];
    for (let seed = firstSeed; seed < firstSeed + (solver === 'minisat' ? 1 : seeds); seed++) {
      const answer = await solveSat(program, dataset, { timeLimitSeconds: limit, encoding, solver, seed });
      const ok = answer.status === 'sat' && solves(program, dataset, answer.assignment!);
      if (answer.status === 'sat' && !ok) throw new Error(`${task} ${config}: the model does not solve the data`);
      times.push(ok ? answer.seconds : Infinity);
      if (answer.conflicts !== null) conflicts.push(answer.conflicts);
    }
    const solved = times.filter(Number.isFinite).length;
    console.log(
      `| ${task} | ${encoding} | ${solver} | ${cnf.variables} | ${cnf.clauses} | ${solved}/${times.length} | ${fmt(median(times))} | ` +
        `${times.map(fmt).join(' ')} | ${conflicts.length ? median(conflicts) : '-'} |`,
    );
  }
}
process.exit(0);
