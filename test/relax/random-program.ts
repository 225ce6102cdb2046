// Random well-formed lowered programs for property tests: random domains, tables of arity 0..4,
// nested cases whose branches assign shared and branch-local variables, inputs, observed outputs.
// Variables are write-once on every path and read only where assigned on every path.
import { DONT_CARE, type Dataset, type Example } from '../../src/data/dataset.ts';
import { runExact } from '../../src/exact/interpret.ts';
import type { Source, Stmt } from '../../src/ir/ir.ts';
import { Rng } from '../../src/util/rng.ts';
import { apply, assign, branch, copy, kase, konst, ProgramBuilder, type Fixture } from './fixtures.ts';

export interface RandomProgram extends Fixture {
  /** A random assignment (values indexed by variable id). */
  readonly assignment: Int32Array;
}

export function randomProgram(seed: number): RandomProgram {
  const rng = new Rng(seed);
  const b = new ProgramBuilder();
  const domain = (): number => 1 + rng.int(4);
  let fresh = 0;
  const newVar = (role: 'var' | 'output' = 'var'): number => b.scalar(`v${fresh++}`, role, domain());

  const params = Array.from({ length: 1 + rng.int(3) }, (_, i) => b.scalar(`p${i}`, 'param', 1 + rng.int(4)));
  const inputs = Array.from({ length: rng.int(3) }, (_, i) => b.scalar(`in${i}`, 'input', 1 + rng.int(3)));
  const assigned: number[] = []; // every variable assigned somewhere: candidates for observation

  const source = (target: number, readable: readonly number[]): Source => {
    const d = b.vars[target]!.domain;
    const r = rng.next();
    if (r < 0.15) return konst(rng.int(d));
    const narrower = readable.filter((v) => b.vars[v]!.domain <= d); // a wider copy could fault
    if (r < 0.35 && narrower.length > 0) return copy(narrower[rng.int(narrower.length)]!);
    const arity = rng.next() < 0.1 ? (rng.next() < 0.5 ? 0 : 4) : 1 + rng.int(3);
    const args = Array.from({ length: arity }, () => readable[rng.int(readable.length)]!);
    const argDomains = args.map((a) => b.vars[a]!.domain);
    const values = Array.from({ length: argDomains.reduce((x, y) => x * y, 1) }, () => rng.int(d));
    const t = b.table(`f${b.tables.length}`, argDomains, d, (...xs) => values[xs.reduce((acc, x, i) => acc * argDomains[i]! + x, 0)]!);
    return apply(t, ...args);
  };

  /** Statements over `readable` (extended in place with what they assign on every path). */
  const block = (readable: number[], depth: number): Stmt[] => {
    const body: Stmt[] = [];
    const n = 1 + rng.int(depth === 0 ? 5 : 3);
    for (let s = 0; s < n; s++) {
      if (depth >= 2 || rng.next() < 0.55) {
        const target = newVar();
        body.push(assign(target, source(target, readable)));
        readable.push(target);
        assigned.push(target);
        continue;
      }
      const subject = readable[rng.int(readable.length)]!;
      const dc = b.vars[subject]!.domain;
      // A random partition of the subject's values into branches (some may end up with no body).
      const owner = Array.from({ length: dc }, () => rng.int(dc));
      const parts = [...new Set(owner)].map((k) => owner.flatMap((o, v) => (o === k ? [v] : [])));
      const mixed = Array.from({ length: 1 + rng.int(2) }, () => newVar());
      const everywhere = new Set(mixed);
      const branches = parts.map((values) => {
        const inner = [...readable];
        const stmts = rng.next() < 0.7 ? block(inner, depth + 1) : [];
        for (const v of mixed) {
          if (rng.next() < 0.75) stmts.push(assign(v, source(v, inner)));
          else everywhere.delete(v);
        }
        // The exact interpreter lets a program overwrite a Param; other branches keep the supplied value.
        if (rng.next() < 0.1) stmts.push(assign(params[rng.int(params.length)]!, konst(0)));
        return branch(values, stmts);
      });
      body.push(kase(subject, branches));
      assigned.push(...mixed);
      readable.push(...mixed.filter((v) => everywhere.has(v)));
    }
    return body;
  };

  const readable = [...params, ...inputs];
  const body = block(readable, 0);
  if (rng.next() < 0.15) body.push(assign(params[0]!, konst(0))); // the exact interpreter allows overwriting a Param
  const candidates = [...assigned, ...params, ...inputs];
  const observed = [...new Set(Array.from({ length: 1 + rng.int(4) }, () => candidates[rng.int(candidates.length)]!))];
  if (rng.next() < 0.1) observed.push(newVar('output')); // never assigned: p = 0 whatever the Params
  const program = b.build(body, `random-${seed}.tpt`);

  const assignment = new Int32Array(program.vars.length);
  for (const p of params) assignment[p] = rng.int(b.vars[p]!.domain);
  const examples: Example[] = Array.from({ length: 1 + rng.int(3) }, (_, e) => ({
    name: `e${e}`,
    inputs: Int32Array.from(inputs, (v) => rng.int(b.vars[v]!.domain)),
    expected: Int32Array.from(observed, (v) => (rng.next() < 0.15 ? DONT_CARE : rng.int(b.vars[v]!.domain))),
  }));
  let dataset: Dataset = { inputVars: inputs, observedVars: observed, examples };
  if (rng.next() < 0.5) {
    // Make `assignment` a solution half the time, so that `solves` is true in some cases.
    const run = runExact(program, dataset, assignment);
    dataset = {
      ...dataset,
      examples: examples.map((ex, e) => ({ ...ex, expected: Int32Array.from(observed, (v, i) => (ex.expected[i] === DONT_CARE ? DONT_CARE : run.examples[e]!.values[v]!)) })),
    };
  }
  return { program, dataset, assignment };
}
