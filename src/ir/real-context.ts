// Lowering state of the real-valued part: declared tensors, which are set on the current path,
// bridges to discrete variables, and the settings the program states.
import type { VarRole } from './ir.ts';
import type { PathState } from './context.ts';
import { DEFAULT_REAL_SETTINGS, sizeOf, type Bridge, type RealInit, type RealSettings, type RealTensor, type Shape } from './real.ts';
import { DiagnosticError, error, type Diagnostic, type Span } from '../util/diagnostics.ts';

/** Where a diagnostic goes (the lowering's DiagnosticLog, or a plain array). */
export interface DiagnosticSink {
  push(d: Diagnostic): void;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class RealState {
  readonly tensors: RealTensor[] = [];
  paramSize = 0;
  /** Elements of every declared tensor (they count against the limit `variables`). */
  elements = 0;
  /** Tensors written on the current path (indexed by tensor id). */
  state: PathState = { definite: new Uint8Array(0), possible: new Uint8Array(0) };
  readonly bridges: Bridge[] = [];
  /** Discrete variables a bridge draws: they may only be observed. */
  readonly bridged = new Set<number>();
  readonly settings: Mutable<RealSettings> = { ...DEFAULT_REAL_SETTINGS };
  /** Setting kinds already given (each may be stated once). */
  readonly seenSettings = new Map<string, Span>();

  /** Declares a tensor; Params and Inputs hold values from the start of every path. */
  declare(name: string, role: VarRole, shape: Shape, init: RealInit, span: Span): number {
    const id = this.tensors.length;
    const size = sizeOf(shape);
    const offset = role === 'param' ? this.paramSize : -1;
    if (role === 'param') this.paramSize += size;
    this.elements += size;
    this.tensors.push({ id, name, role, shape, size, offset, init, span });
    const grow = (a: Uint8Array): Uint8Array => {
      const b = new Uint8Array(id + 1);
      b.set(a.subarray(0, Math.min(a.length, id)));
      return b;
    };
    this.state = { definite: grow(this.state.definite), possible: grow(this.state.possible) };
    if (role === 'param' || role === 'input') this.state.definite[id] = this.state.possible[id] = 1;
    return id;
  }

  /** Reports a tensor read that is not set on every path reaching it. */
  noteRead(id: number, span: Span, out: DiagnosticSink): void {
    if (this.state.definite[id]) return;
    const t = this.tensors[id]!;
    const how = this.state.possible[id] ? 'is not set on every path reaching this read' : 'is read before it is set';
    out.push(error('read-before-write', `${t.name} ${how}`, span));
    this.state.definite[id] = 1; // report once per path
  }

  /** Records a whole-tensor write; Params and Inputs come from outside, and a tensor is set once per path. */
  noteWrite(id: number, span: Span, out: DiagnosticSink): void {
    const t = this.tensors[id]!;
    if (t.role === 'param') {
      throw new DiagnosticError(error('param-write', `${t.name} is a Param: its value is what training finds, so the program cannot set it`, span));
    }
    if (t.role === 'input') {
      throw new DiagnosticError(error('param-write', `${t.name} is a real Input: its values come from the data`, span));
    }
    if (this.state.possible[id]) {
      const how = this.state.definite[id] ? 'already set' : 'already set on some path reaching here';
      out.push(error('write-twice', `${t.name} is ${how}: a variable is written at most once on every path`, span));
    }
    this.state.definite[id] = this.state.possible[id] = 1;
  }

  /** Outputs not set on every path through the program. */
  unsetOutputs(): RealTensor[] {
    return this.tensors.filter((t) => t.role === 'output' && !this.state.definite[t.id]);
  }
}
