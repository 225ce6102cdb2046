// Text form of the real-valued part of a lowered program, for `tpt ir`: declarations, settings,
// every real statement (with its case nesting) and the bridges.
import type { Program } from './ir.ts';
import { showShape, type RealExpr, type RealProgram, type RealStmt } from './real.ts';

const num = (x: number): string => (Number.isInteger(x) ? `${x}.0` : String(x));

/** A real expression as source-like text; shared subexpressions are printed where used. */
export function printRealExpr(real: RealProgram, e: RealExpr): string {
  const p = (x: RealExpr): string => printRealExpr(real, x);
  switch (e.kind) {
    case 'const':
      if (e.shape.length === 0) return num(e.values[0]!);
      return e.values.length <= 8 ? `const${showShape(e.shape)}(${Array.from(e.values, num).join(', ')})` : `const${showShape(e.shape)}`;
    case 'read':
      return real.tensors[e.tensor]!.name;
    case 'unary':
      if (e.fn === 'neg') return `-${p(e.arg)}`;
      if (e.fn === 'pow') return `${p(e.arg)} ** ${num(e.alpha)}`;
      return e.fn === 'leaky_relu' || e.fn === 'elu' ? `${e.fn}(${p(e.arg)}, alpha=${num(e.alpha)})` : `${e.fn}(${p(e.arg)})`;
    case 'binary':
      return `(${p(e.left)} ${e.op} ${p(e.right)})`;
    case 'matmul':
      return `(${p(e.left)} @ ${p(e.right)})`;
    case 'softmax':
      return `softmax(${p(e.arg)})`;
    case 'reduce':
      return `${e.op}(${p(e.arg)}${e.axis === null ? '' : `, axis=${e.axis}`})`;
    case 'gather':
      return `${p(e.arg)}${e.label}`;
    case 'stack':
      return `[${e.items.map(p).join(', ')}]`;
    default: {
      const never: never = e;
      return String(never);
    }
  }
}

function printBody(program: Program, real: RealProgram, body: readonly RealStmt[], indent: string, lines: string[]): void {
  for (const s of body) {
    if (s.kind === 'set') {
      const t = real.tensors[s.target]!;
      lines.push(`${indent}${t.name} := ${printRealExpr(real, s.expr)}    # ${showShape(t.shape)}`);
      continue;
    }
    lines.push(`${indent}case ${program.vars[s.subject]!.name}`);
    for (const b of s.branches) {
      lines.push(`${indent}  when ${b.values.join(', ')}:${b.body.length === 0 ? ' (nothing)' : ''}`);
      printBody(program, real, b.body, indent + '    ', lines);
    }
  }
}

/** The real declarations, settings, statements and bridges of `program` (nothing for a discrete one). */
export function printRealPart(program: Program): string[] {
  const real = program.real;
  if (!real) return [];
  const lines: string[] = [];
  for (const t of real.tensors) {
    const init = t.role !== 'param' ? '' : ` init ${t.init.kind}${'scale' in t.init ? `(${t.init.scale})` : ''} @${t.offset}`;
    lines.push(`${t.role} ${t.name} : Real${t.shape.length > 0 ? showShape(t.shape) : ''}${init}`);
  }
  const s = real.settings;
  const se = s.squaredError;
  const target = s.target.kind === 'accuracy' ? `Accuracy(${s.target.value}, tolerance=${s.target.tolerance})` : `Loss(${s.target.value}, tolerance=${s.target.tolerance})`;
  const l2 = s.l2 ? ` L2(${s.l2.alpha}, [${s.l2.tensors.map((t) => real.tensors[t]!.name).join(', ')}])` : '';
  const train = Object.entries(s.training).map(([k, v]) => `${k}=${String(v)}`).join(', ');
  lines.push(`settings SquaredError(half=${se.half}, reduction=${se.reduction}) CrossEntropy(reduction=${s.crossEntropy.reduction})${l2} target ${target}${train ? ` Training(${train})` : ''}`);
  lines.push('real:');
  printBody(program, real, real.body, '  ', lines);
  for (const b of real.bridges) {
    const names = b.targets.map((v) => program.vars[v]!.name);
    const dist = b.dist === 'bernoulli' ? 'Bernoulli' : 'Categorical';
    lines.push(`bridge ${names.length === 1 ? names[0] : `[${names.join(', ')}]`} ~ ${dist}(${printRealExpr(real, b.expr)})`);
  }
  return lines;
}

/** Real statements including case nodes, nested ones counted. */
export function countRealStatements(body: readonly RealStmt[]): number {
  let n = 0;
  for (const s of body) {
    n++;
    if (s.kind === 'case') for (const b of s.branches) n += countRealStatements(b.body);
  }
  return n;
}
