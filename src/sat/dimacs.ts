// DIMACS files of a CNF instance, with a comment header that maps Param values to literals, and the
// models external SAT solvers print (MiniSat's `SAT` + literals, or the competition's `s`/`v` lines),
// decoded back into Param values for the exact interpreter.
import type { Program } from '../ir/ir.ts';
import { error, type Diagnostic, type Span } from '../util/diagnostics.ts';
import type { CnfInstance } from './encode.ts';
import type { CnfClauses } from './solver.ts';

const PARAM_LINE = 'c param';

/** The instance as DIMACS text; `title` names the program and batch in the first comment line. */
export function formatDimacs(instance: CnfInstance, title: string): string {
  const { cnf } = instance;
  const lines = [
    `c tpt: ${title}; encoding ${instance.encoding}`,
    `c "${PARAM_LINE} NAME VALUE LITERAL": Param NAME has VALUE exactly when LITERAL is true in a model.`,
    'c Check a model with: tpt run PROGRAM --params THIS_FILE --from-model MODEL_FILE',
  ];
  for (const { v, values } of instance.params) values.forEach((lit, k) => lines.push(`${PARAM_LINE} ${JSON.stringify(v.name)} ${k} ${lit}`));
  lines.push(`p cnf ${cnf.variables} ${cnf.clauses}`);
  const lits = cnf.clauseLiterals();
  let clause: number[] = [];
  for (let i = 0; i < lits.length; i++) {
    clause.push(lits[i]!);
    if (lits[i] === 0) {
      lines.push(clause.join(' '));
      clause = [];
    }
  }
  return lines.join('\n') + '\n';
}

/** One `c param` line of a DIMACS header. */
export interface HeaderParam {
  readonly name: string;
  readonly value: number;
  readonly literal: number;
  readonly span: Span;
}

/** What a DIMACS file written by `tpt synth --export-cnf` says of itself: its size and Param literals. */
export interface DimacsHeader {
  readonly variables: number;
  readonly params: readonly HeaderParam[];
}

/** Lines of `text` with their spans. */
function* lines(text: string, file: string): Generator<{ text: string; span: Span }> {
  let offset = 0;
  let line = 1;
  for (const raw of text.split('\n')) {
    const body = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    yield { text: body, span: { file, line, column: 1, endLine: line, endColumn: body.length + 1, offset, endOffset: offset + body.length } };
    offset += raw.length + 1;
    line++;
  }
}

/** The `p cnf` line and the Param lines of a DIMACS file written by {@link formatDimacs}. */
export function readDimacsHeader(text: string, file: string, out: Diagnostic[]): DimacsHeader | null {
  const params: HeaderParam[] = [];
  let variables = -1;
  for (const { text: line, span } of lines(text, file)) {
    if (line.startsWith(PARAM_LINE + ' ')) {
      const m = /^c param ("(?:[^"\\]|\\.)*") (\d+) (-?\d+)\s*$/.exec(line);
      const name = m ? parseName(m[1]!) : null;
      if (!m || name === null) {
        out.push(error('dimacs-format', `expected '${PARAM_LINE} "NAME" VALUE LITERAL'`, span));
        return null;
      }
      params.push({ name, value: Number(m[2]), literal: Number(m[3]), span });
    } else if (line.startsWith('p ')) {
      const m = /^p\s+cnf\s+(\d+)\s+(\d+)\s*$/.exec(line);
      if (!m) {
        out.push(error('dimacs-format', "expected 'p cnf VARIABLES CLAUSES'", span));
        return null;
      }
      variables = Number(m[1]);
      break;
    }
  }
  if (variables < 0) {
    out.push(error('dimacs-format', `${file}: no 'p cnf' line: not a DIMACS file`));
    return null;
  }
  if (params.length === 0) {
    out.push(error('dimacs-format', `${file}: no '${PARAM_LINE}' lines: write the CNF with tpt synth --export-cnf`));
    return null;
  }
  return { variables, params };
}

/** The clauses of DIMACS text (comment and problem lines skipped), for an in-process solver. */
export function dimacsClauses(text: string, header: DimacsHeader): CnfClauses {
  const tokens: number[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('c') || line.startsWith('p')) continue;
    for (const tok of line.split(/\s+/)) if (tok !== '') tokens.push(Number(tok));
  }
  return { variables: header.variables, literals: Int32Array.from(tokens) };
}

function parseName(quoted: string): string | null {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return null;
  }
}

/**
 * A SAT solver's model: `model[v]` = 1 for a true variable, 0 for false, 2 for a variable it does not
 * mention. Reads `SAT`/`UNSAT` (MiniSat), `s ...` and `v ...` lines (the competition format) and bare
 * literal lines; comments (`c ...`) are skipped.
 */
