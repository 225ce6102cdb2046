// Walks the lowered program once and turns it into a value graph: each assignment names a node,
// each case merges the variables its branches assign. Scopes are layered so a branch costs only its writes.
import type { Program, Source, Stmt } from '../ir/ir.ts';
import type { Dataset } from '../data/dataset.ts';
import type { ParamSlot } from './objective.ts';
import { InternalError } from '../util/diagnostics.ts';
import { Graph, ZERO, type MixBranch } from './graph.ts';

/** The graph of a program on a dataset, and where its Params and observed values are. */
export interface BuiltGraph {
  readonly graph: Graph;
  readonly params: readonly ParamSlot[];
  /** Node of each `Dataset.observedVars` entry after the whole program (ZERO if never assigned). */
  readonly observed: readonly number[];
  /** Node of any variable after the whole program (ZERO if never assigned). */
  readonly final: (variable: number) => number;
}

/**
 * Variable id -> current node, layered: a branch writes into its own scope over its parent's. The
 * root scope (most writes, in big programs) is an array; branch scopes are small maps.
 */
class Scope {
  readonly writes = new Map<number, number>();
  private readonly root: Int32Array | null;

  constructor(
    private readonly parent: Scope | null,
    variables = 0,
  ) {
    this.root = parent ? null : new Int32Array(variables).fill(ZERO);
  }

  set(v: number, node: number): void {
    if (this.root) this.root[v] = node;
    else this.writes.set(v, node);
  }

  lookup(v: number): number {
    for (let s: Scope | null = this; s; s = s.parent) {
      if (s.root) return s.root[v]!;
      const n = s.writes.get(v);
      if (n !== undefined) return n;
    }
    return ZERO;
  }
}

export function buildGraph(program: Program, dataset: Dataset): BuiltGraph {
  const graph = new Graph(dataset.examples.length, program.tables);
  const root = new Scope(null, program.vars.length);
  const params: ParamSlot[] = [];
  let offset = 0;
  for (const v of program.vars) {
    if (v.role !== 'param') continue;
    params.push({ variable: v.id, name: v.name, domain: v.domain, offset });
    offset += v.domain;
    root.set(v.id, graph.param(v.id, v.domain, `param ${v.name}`));
  }
  dataset.inputVars.forEach((v, i) => {
    const values = Int32Array.from(dataset.examples, (ex) => ex.inputs[i]!);
    const irVar = program.vars[v]!;
    root.set(v, graph.input(values, irVar.domain, `input ${irVar.name}`));
  });
  walk(program, graph, program.body, root);
  return { graph, params, observed: dataset.observedVars.map((v) => root.lookup(v)), final: (v) => root.lookup(v) };
}

function walk(program: Program, graph: Graph, body: readonly Stmt[], scope: Scope): void {
  for (const stmt of body) {
    switch (stmt.kind) {
      case 'assign': {
        const target = program.vars[stmt.target]!;
        scope.set(stmt.target, evaluate(graph, stmt.source, target.domain, target.name, scope));
        break;
      }
      case 'case': {
        const subject = scope.lookup(stmt.subject);
        const branchScopes = stmt.branches.map((branch) => {
          const inner = new Scope(scope);
          walk(program, graph, branch.body, inner);
          return inner;
        });
        // Sorted so that node numbering (and so the tape) does not depend on Map insertion order.
        const written: number[] = [];
        for (const s of branchScopes) for (const v of s.writes.keys()) written.push(v);
        written.sort((a, b) => a - b);
        // One branch list for every variable the case writes: mix reads it and keeps nothing of it.
        const branches = stmt.branches.map((b): MixBranch => ({ values: b.values, source: ZERO }));
        for (let i = 0; i < written.length; i++) {
          const v = written[i]!;
          if (i > 0 && v === written[i - 1]) continue;
          // A branch that leaves v alone keeps its value from before the case: the zero vector for an
          // ordinary (write-once) variable, the supplied vector for a Param the program overwrites.
          const before = scope.lookup(v);
          for (let k = 0; k < branches.length; k++) branches[k]!.source = branchScopes[k]!.writes.get(v) ?? before;
          const irVar = program.vars[v]!;
          scope.set(v, graph.mix(subject, branches, irVar.domain, `${irVar.name} (mix)`));
        }
        break;
      }
      default: {
        const never: never = stmt;
        throw new InternalError(`unknown statement ${(never as Stmt).kind}`);
      }
    }
  }
}

function evaluate(graph: Graph, source: Source, domain: number, label: string, scope: Scope): number {
  switch (source.kind) {
    case 'const':
      return graph.constant(source.value, domain);
    case 'copy':
      return graph.convert(scope.lookup(source.from), domain);
    case 'apply':
      return graph.apply(source.table, source.args.map((a) => scope.lookup(a)), domain, label);
    default: {
      const never: never = source;
      throw new InternalError(`unknown source ${(never as Source).kind}`);
    }
  }
}
