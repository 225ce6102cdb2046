// A CNF builder behind the encodings' Boolean interface. Terms are ints: a DIMACS literal (v or -v)
// for a variable, or ±(GATE + i) for AND gate i (an OR is a negated AND of negations). Gates are
// hash-consed and cost nothing until a clause needs them as a literal: asserting a negated AND (an
// OR) writes one clause with nested ORs inlined, asserting an AND asserts its arguments, and only a
// gate met inside a clause gets a variable with its Tseitin definition. So the clause encoding's
// implications become exactly one clause each.
import type { BoolTerms } from '../smt/logic.ts';

const GATE = 1 << 28;

/** A growable Int32Array. */
class IntList {
  data = new Int32Array(1024);
  length = 0;

  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }

  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/** Orders terms by variable (gate), then negative before positive. */
function byVariable(a: number, b: number): number {
  return Math.abs(a) - Math.abs(b) || a - b;
}

export class CnfBuilder implements BoolTerms<number> {
  private vars = 0;
  /** Every clause's literals followed by 0, as in DIMACS. */
  private readonly lits = new IntList();
  private clauseCount = 0;
  /** Gate i's arguments: `args[argStart[i] .. argStart[i + 1])`. */
  private readonly args = new IntList();
  private readonly argStart: number[] = [0];
  private readonly gateKeys = new Map<string, number>();
  /** Gate i's variable once it has one (0 before). */
  private readonly gateVar: number[] = [];
  /** Gates whose conjunction (+) or negation (-) was asserted, so each is written once. */
  private readonly asserted = new Set<number>();
  private trueVar = 0;
  /** The model of the last solve, indexed by variable (1-based). */
  private model: Uint8Array | null = null;

  get variables(): number {
    return this.vars;
  }

  get clauses(): number {
    return this.clauseCount;
  }

  /** Clauses as DIMACS literals, each followed by 0 (a view: valid until the next clause). */
  clauseLiterals(): Int32Array {
    return this.lits.view();
  }

  fresh(_name: string): number {
    return ++this.vars;
  }

  not(a: number): number {
    return -a;
  }

  and(xs: number[]): number {
    // Sorted by variable, so that duplicates and complementary pairs are neighbours.
    const sorted = xs.length === 2 ? (byVariable(xs[0]!, xs[1]!) <= 0 ? [xs[0]!, xs[1]!] : [xs[1]!, xs[0]!]) : [...xs].sort(byVariable);
    let n = 0;
    for (let i = 0; i < sorted.length; i++) {
      const x = sorted[i]!;
      if (n > 0 && sorted[n - 1] === x) continue;
      if (n > 0 && sorted[n - 1] === -x) return -this.truth();
      sorted[n++] = x;
    }
    sorted.length = n;
    if (n === 0) return this.truth();
    if (n === 1) return sorted[0]!;
    const key = sorted.join(',');
    let g = this.gateKeys.get(key);
    if (g === undefined) {
      g = this.argStart.length - 1;
      for (const x of sorted) this.args.push(x);
      this.argStart.push(this.args.length);
      this.gateVar.push(0);
      this.gateKeys.set(key, g);
    }
    return GATE + g;
  }

  or(xs: number[]): number {
    return -this.and(xs.map((x) => -x));
  }

  implies(a: number, b: number): number {
    return this.or([-a, b]);
  }

  eq(a: number, b: number): number {
    return this.and([this.implies(a, b), this.implies(b, a)]);
  }

  /** A literal for a term or a constant (a variable that a unit clause makes true, or its negation). */
  literalOf(b: boolean | number): number {
    return typeof b === 'boolean' ? (b ? this.truth() : -this.truth()) : this.literal(b);
  }

  /** A variable that a unit clause makes true (for terms that fold to a constant). */
  private truth(): number {
    if (this.trueVar === 0) {
      this.trueVar = ++this.vars;
      this.addClause([this.trueVar]);
    }
    return this.trueVar;
  }

  /** Asserts term `t`: an AND asserts each argument, anything else becomes one clause. */
  assert(t: number): void {
    if (t >= GATE) {
      if (this.asserted.has(t)) return;
      this.asserted.add(t);
      const g = t - GATE;
      for (let i = this.argStart[g]!; i < this.argStart[g + 1]!; i++) this.assert(this.args.data[i]!);
      return;
    }
    if (t <= -GATE) {
      if (this.asserted.has(t)) return;
      this.asserted.add(t);
    }
    const clause: number[] = [];
    this.collectOr(t, clause);
    this.addClause(clause);
  }

  /** The literals of the disjunction `t`, with nested disjunctions (negated ANDs) inlined. */
  private collectOr(t: number, out: number[]): void {
    if (t <= -GATE) {
      const g = -t - GATE;
      for (let i = this.argStart[g]!; i < this.argStart[g + 1]!; i++) this.collectOr(-this.args.data[i]!, out);
    } else out.push(this.literal(t));
  }

  /** A DIMACS literal for term `t`: a gate gets a variable and its definition on first use. */
  literal(t: number): number {
    const a = Math.abs(t);
    if (a < GATE) return t;
    const g = a - GATE;
    let v = this.gateVar[g]!;
    if (v === 0) {
      v = this.gateVar[g] = ++this.vars;
      const start = this.argStart[g]!;
      const end = this.argStart[g + 1]!;
      const back: number[] = [v];
      for (let i = start; i < end; i++) {
        const x = this.literal(this.args.data[i]!);
        this.addClause([-v, x]);
        back.push(-x);
      }
      this.addClause(back);
    }
    return t < 0 ? -v : v;
  }

  addClause(lits: readonly number[]): void {
    for (const l of lits) this.lits.push(l);
    this.lits.push(0);
    this.clauseCount++;
  }

  /** Installs a solver's model (`model[v]` for v = 1..variables) for {@link evalBool}. */
  setModel(model: Uint8Array | null): void {
    this.model = model;
  }

  evalBool(t: number): boolean {
    if (!this.model) throw new Error('cnf: no model');
    const a = Math.abs(t);
    let value: boolean;
    if (a < GATE) value = this.model[a] === 1;
    else {
      const g = a - GATE;
      value = true;
      for (let i = this.argStart[g]!; i < this.argStart[g + 1]! && value; i++) value = this.evalBool(this.args.data[i]!);
    }
    return t < 0 ? !value : value;
  }
}