export function readModel(text: string, file: string, variables: number, out: Diagnostic[]): Uint8Array | null {
  const model = new Uint8Array(variables + 1).fill(2);
  let sawLiteral = false;
  for (const { text: line, span } of lines(text, file)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed === 'c' || trimmed.startsWith('c ')) continue;
    const status = /^(?:s\s+)?(SAT|SATISFIABLE|UNSAT|UNSATISFIABLE|INDET|INDETERMINATE|UNKNOWN)$/.exec(trimmed);
    if (status) {
      if (!status[1]!.startsWith('SAT')) {
        out.push(error('model-unsat', `the solver found no model (${status[1]}): no Param values solve every example, or it gave up`, span));
        return null;
      }
      continue;
    }
    const body = trimmed.startsWith('v ') || trimmed === 'v' ? trimmed.slice(1) : trimmed;
    const start = line.indexOf(body);
    for (const m of body.matchAll(/\S+/g)) {
      const tok = m[0];
      const column = start + m.index! + 1;
      const at = { ...span, column, endColumn: column + tok.length, offset: span.offset + column - 1, endOffset: span.offset + column - 1 + tok.length };
      const lit = /^-?\d+$/.test(tok) ? Number(tok) : NaN;
      if (!Number.isSafeInteger(lit)) {
        out.push(error('model-format', `expected a literal (a signed variable number) or 0, got '${tok}'`, at));
        return null;
      }
      if (Math.abs(lit) > variables) {
        out.push(error('model-format', `variable ${Math.abs(lit)} is beyond the CNF's ${variables} variables: is this a model of that CNF?`, at));
        return null;
      }
      if (lit !== 0) {
        model[Math.abs(lit)] = lit > 0 ? 1 : 0;
        sawLiteral = true;
      }
    }
  }
  if (!sawLiteral) {
    out.push(error('model-format', `${file}: no literals: expected a SAT solver's model (e.g. 'SAT' then '1 -2 3 ... 0', or 'v' lines)`));
    return null;
  }
  return model;
}

/** The Param values a model gives, indexed by variable id; every Param of `program` must be in the header. */
export function paramsFromModel(program: Program, header: DimacsHeader, model: Uint8Array, file: string, out: Diagnostic[]): Int32Array | null {
  const byName = new Map<string, HeaderParam[]>();
  for (const p of header.params) {
    const list = byName.get(p.name) ?? [];
    list.push(p);
    byName.set(p.name, list);
  }
  const assignment = new Int32Array(program.vars.length);
  const known = new Set<string>();
  const missing: string[] = [];
  let ok = true;
  for (const v of program.vars) {
    if (v.role !== 'param') continue;
    known.add(v.name);
    const entries = byName.get(v.name);
    if (!entries) {
      missing.push(v.name);
      ok = false;
      continue;
    }
    const value = (lit: number): number => (model[Math.abs(lit)] === 2 ? 2 : lit > 0 ? model[lit]! : 1 - model[-lit]!);
    const unknown = entries.find((e) => value(e.literal) === 2);
    const holding = entries.filter((e) => value(e.literal) === 1);
    if (unknown || holding.length !== 1) {
      const why = unknown ? `does not give variable ${Math.abs(unknown.literal)}` : holding.length === 0 ? 'gives it no value' : 'gives it several values';
      out.push(error('model-format', `the model ${why} for Param ${v.name}: is it a model of this CNF?`, (unknown ?? entries[0]!).span));
      ok = false;
      continue;
    }
    if (holding[0]!.value >= v.domain) {
      out.push(error('data-domain', `Param ${v.name} = ${holding[0]!.value} is outside its domain 0..${v.domain - 1}`, holding[0]!.span));
      ok = false;
      continue;
    }
    assignment[v.id] = holding[0]!.value;
  }
  if (missing.length > 0) out.push(error('params-missing', `${file} has no literals for ${listed(missing, 'Param')}: was it written for this program and these hypers?`));
  const extra = header.params.filter((p) => !known.has(p.name));
  const extraNames = [...new Set(extra.map((p) => p.name))];
  if (extra.length > 0) out.push({ ...error('params-unknown', `${listed(extraNames, 'name')} in ${file} ${extraNames.length === 1 ? 'is not a Param' : 'are not Params'} of this program (ignored)`, extra[0]!.span), severity: 'warning' });
  return ok ? assignment : null;
}

/** `Param x` or `3 Params (x, y, z)`, at most five names shown. */
function listed(names: readonly string[], noun: string): string {
  if (names.length === 1) return `${noun} ${names[0]}`;
  const shown = names.slice(0, 5).join(', ');
  return `${names.length} ${noun}s (${shown}${names.length > 5 ? ', ...' : ''})`;
}
