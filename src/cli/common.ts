// Shared CLI pieces: the sketch flags every command takes, loading with rendered diagnostics, output helpers.
import { readFileSync } from 'node:fs';
import { loadSketch, parseJson, readParams, readRealParams, renderDiagnostic, type Diagnostic, type Sketch } from '../index.ts';
import { flagList, flagString, parseSets, type FlagSpec, type ParsedArgs } from './args.ts';

export const SKETCH_FLAGS: readonly FlagSpec[] = [
  { name: 'data', type: 'string', value: 'FILE', help: 'data file (default: <stem>.data.json or <stem>_data.json next to the program)' },
  { name: 'hypers', type: 'string', value: 'FILE', help: 'hypers file (default: <stem>.hypers.json or <stem>_hypers.json)' },
  { name: 'batch', type: 'string', value: 'NAME', help: 'data batch to use (default: the first); without data, the hyper set' },
  { name: 'set', type: 'list', value: 'NAME=VALUE', help: 'bind a Hyper, overriding the hypers file (repeatable)' },
];

/** A failure already explained to the user; main exits with `code` without printing more. */
export class ReportedFailure extends Error {
  constructor(readonly code: number) {
    super('reported');
  }
}

export function printDiagnostics(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>): void {
  for (const d of diagnostics) process.stderr.write(renderDiagnostic(d, sources) + '\n');
}

/** Loads the sketch named by the command line; prints diagnostics and fails on errors. */
export function loadFromArgs(args: ParsedArgs): Sketch {
  const programPath = args.positionals[0];
  if (!programPath) throw new UserError('missing PROGRAM: give the path of a .tpt file');
  const result = loadSketch(programPath, {
    dataPath: flagString(args, 'data'),
    hypersPath: flagString(args, 'hypers'),
    batch: flagString(args, 'batch'),
    set: parseSets(flagList(args, 'set')),
  });
  printDiagnostics(result.diagnostics, result.sources);
  if (!result.sketch) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    process.stderr.write(`${errors} error${errors === 1 ? '' : 's'} in ${programPath}\n`);
    throw new ReportedFailure(1);
  }
  return result.sketch;
}

/** Reads a params file for the sketch's program: discrete values indexed by variable id, and real Params. */
export function loadParams(sketch: Sketch, path: string): Int32Array {
  return loadAllParams(sketch, path).discrete;
}

export function loadAllParams(sketch: Sketch, path: string): { discrete: Int32Array; real: Float64Array | undefined } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UserError(`cannot read params file ${path}`);
  }
  const diagnostics: Diagnostic[] = [];
  const sources = new Map([[path, text]]);
  const parsed = parseJson(text, path);
  diagnostics.push(...parsed.diagnostics);
  const values = parsed.node ? readParams(sketch.program, parsed.node, diagnostics) : null;
  const real = parsed.node && sketch.program.real ? readRealParams(sketch.program, parsed.node, diagnostics) : undefined;
  printDiagnostics(diagnostics, sources);
  if (!values || real === null) throw new ReportedFailure(1);
  return { discrete: values, real };
}

/** Bad usage or input explained in one line; main prints `tpt: message` and exits 1. */
export class UserError extends Error {}

export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}
