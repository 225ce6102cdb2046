// A deliberately slow, obviously-correct relaxed interpreter straight from docs/SEMANTICS.md
// (Relaxed semantics): one Map of vectors per example, every branch evaluated and mixed. The compiled tape must agree with it.
import { DONT_CARE, type Dataset } from '../../src/data/dataset.ts';
import type { ParamSlot } from '../../src/relax/objective.ts';
import type { Program, Source, Stmt } from '../../src/ir/ir.ts';

export interface ReferenceResult {
  readonly loss: number;
  /** outputs[e][i]: distribution of observed variable i on example e. */
  readonly outputs: Float64Array[][];
}

type Env = Map<number, Float64Array>;

export function referenceRelaxed(
  program: Program,
  dataset: Dataset,
  params: readonly ParamSlot[],
  probs: Float64Array,
  epsilon: number,
): ReferenceResult {
  const outputs: Float64Array[][] = [];
  let total = 0;
  dataset.examples.forEach((ex) => {
    const env: Env = new Map();
    for (const p of params) env.set(p.variable, probs.slice(p.offset, p.offset + p.domain));
    dataset.inputVars.forEach((v, i) => env.set(v, oneHot(ex.inputs[i]!, program.vars[v]!.domain)));
    run(program, program.body, env);
    const row = dataset.observedVars.map((v) => env.get(v) ?? new Float64Array(program.vars[v]!.domain));
    outputs.push(row);
    row.forEach((mu, i) => {
      const want = ex.expected[i]!;
      if (want !== DONT_CARE) total += -Math.log((want >= 0 && want < mu.length ? mu[want]! : 0) + epsilon);
    });
  });
  return { loss: dataset.examples.length > 0 ? total / dataset.examples.length : 0, outputs };
}

function oneHot(v: number, domain: number): Float64Array {
  const mu = new Float64Array(domain);
  if (v >= 0 && v < domain) mu[v] = 1;
  return mu;
}

/** `mu` seen in another domain: extra entries dropped, missing ones 0. */
function resize(mu: Float64Array | undefined, domain: number): Float64Array {
  const out = new Float64Array(domain);
  if (mu) for (let k = 0; k < Math.min(domain, mu.length); k++) out[k] = mu[k]!;
  return out;
}

function run(program: Program, body: readonly Stmt[], env: Env): void {
  for (const stmt of body) {
    if (stmt.kind === 'assign') {
      env.set(stmt.target, evaluate(program, stmt.source, program.vars[stmt.target]!.domain, env));
      continue;
    }
    const mu = env.get(stmt.subject) ?? new Float64Array(program.vars[stmt.subject]!.domain);
    const branchEnvs = stmt.branches.map((b) => {
      const child: Env = new Map(env);
      run(program, b.body, child);
      return child;
    });
    const changed = new Set<number>();
    for (const child of branchEnvs) for (const [v, x] of child) if (env.get(v) !== x) changed.add(v);
    for (const v of changed) {
      const mixed = new Float64Array(program.vars[v]!.domain);
      stmt.branches.forEach((b, k) => {
        const x = branchEnvs[k]!.get(v); // the value before the case when the branch leaves v alone
        if (!x) return;
        for (const c of b.values) for (let d = 0; d < mixed.length; d++) mixed[d] += mu[c]! * x[d]!;
      });
      env.set(v, mixed);
    }
  }
}

function evaluate(program: Program, src: Source, domain: number, env: Env): Float64Array {
  if (src.kind === 'const') return oneHot(src.value, domain);
  if (src.kind === 'copy') return resize(env.get(src.from), domain);
  const table = program.tables[src.table]!;
  const args = src.args.map((a, i) => resize(env.get(a), table.argDomains[i]!));
  const out = new Float64Array(domain);
  for (let flat = 0; flat < table.values.length; flat++) {
    let p = 1;
    let rest = flat;
    for (let i = args.length - 1; i >= 0; i--) {
      p *= args[i]![rest % table.argDomains[i]!]!;
      rest = Math.floor(rest / table.argDomains[i]!);
    }
    const k = table.values[flat]!;
    if (k >= 0 && k < domain) out[k] += p;
  }
  return out;
}
