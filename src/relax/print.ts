// A deterministic text form of a compiled tape (`tpt tape`): the slot table, then every instruction
// with one line per instance, so snapshot tests and humans can see exactly what a pass computes.
import { InternalError } from '../util/diagnostics.ts';
import { ruleOf } from './ops/registry.ts';
import type { StorageNames } from './ops/op.ts';
import type { Instr, Tape, TableRef } from './tape.ts';

/** Renders `tape` as text; equal tapes give equal text. */
export function printTape(tape: Tape): string {
  const names = storageNames(tape);
  const lines: string[] = [];
  const terms = tape.body.find((ins) => ins.kind === 'loss')!.count;
  lines.push(
    `tape: ${tape.examples} examples, ${tape.observedSlots.length} observed, ${terms} terms; ` +
      `${tape.body.length} instructions (+${tape.prelude.length} prelude); ` +
      `${tape.storageSize} storage floats, ${tape.gradientSize} with gradients, ${tape.paramSize} params`,
  );
  lines.push('slots:');
  for (const s of tape.slots) {
    const flags = `${s.shared ? 'shared' : 'per-example'}${s.dynamic ? '' : ' static'}`;
    lines.push(`  %${s.id} @${s.offset} D${s.domain} ${flags}: ${s.label}`);
  }
  const section = (title: string, instrs: readonly Instr[]): void => {
    lines.push(`${title}:`);
    instrs.forEach((ins, i) => {
      lines.push(`  ${i}: ${header(ins)} x${ins.count}`);
      for (const l of ruleOf(ins).describe(ins, names)) lines.push(`    ${l}`);
    });
  };
  if (tape.real) {
    const r = tape.real;
    lines.push(`real: ${r.lanes} lanes, ${r.paramSize} real params @${r.paramOffset}`);
    for (const p of r.params) lines.push(`  param ${p.name} [${p.shape.join(', ')}] @${r.paramOffset + p.offset} init ${p.init.kind}`);
    for (const l of r.loads) lines.push(`  load ${l.kind} ${l.size} per lane @${l.offset}${l.kind === 'class' ? '' : ` from ${l.from}`}`);
  }
  section('prelude (once)', tape.prelude);
  section('body (every pass)', tape.body);
  return lines.join('\n') + '\n';
}

/** Names offsets by the slot holding them: `%4` (shared), `%4:e2` (example 2), `%4:e2[1]` (one cell). */
function storageNames(tape: Tape): StorageNames {
  const sorted = [...tape.slots].sort((a, b) => a.offset - b.offset);
  const locate = (offset: number): { name: string; cell: number } => {
    if (offset >= tape.sink && offset < tape.gradientSize) return { name: 'sink', cell: offset - tape.sink };
    if (offset === tape.zeroCell) return { name: 'zero', cell: 0 };
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (sorted[mid]!.offset <= offset) lo = mid;
      else hi = mid - 1;
    }
    const s = sorted[lo];
    if (!s || s.offset > offset) return { name: `@${offset}`, cell: 0 };
    const rel = offset - s.offset;
    const e = Math.floor(rel / s.domain);
    return { name: s.shared ? `%${s.id}` : `%${s.id}:e${e}`, cell: rel - e * s.domain };
  };
  return {
    vector: (offset) => locate(offset).name,
    cell: (offset) => {
      const { name, cell } = locate(offset);
      return name === 'zero' ? '0' : `${name}[${cell}]`;
    },
  };
}

function signature(t: TableRef): string {
  return `${t.name} [${t.argDomains.join(' x ')}] -> ${t.outDomain}`;
}

function header(ins: Instr): string {
  switch (ins.kind) {
    case 'onehot':
      return `onehot D${ins.domain}`;
    case 'apply1':
    case 'apply2':
    case 'apply2bin':
    case 'applyN':
      return `${ins.kind} ${signature(ins.table)}`;
    case 'copy':
      return `copy D${ins.fromDomain} -> D${ins.domain}`;
    case 'mix':
      return `mix D${ins.domain} on D${ins.subjectDomain}`;
    case 'mix2':
      return `mix2 on D${ins.subjectDomain}`;
    case 'loss':
      return 'loss';
    case 'fill':
      return `fill ${ins.values.length} values`;
    case 'unary':
      return `unary ${ins.fn} [${ins.size}]`;
    case 'binary':
      return `binary ${ins.op} [${ins.size}]${ins.mapA || ins.mapB ? ' broadcast' : ''}`;
    case 'matmul':
      return `matmul ${ins.m}x${ins.k} @ ${ins.k}x${ins.n}`;
    case 'softmax':
      return `softmax ${ins.rows}x${ins.cols}`;
    case 'reduce':
      return `reduce [${ins.inSize}] -> [${ins.outSize}]`;
    case 'gather':
      return `gather [${ins.inSize}] -> [${ins.outSize}]`;
    case 'stack':
      return `stack ${ins.items} x [${ins.itemSize}]`;
    case 'realmix':
      return `realmix [${ins.size}] on D${ins.subjectDomain}`;
    case 'realloss':
      return 'realloss';
    default: {
      const never: never = ins;
      throw new InternalError(`unknown instruction ${(never as Instr).kind}`);
    }
  }
}
