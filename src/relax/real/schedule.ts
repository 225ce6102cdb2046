// Lays out the real graph in the tape's storage (Param-dependent values in the gradient region, the
// rest after it; per-lane values lane-major) and emits one instruction per live node, then the real loss.
import type { Dataset } from '../../data/dataset.ts';
import type { Program } from '../../ir/ir.ts';
import type { Instr, Slot } from '../tape.ts';
import type { RealOperand } from '../ops/op.ts';
import { encodeBinary } from '../ops/real-binary.ts';
import { encodeMove } from '../ops/real-gather.ts';
import { BERNOULLI, CATEGORICAL, encodeL2Term, encodeObservedTerm, SQUARED } from '../ops/real-loss.ts';
import { encodeMatmul } from '../ops/real-matmul.ts';
import { encodeRealMix } from '../ops/real-mix.ts';
import { encodeSoftmax } from '../ops/real-softmax.ts';
import { encodeUnary } from '../ops/real-unary.ts';
import { InternalError } from '../../util/diagnostics.ts';
import { RZERO, type BuiltReal, type RNode } from './graph.ts';
import type { RealLoad, RealObservation, RealTape } from './layout.ts';

interface Observed {
  readonly kind: RealObservation['kind'];
  readonly node: number;
  readonly count: number;
  readonly classes: number;
  readonly load: Omit<RealLoad, 'offset'>;
  readonly label: string;
}

export class RealSchedule {
  readonly live: Uint8Array;
  /** Discrete nodes the real part reads (mixture subjects): they must stay live. */
  readonly subjects: number[] = [];
  private readonly offsetOf: Int32Array;
  private readonly observed: Observed[] = [];
  private readonly targetOffset: number[] = [];
  private readonly nodes: readonly RNode[];

