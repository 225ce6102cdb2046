// A sketch = program + hyper values + one batch of examples. Assembling one runs the front end, binds
// hypers, lowers, and validates the data, collecting every diagnostic on the way. No file access here
// (load.ts reads files on Node), so this runs in a browser too.
import { parseModule } from '../syntax/parse.ts';
import { checkModule } from '../check/names.ts';
import { lowerModule } from '../ir/lower.ts';
import type { Program } from '../ir/ir.ts';
import { parseJson, type JsonNode } from '../data/json.ts';
import { buildDataset, readBatches, type RawBatch } from '../data/batch.ts';
import type { Dataset } from '../data/dataset.ts';
import { chooseHypers, locateUnboundHypers, readHyperSets, type HyperSet } from './hypers.ts';
import { checkStorage } from './estimate.ts';
import { nothingObserved } from './observed.ts';
import { error, hasErrors, type Diagnostic } from '../util/diagnostics.ts';
import { formatCount, limitMessage, resolveLimits, type LimitName, type Limits } from '../util/limits.ts';

/** How a sketch is assembled: where its data and hypers come from, the batch, hyper overrides, limits. */
export interface SketchOptions {
  /** Program text; when absent it is read from `programPath`. */
  readonly source?: string;
  /** Data file path (default: found next to the program); `false` disables the lookup. */
  readonly dataPath?: string | false;
  /** Hypers file path (default: found next to the program); `false` disables the lookup. */
  readonly hypersPath?: string | false;
  /** Batch to use (default: the first); without data, the hyper set to use. */
  readonly batch?: string;
  /** Hyper values that override every other source (`--set NAME=VALUE`). */
  readonly set?: Readonly<Record<string, number>>;
  /** Data given directly as JSON text (instead of a data file). */
  readonly dataText?: string;
  /** Hypers given directly as JSON text (instead of a hypers file). */
  readonly hypersText?: string;
  /** Limits that differ from their defaults (`--limit NAME=N`; README "Limits"). */
  readonly limits?: Readonly<Partial<Record<LimitName, number>>>;
}

/** A checked, lowered program with the examples of one batch: what every later stage works on. */
export interface Sketch {
  /** The lowered program (`tpt ir` prints it). */
  readonly program: Program;
  /** The program's text. */
  readonly source: string;
  /** The batch's examples, checked against the program's Inputs and Outputs. */
  readonly dataset: Dataset;
  /** The value of every Hyper the program declares. */
  readonly hypers: Readonly<Record<string, number>>;
  /** The batch used, or null when the program is its own single example. */
  readonly batchName: string | null;
  /** Every batch in the data (empty without data). */
  readonly batchNames: readonly string[];
  /** The program's Hypers, in declaration order. */
  readonly hyperNames: readonly string[];
}

/** A sketch, or null with the errors that prevented it; warnings come with a sketch too. */
export interface SketchResult {
  readonly sketch: Sketch | null;
  /** Every problem found, errors and warnings, with spans (`renderDiagnostic` prints one). */
  readonly diagnostics: Diagnostic[];
  /** File name -> text, for rendering diagnostics with their source lines. */
  readonly sources: Map<string, string>;
}

/** Reads the files of a sketch: on Node the file system (load.ts); elsewhere whatever the host supplies. */
export interface SketchFiles {
  /**
   * A file's text, or an error message fit for a user. `limits[limit]` is the most it may hold
   * (checked again on the text returned); a reader should refuse a larger file before reading it.
   */
  read(path: string, limit: LimitName, limits: Limits): { text: string } | { error: string };
  /** The conventional data or hypers file next to a program, or null when there is none. */
  find(programPath: string, kind: 'hypers' | 'data'): string | null;
}

/** Options of {@link sketchFromText}: everything comes as text. */
export interface TextSketchOptions extends Omit<SketchOptions, 'source' | 'dataPath' | 'hypersPath'> {
  /** The name diagnostics give the program (default `sketch.tpt`). */
  readonly name?: string;
}

/**
 * Checks and lowers a sketch given as text (program, and data and hypers as JSON text), touching no
 * file: the entry for browsers and tests. Never throws for bad input.
 */
export function sketchFromText(source: string, options: TextSketchOptions = {}): SketchResult {
  const { name = 'sketch.tpt', ...rest } = options;
  return assembleSketch(name, { ...rest, source, dataPath: false, hypersPath: false }, null);
}

/**
 * Loads, checks and lowers a sketch, reading what `options` does not give as text through `files`
 * (null: no file access, so every part must be text). Never throws for bad input: problems come
 * back as diagnostics.
 */
export function assembleSketch(programPath: string, options: SketchOptions, files: SketchFiles | null): SketchResult {
  const sources = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  try {
    return { sketch: load(programPath, options, files, resolveLimits(options.limits), sources, diagnostics), diagnostics, sources };
  } catch (e) {
    // Backstop for a limit raised past what this process can hold: a message, never a crash.
    if (!(e instanceof RangeError)) throw e;
    const why = /call stack/i.test(e.message) ? 'ran out of stack (the program nests too deeply)' : `ran out of memory (${e.message})`;
    diagnostics.push(error('too-large', `tpt ${why} while loading ${programPath}; lower the limit you raised with --limit`));
    return { sketch: null, diagnostics, sources };
  }
}

