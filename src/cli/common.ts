// Shared CLI pieces: the sketch flags every command takes, loading with rendered diagnostics, output helpers.
import {
  LIMITS, isLimitName, loadSketch, writeErrorReason, writeFileAtomic, parseJson, readParams, readRealParams, readText, renderDiagnostic, resolveLimits,
  type Diagnostic, type JsonNode, type LimitName, type Limits, type Sketch,
} from '../index.ts';
import { flagList, flagString, parseSets, UsageError, type FlagSpec, type ParsedArgs } from './args.ts';

export const SKETCH_FLAGS: readonly FlagSpec[] = [
  { name: 'data', type: 'string', value: 'FILE', help: 'data file (default: <stem>.data.json or <stem>_data.json next to the program)' },
  { name: 'hypers', type: 'string', value: 'FILE', help: 'hypers file (default: <stem>.hypers.json or <stem>_hypers.json)' },
  { name: 'batch', type: 'string', value: 'NAME', help: 'data batch to use (default: the first); without data, the hyper set' },
  { name: 'set', type: 'list', value: 'NAME=VALUE', help: 'bind a Hyper, overriding the hypers file (repeatable)' },
  { name: 'limit', type: 'list', value: 'NAME=N', help: `raise a resource limit (repeatable; README "Limits"): ${LIMITS.map((l) => l.name).join(', ')}` },
];

/** Repeated `--limit NAME=N`: the limits that differ from their defaults. */
export function parseLimits(entries: readonly string[]): Partial<Record<LimitName, number>> {
  const limits: Partial<Record<LimitName, number>> = {};
  for (const entry of entries) {
    const m = /^([a-z-]+)=(\d+)$/.exec(entry);
    if (!m) throw new UsageError(`--limit expects NAME=N (N a whole number), got '${entry}'`);
    if (!isLimitName(m[1]!)) throw new UsageError(`--limit ${m[1]}: no such limit; the limits are ${LIMITS.map((l) => l.name).join(', ')}`);
    const n = Number(m[2]);
    if (!Number.isSafeInteger(n)) throw new UsageError(`--limit ${m[1]}: ${m[2]} is beyond 2^53`);
    limits[m[1]] = n;
  }
  return limits;
}

/** Every limit, with the command line's `--limit` flags applied. */
export function limitsFromArgs(args: ParsedArgs): Limits {
  return resolveLimits(parseLimits(flagList(args, 'limit')));
}

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
    limits: parseLimits(flagList(args, 'limit')),
  });
  printDiagnostics(result.diagnostics, result.sources);
  if (!result.sketch) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    process.stderr.write(`${errors} error${errors === 1 ? '' : 's'} in ${programPath}\n`);
    throw new ReportedFailure(1);
  }
  return result.sketch;
}

/**
 * Reads a JSON file given on the command line (`--params`, `--probs`) and hands its root to `read`,
 * which pushes diagnostics; prints them and fails when there are errors or `read` returns null.
 */
export function readJsonFile<T>(path: string, what: string, limits: Limits, read: (root: JsonNode, out: Diagnostic[]) => T | null): T {
  const file = readText(path, 'data-size', limits);
  if ('error' in file) throw new UserError(`${what}: ${file.error}`);
  const diagnostics: Diagnostic[] = [];
  const parsed = parseJson(file.text, path);
  diagnostics.push(...parsed.diagnostics);
  const value = parsed.node ? read(parsed.node, diagnostics) : null;
  printDiagnostics(diagnostics, new Map([[path, file.text]]));
  if (value === null || diagnostics.some((d) => d.severity === 'error')) throw new ReportedFailure(1);
  return value;
}

/** Reads a params file for the sketch's program: discrete values indexed by variable id, and real Params. */
export function loadParams(sketch: Sketch, path: string, limits: Limits): Int32Array {
  return loadAllParams(sketch, path, limits).discrete;
}

export function loadAllParams(sketch: Sketch, path: string, limits: Limits): { discrete: Int32Array; real: Float64Array | undefined } {
  return readJsonFile(path, 'params file', limits, (root, out) => {
    const discrete = readParams(sketch.program, root, out);
    const real = sketch.program.real ? readRealParams(sketch.program, root, out) : undefined;
    return discrete && real !== null ? { discrete, real } : null;
  });
}

/** A file a command was asked to write (`--out`, `--plot`); `text` is computed only when it is written. */
export interface RequestedFile {
  readonly flag: string;
  readonly path: string;
  readonly text: () => string;
}

/**
 * Writes each file atomically. A failed write costs one line on stderr (the result it holds has been
 * shown already) and no temporary file; returns how many failed. Errors of `text` propagate.
 */
export function writeOutputs(command: string, files: readonly RequestedFile[]): number {
  let failed = 0;
  for (const f of files) {
    const text = f.text();
    try {
      writeFileAtomic(f.path, text);
    } catch (e) {
      process.stderr.write(`tpt ${command}: --${f.flag} ${f.path}: cannot write it: ${writeErrorReason(e)}\n`);
      failed++;
    }
  }
  return failed;
}

/** Bad usage or input explained in one line; main prints `tpt: message` and exits 1. */
export class UserError extends Error {}

export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}
