// A deterministic text form of the lowered program (`tpt ir`), used by snapshot tests and for debugging.
import type { Program, Source, Stmt } from './ir.ts';
import { countRealStatements, printRealPart } from './real-print.ts';

/** The lowered program as text, deterministic (what `tpt ir` prints). */
export function printProgram(program: Program): string {
  const lines: string[] = [];
  const hypers = Object.entries(program.hypers)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  lines.push(`# ${program.file}${hypers ? `  (${hypers})` : ''}`);
  lines.push(`# ${program.vars.length} variables, ${program.tables.length} tables, ${countStatements(program.body)} statements`);
  const real = program.real;
  if (real) lines.push(`# real: ${real.tensors.length} tensors, ${real.paramSize} real params, ${countRealStatements(real.body)} real statements, ${real.bridges.length} bridges`);
  for (const g of program.groups) {
    const dims = g.dims.length > 0 ? `[${g.dims.join(', ')}]` : '';
    // `var e[0] : 2` alone would read like element 0 of e; say that the array has no elements.
    const empty = g.dims.includes(0) ? '  # empty: no elements' : '';
    lines.push(`${g.role} ${g.name}${dims} : ${g.domain}${empty}`);
  }
  for (const t of program.tables) {
    lines.push(`table ${t.id} ${t.name} : [${t.argDomains.join(', ')}] -> ${t.outDomain} = ${Array.from(t.values).join(' ')}`);
  }
  printBody(program, program.body, '', lines);
  lines.push(...printRealPart(program));
  for (const o of program.observations) lines.push(`observe ${program.vars[o.variable]!.name} == ${o.value}`);
  return lines.join('\n') + '\n';
}

function printSource(program: Program, s: Source): string {
  switch (s.kind) {
    case 'const':
      return String(s.value);
    case 'copy':
      return program.vars[s.from]!.name;
    case 'apply':
      return `${program.tables[s.table]!.name}(${s.args.map((a) => program.vars[a]!.name).join(', ')})`;
    default: {
      const never: never = s;
      return String(never);
    }
  }
}

function printBody(program: Program, body: readonly Stmt[], indent: string, lines: string[]): void {
  for (const stmt of body) {
    if (stmt.kind === 'assign') {
      lines.push(`${indent}${program.vars[stmt.target]!.name} := ${printSource(program, stmt.source)}`);
    } else {
      lines.push(`${indent}case ${program.vars[stmt.subject]!.name}`);
      for (const b of stmt.branches) {
        lines.push(`${indent}  when ${b.values.join(', ')}:${b.body.length === 0 ? ' (nothing)' : ''}`);
        printBody(program, b.body, indent + '    ', lines);
      }
    }
  }
}

/** Statements in `body`, counting those inside case branches. */
export function countStatements(body: readonly Stmt[]): number {
  let n = 0;
  for (const s of body) {
    n++;
    if (s.kind === 'case') for (const b of s.branches) n += countStatements(b.body);
  }
  return n;
}