function load(programPath: string, options: SketchOptions, files: SketchFiles | null, limits: Limits, sources: Map<string, string>, diagnostics: Diagnostic[]): Sketch | null {
  let source = options.source;
  if (source === undefined) {
    const read = readWith(files, programPath, 'program-size', limits);
    if ('error' in read) return diagnostics.push(error('file', read.error)), null;
    source = read.text;
  }
  if (source.length > limits['program-size']) {
    const what = `the program has ${formatCount(source.length)} characters`;
    return diagnostics.push(error('file', limitMessage('program-size', limits, what, source.length))), null;
  }
  sources.set(programPath, source);
  const parsed = parseModule(source, programPath, limits);
  diagnostics.push(...parsed.diagnostics);
  if (!parsed.module || hasErrors(diagnostics)) return null;
  diagnostics.push(...checkModule(parsed.module));
  if (hasErrors(diagnostics)) return null;

  const hypersJson = readJson(files, options.hypersText, options.hypersPath, programPath, 'hypers', limits, sources, diagnostics);
  const dataJson = readJson(files, options.dataText, options.dataPath, programPath, 'data', limits, sources, diagnostics);
  if (hasErrors(diagnostics)) return null;
  const hyperSets = hypersJson ? readHyperSets(hypersJson, diagnostics) : new Map<string, HyperSet>();
  const batches = dataJson ? readBatches(dataJson, diagnostics) : [];
  if (hasErrors(diagnostics)) return null;

  let batch: RawBatch | null = null;
  if (batches.length > 0) {
    batch = options.batch === undefined ? batches[0]! : (batches.find((b) => b.name === options.batch) ?? null);
    if (!batch) {
      diagnostics.push(error('unknown-batch', `no batch named '${options.batch}'; the data has: ${batches.map((b) => b.name).join(', ')}`));
      return null;
    }
  }
  const chosen = chooseHypers(batch, hyperSets, options.batch, diagnostics);
  if (!chosen) return null;
  const hypers = Object.assign(chosen.values, options.set ?? {});

  const lowered = lowerModule(parsed.module, hypers, limits);
  const lowering = [...lowered.diagnostics];
  locateUnboundHypers(lowering, lowered.hyperNames.filter((n) => hypers[n] === undefined), chosen);
  diagnostics.push(...lowering);
  for (const name of Object.keys(options.set ?? {})) {
    if (!lowered.hyperNames.includes(name)) {
      diagnostics.push(error('unknown-hyper', `--set ${name}: the program has no Hyper named ${name} (it has: ${lowered.hyperNames.join(', ') || 'none'})`));
    }
  }
  if (!lowered.program || hasErrors(diagnostics)) return null;
  const dataset = buildDataset(lowered.program, batch, diagnostics);
  if (!dataset || hasErrors(diagnostics)) return null;
  checkStorage(lowered.program, dataset, limits, diagnostics);
  if (hasErrors(diagnostics)) return null;
  const unobserved = nothingObserved(lowered.program, dataset, programPath, batch !== null);
  if (unobserved) diagnostics.push(unobserved);
  const usedHypers = Object.fromEntries(lowered.hyperNames.map((n) => [n, hypers[n]!]));
  return {
    program: lowered.program,
    source,
    dataset,
    hypers: usedHypers,
    batchName: batch?.name ?? null,
    batchNames: batches.map((b) => b.name),
    hyperNames: lowered.hyperNames,
  };
}

function readWith(files: SketchFiles | null, path: string, limit: LimitName, limits: Limits): { text: string } | { error: string } {
  return files ? files.read(path, limit, limits) : { error: `cannot read ${path}: no file access here; give its text instead` };
}

function readJson(
  files: SketchFiles | null,
  text: string | undefined,
  path: string | false | undefined,
  programPath: string,
  kind: 'hypers' | 'data',
  limits: Limits,
  sources: Map<string, string>,
  out: Diagnostic[],
): JsonNode | null {
  let file = `<${kind}>`;
  if (text === undefined) {
    const found = path === false ? null : (path ?? files?.find(programPath, kind) ?? null);
    if (!found) return null;
    const read = readWith(files, found, 'data-size', limits);
    if ('error' in read) return out.push(error('file', read.error)), null;
    text = read.text;
    file = found;
  }
  if (text.length > limits['data-size']) {
    return out.push(error('file', limitMessage('data-size', limits, `the ${kind} text has ${formatCount(text.length)} characters`, text.length))), null;
  }
  sources.set(file, text);
  const parsed = parseJson(text, file);
  out.push(...parsed.diagnostics);
  return parsed.node;
}
