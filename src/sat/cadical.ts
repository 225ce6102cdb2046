// CaDiCaL (the cadical-wasm package: CaDiCaL 3 compiled to WebAssembly) in this thread. The time limit
// is CaDiCaL's terminate callback, polled during the search; the conflict count is read from the
// statistics it prints. cadical-wasm is imported on first use, like z3-solver.
import type { Cadical as CadicalSolver, CadicalModule } from 'cadical-wasm';
import type { CnfClauses, SolveRequest, SolverAnswer } from './solver.ts';

interface Loaded {
  readonly Cadical: typeof CadicalSolver;
  readonly mod: CadicalModule;
  /** The module's output, captured while statistics print. */
  readonly output: string[];
}

/** One module (one WebAssembly heap) per thread. */
let loaded: Promise<Loaded> | null = null;

function load(): Promise<Loaded> {
  loaded ??= (async () => {
    const { Cadical, createModule } = await import('cadical-wasm');
    const output: string[] = [];
    const sink = (line: string): void => void output.push(line);
    return { Cadical, mod: await createModule({ print: sink, printErr: sink }), output };
  })().catch((e: unknown) => {
    loaded = null;
    throw e;
  });
  return loaded;
}

let warm: Promise<void> | null = null;

/**
 * Loads the WebAssembly module and refutes a small pigeonhole formula once per thread (about 0.3 s,
 * untimed): the first solves in a fresh module run several times slower while V8 compiles the hot
 * code and the heap grows, which would otherwise fall on the first timed run.
 */
export function warmUpCadical(): Promise<void> {
  warm ??= (async () => {
    const { Cadical, mod } = await load();
    const solver = new Cadical(mod, { quiet: true });
    const holes = 7;
    const v = (pigeon: number, hole: number): number => pigeon * holes + hole + 1;
    for (let p = 0; p <= holes; p++) solver.addClause(Array.from({ length: holes }, (_, h) => v(p, h)));
    for (let h = 0; h < holes; h++) for (let a = 0; a <= holes; a++) for (let b = a + 1; b <= holes; b++) solver.addClause([-v(a, h), -v(b, h)]);
    solver.solve();
    solver.dispose();
  })();
  return warm;
}

export async function solveCadical(cnf: CnfClauses, request: SolveRequest): Promise<SolverAnswer> {
  const { Cadical, mod, output } = await load();
  const start = performance.now();
  const deadline = start + request.seconds * 1000;
  const solver = new Cadical(mod, { quiet: false, seed: (request.seed ?? 0) % 2_000_000_000 });
  try {
    solver.ensureVars(cnf.variables);
    const lits = cnf.literals;
    let from = 0;
    for (let i = 0; i < lits.length; i++) {
      if (lits[i] !== 0) continue;
      solver.addClause(lits.subarray(from, i));
      from = i + 1;
    }
    let stopped = false;
    solver.setTerminate(() => (stopped = performance.now() >= deadline));
    const verdict = solver.solve();
    let model: Uint8Array | null = null;
    if (verdict === 'satisfiable') {
      model = new Uint8Array(cnf.variables + 1);
      for (let v = 1; v <= cnf.variables; v++) model[v] = solver.value(v) ? 1 : 0;
    }
    const seconds = (performance.now() - start) / 1000;
    output.length = 0;
    solver.printStatistics();
    const conflicts = readConflicts(output);
    output.length = 0;
    const status = verdict === 'satisfiable' ? 'sat' : verdict === 'unsatisfiable' ? 'unsat' : stopped ? 'timeout' : 'unknown';
    return { status, model, conflicts, seconds };
  } finally {
    solver.dispose();
  }
}

/** The `conflicts:` line of CaDiCaL's statistics (absent when there were none). */
function readConflicts(lines: readonly string[]): number {
  for (const line of lines) {
    const m = /^c\s+conflicts:\s+(\d+)/.exec(line);
    if (m) return Number(m[1]);
  }
  return 0;
}