  constructor(
    private readonly program: Program,
    private readonly dataset: Dataset,
    built: BuiltReal,
    readonly lanes: number,
    /** Storage offset of the real Params. */
    readonly paramOffset: number,
  ) {
    const real = program.real!;
    this.nodes = built.graph.nodes;
    let at = 0;
    for (const id of dataset.realOutputs ?? []) {
      const t = real.tensors[id]!;
      const node = built.finalOf(id);
      if (node !== RZERO) this.observed.push({ kind: 'squared', node, count: t.size, classes: 1, load: { kind: 'target', size: t.size, from: at, positions: new Int32Array(0) }, label: t.name });
      at += t.size;
    }
    real.bridges.forEach((b, i) => {
      const positions = Int32Array.from(b.targets, (v) => dataset.observedVars.indexOf(v));
      if (positions.every((p) => p < 0)) return;
      const categorical = b.dist === 'categorical';
      const classes = categorical ? b.expr.shape[b.expr.shape.length - 1]! : 1;
      const label = b.targets.length === 1 ? program.vars[b.targets[0]!]!.name : program.groups[program.vars[b.targets[0]!]!.group]!.name;
      this.observed.push({ kind: categorical ? 'categorical' : 'bernoulli', node: built.bridges[i]!, count: b.targets.length, classes, load: { kind: 'class', size: b.targets.length, from: 0, positions }, label });
    });
    // Dead-code elimination from the observations (Params are leaves and always kept).
    this.live = new Uint8Array(this.nodes.length);
    const stack = this.observed.map((o) => o.node);
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (this.live[n]) continue;
      this.live[n] = 1;
      const node = this.nodes[n]!;
      stack.push(...node.args);
      if (node.kind === 'mix') this.subjects.push(node.subject.node);
    }
    this.offsetOf = new Int32Array(this.nodes.length).fill(-1);
    for (const n of this.nodes) if (n.kind === 'param') this.offsetOf[n.id] = paramOffset + real.tensors[n.tensor]!.offset;
  }

  private storage(n: RNode): number {
    return n.perLane ? n.size * this.lanes : n.size;
  }

  /** Places the Param-dependent computed nodes from `start`; returns the end. */
  placeDynamic(start: number): number {
    let at = start;
    for (const n of this.nodes) if (this.live[n.id] && n.dynamic && n.kind !== 'param') (this.offsetOf[n.id] = at), (at += this.storage(n));
    return at;
  }

  /** Places constants, inputs, Param-free computed nodes and the loaded targets from `start`; returns the end. */
  placeStatic(start: number): number {
    let at = start;
    for (const n of this.nodes) if (this.live[n.id] && !n.dynamic) (this.offsetOf[n.id] = at), (at += this.storage(n));
    for (const o of this.observed) this.targetOffset.push(at), (at += o.count * this.lanes);
    return at;
  }

  /** Slot-table entries for the printer, numbered from `firstId`. */
  slots(firstId: number): Slot[] {
    const out: Slot[] = [];
    for (const n of this.nodes) {
      if (!this.live[n.id] && n.kind !== 'param') continue;
      out.push({ id: firstId + out.length, offset: this.offsetOf[n.id]!, domain: n.size, shared: !n.perLane, dynamic: n.dynamic, label: n.label });
    }
    this.observed.forEach((o, i) => out.push({ id: firstId + out.length, offset: this.targetOffset[i]!, domain: o.count, shared: false, dynamic: false, label: `target ${o.label}` }));
    return out;
  }

  private operand(id: number): RealOperand {
    const n = this.nodes[id]!;
    const val = this.offsetOf[id]!;
    if (val < 0) throw new InternalError(`real node ${id} has no storage`);
    return { val, grad: n.dynamic ? val : -1, stride: n.perLane ? n.size : 0 };
  }

  /** Instructions (constants in `prelude`, everything else in `body`, the loss last) and the tape's real layout. */
  emit(subject: (discreteNode: number) => RealOperand, discreteUsesExamples: boolean): { prelude: Instr[]; body: Instr[]; tape: RealTape } {
    const prelude: Instr[] = [];
    const body: Instr[] = [];
    for (const n of this.nodes) {
      if (!this.live[n.id] || n.kind === 'param' || n.kind === 'input') continue;
      const ins = this.instruction(n, subject);
      (n.kind === 'const' || (!n.perLane && !n.dynamic) ? prelude : body).push(ins);
    }
    const real = this.program.real!;
    const ints: number[] = [];
    let count = 0;
    this.observed.forEach((o, i) => {
      const kind = o.kind === 'squared' ? SQUARED : o.kind === 'bernoulli' ? BERNOULLI : CATEGORICAL;
      encodeObservedTerm(ints, kind, this.operand(o.node), this.targetOffset[i]!, o.count, o.classes);
      count++;
    });
    const l2 = real.settings.l2;
    for (const t of l2?.tensors ?? []) {
      const tensor = real.tensors[t]!;
      encodeL2Term(ints, this.paramOffset + tensor.offset, this.paramOffset + tensor.offset, tensor.size);
      count++;
    }
    const s = real.settings;
    body.push({
      kind: 'realloss', count, ints: Int32Array.from(ints), half: s.squaredError.half,
      squaredMean: s.squaredError.reduction === 'mean', crossMean: s.crossEntropy.reduction === 'mean', alpha: l2?.alpha ?? 0,
    });
    const observations: RealObservation[] = this.observed.map((o, i) => ({
      kind: o.kind, value: this.operand(o.node), target: this.targetOffset[i]!, count: o.count, classes: o.classes, label: o.label,
    }));
    const loads: RealLoad[] = this.observed.map((o, i) => ({ ...o.load, offset: this.targetOffset[i]! }));
    for (const n of this.nodes) {
      if (n.kind === 'input' && this.live[n.id]) loads.push({ kind: 'input', offset: this.offsetOf[n.id]!, size: n.size, from: this.inputStart(n.tensor), positions: new Int32Array(0) });
    }
    const params = real.tensors.filter((t) => t.role === 'param').map((t) => ({ tensor: t.id, name: t.name, shape: t.shape, offset: t.offset, size: t.size, init: t.init }));
    return { prelude, body, tape: { lanes: this.lanes, paramOffset: this.paramOffset, paramSize: real.paramSize, params, loads, observations, discreteUsesExamples } };
  }

  private inputStart(tensor: number): number {
    let at = 0;
    for (const t of this.dataset.realInputs ?? []) {
      if (t === tensor) return at;
      at += this.program.real!.tensors[t]!.size;
    }
    throw new InternalError(`real input ${tensor} is not in the dataset`);
  }

  private instruction(n: RNode, subject: (discreteNode: number) => RealOperand): Instr {
    const ints: number[] = [];
    const out = this.operand(n.id);
    const args = n.args.map((a) => this.operand(a));
    const count = n.perLane ? this.lanes : 1;
    switch (n.kind) {
      case 'const':
        return { kind: 'fill', count: 1, ints: Int32Array.of(out.val), values: n.values };
      case 'unary':
        encodeUnary(ints, out, args[0]!);
        return { kind: 'unary', count, ints: Int32Array.from(ints), fn: n.fn, alpha: n.alpha, size: n.size };
      case 'binary':
        encodeBinary(ints, out, args[0]!, args[1]!);
        return { kind: 'binary', count, ints: Int32Array.from(ints), op: n.op, size: n.size, mapA: n.maps[0]!, mapB: n.maps[1]! };
      case 'matmul':
        encodeMatmul(ints, out, args[0]!, args[1]!);
        return { kind: 'matmul', count, ints: Int32Array.from(ints), m: n.m, k: n.k, n: n.n };
      case 'softmax': {
        encodeSoftmax(ints, out, args[0]!);
        const cols = n.shape[n.shape.length - 1]!;
        return { kind: 'softmax', count, ints: Int32Array.from(ints), rows: n.size / cols, cols };
      }
      case 'reduce':
        encodeMove(ints, out, args);
        return { kind: 'reduce', count, ints: Int32Array.from(ints), inSize: this.nodes[n.args[0]!]!.size, outSize: n.size, index: n.index, scale: n.scale };
      case 'gather':
        encodeMove(ints, out, args);
        return { kind: 'gather', count, ints: Int32Array.from(ints), inSize: this.nodes[n.args[0]!]!.size, outSize: n.size, index: n.index };
      case 'stack':
        encodeMove(ints, out, args);
        return { kind: 'stack', count, ints: Int32Array.from(ints), itemSize: n.size / n.args.length, items: n.args.length };
      case 'mix':
        encodeRealMix(ints, out, subject(n.subject.node), n.groups.map((values, g) => ({ source: args[g]!, values })));
        return { kind: 'realmix', count, ints: Int32Array.from(ints), size: n.size, subjectDomain: n.subject.domain };
      case 'param':
      case 'input':
        throw new InternalError('leaves are not computed');
      default: {
        const never: never = n;
        throw new InternalError(`unknown real node ${(never as RNode).kind}`);
      }
    }
  }
}
