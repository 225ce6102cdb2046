// A hand-written Boolean-circuit Objective (docs/BENCHMARKS.md, Definitions) for optimizer tests,
// independent of the relaxed evaluator: a tiny tape-based reverse mode over scalars, rebuilt every
// call (slow, obviously right).

import type { Objective, ParamSlot } from '../../src/relax/objective.ts';
import type { Fixture } from './fixtures.ts';

const EPS = 1e-7;

/** A scalar tape: node values, and per node up to two parents with their local derivatives. */
class Tape {
  value: number[] = [];
  parentA: number[] = [];
  parentB: number[] = [];
  dA: number[] = [];
  dB: number[] = [];
  leaf(v: number): number {
    return this.push(v, -1, 0, -1, 0);
  }
  add(a: number, b: number): number {
    return this.push(this.value[a]! + this.value[b]!, a, 1, b, 1);
  }
  mul(a: number, b: number): number {
    return this.push(this.value[a]! * this.value[b]!, a, this.value[b]!, b, this.value[a]!);
  }
  sum(xs: readonly number[]): number {
    return xs.reduce((acc, x) => this.add(acc, x));
  }
  private push(v: number, a: number, da: number, b: number, db: number): number {
    this.value.push(v);
    this.parentA.push(a);
    this.dA.push(da);
    this.parentB.push(b);
    this.dB.push(db);
    return this.value.length - 1;
  }
  /** Reverse pass from `seeds` (node -> d loss / d node); returns the adjoint of every node. */
  backward(seeds: ReadonlyMap<number, number>): Float64Array {
    const adj = new Float64Array(this.value.length);
    for (const [n, g] of seeds) adj[n] += g;
    for (let n = this.value.length - 1; n >= 0; n--) {
      const g = adj[n]!;
      if (g === 0) continue;
      if (this.parentA[n]! >= 0) adj[this.parentA[n]!] += g * this.dA[n]!;
      if (this.parentB[n]! >= 0) adj[this.parentB[n]!] += g * this.dB[n]!;
    }
    return adj;
  }
}

/** A circuit task: wires, gates, outputs and the truth table (inputs, then expected outputs). */
export interface CircuitTask {
  readonly wires: number;
  readonly gates: number;
  readonly outputs: number;
  readonly rows: readonly (readonly [readonly number[], readonly number[]])[];
}

/** nand: W 3, G 2, O 1, [a, b, 0] -> [not (a and b)]. */
export const nandTask: CircuitTask = {
  wires: 3,
  gates: 2,
  outputs: 1,
  rows: [0, 1, 2, 3].map((r) => [[r >> 1, r & 1, 0], [1 - ((r >> 1) & r & 1)]] as const),
};

/** swap: W 3, G 3, O 2, [a, b, 0] -> [b, a]. */
export const swapTask: CircuitTask = {
  wires: 3,
  gates: 3,
  outputs: 2,
  rows: [0, 1, 2, 3].map((r) => [[r >> 1, r & 1, 0], [r & 1, r >> 1]] as const),
};

/** Gate g's result for gate type t (0 AND, 1 OR, 2 XOR, 3 NOT(in1), 4 NOP(in1)). */
function apply(t: number, a: number, b: number): number {
  return [a & b, a | b, a ^ b, 1 - a, a][t]!;
}

/**
 * The circuit model as an Objective: per gate Params gate in {0..4}, in1, in2, out in {0..W-1};
 * every wire is a 2-vector; a case split on `out` mixes the written and the copied wire.
 */
export function circuit(task: CircuitTask): Fixture {
  const { wires: W, gates: G, outputs: O, rows } = task;
  const domains: number[] = [];
  for (let g = 0; g < G; g++) domains.push(5, W, W, W);
  let offset = 0;
  const params: ParamSlot[] = domains.map((domain, i) => {
    const slot = { variable: i, name: `${['gate', 'in1', 'in2', 'out'][i % 4]}[${Math.floor(i / 4)}]`, domain, offset };
    offset += domain;
    return slot;
  });
  const termCount = rows.length * O;
  const termWeights = new Float64Array(termCount).fill(1);
  const termLosses = new Float64Array(termCount);
  const objective: Objective = {
    params,
    size: offset,
    termCount,
    termWeights,
    termLosses,
    lossAndGradient(probs, grad) {
      const tape = new Tape();
      const p = Array.from(probs, (v) => tape.leaf(v)); // leaves 0..size-1
      const seeds = new Map<number, number>();
      let loss = 0;
      rows.forEach(([input, expected], e) => {
        let wire = input.map((bit) => [tape.leaf(1 - bit), tape.leaf(bit)]);
        for (let g = 0; g < G; g++) {
          const [pg, pi1, pi2, po] = [0, 1, 2, 3].map((k) => params[4 * g + k]!.offset) as [number, number, number, number];
          // The wire chosen by a Param: sum_i p[i] * wire_i, per value.
          const read = (base: number): number[] =>
            [0, 1].map((v) => tape.sum(wire.map((w, i) => tape.mul(p[base + i]!, w[v]!))));
          const a = read(pi1);
          const b = read(pi2);
          const r = [0, 1].map((k) => {
            const terms: number[] = [];
            for (let t = 0; t < 5; t++)
              for (let i = 0; i < 2; i++)
                for (let j = 0; j < 2; j++)
                  if (apply(t, i, j) === k) terms.push(tape.mul(p[pg + t]!, tape.mul(a[i]!, b[j]!)));
            return tape.sum(terms);
          });
          wire = wire.map((w, i) => {
            // Case split on `out`: written with p_out[i], copied with the rest of p_out's mass.
            const others = tape.sum(Array.from({ length: W }, (_, o) => o).filter((o) => o !== i).map((o) => p[po + o]!));
            return [0, 1].map((v) => tape.add(tape.mul(p[po + i]!, r[v]!), tape.mul(others, w[v]!)));
          });
        }
        for (let o = 0; o < O; o++) {
          const term = e * O + o;
          const node = wire[o]![expected[o]!]!;
          const q = tape.value[node]! + EPS;
          termLosses[term] = -Math.log(q);
          loss += (termWeights[term]! * termLosses[term]!) / rows.length;
          seeds.set(node, (seeds.get(node) ?? 0) - termWeights[term]! / rows.length / q);
        }
      });
      const adj = tape.backward(seeds);
      for (let i = 0; i < probs.length; i++) grad[i] = adj[p[i]!]!;
      return loss;
    },
  };
  const run = (asg: Int32Array, input: readonly number[]): number[] => {
    const w = [...input];
    for (let g = 0; g < G; g++) w[asg[4 * g + 3]!] = apply(asg[4 * g]!, w[asg[4 * g + 1]!]!, w[asg[4 * g + 2]!]!);
    return w.slice(0, O);
  };
  const score = (asg: Int32Array): number =>
    rows.reduce((n, [input, expected]) => n + run(asg, input).filter((v, o) => v === expected[o]).length, 0);
  return { objective, verify: (asg) => score(asg) === termCount, score };
}
