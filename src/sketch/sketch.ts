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
import { error, hasErrors, type Diagnostic } from '../util/diagnostics.ts';

/** How a sketch is assembled: where its data and hypers come from, the batch, hyper overrides. */
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
  /** A file's text, or an error message fit for a user. */
  read(path: string): { text: string } | { error: string };
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
  const done = (sketch: Sketch | null = null): SketchResult => ({ sketch, diagnostics, sources });

  let source = options.source;
  if (source === undefined) {
    const read = readWith(files, programPath);
    if ('error' in read) return diagnostics.push(error('file', read.error)), done();
    source = read.text;
  }
  sources.set(programPath, source);
  const parsed = parseModule(source, programPath);
  diagnostics.push(...parsed.diagnostics);
  if (!parsed.module || hasErrors(diagnostics)) return done();
  diagnostics.push(...checkModule(parsed.module));
  if (hasErrors(diagnostics)) return done();

  const hypersJson = readJson(files, options.hypersText, options.hypersPath, programPath, 'hypers', sources, diagnostics);
  const dataJson = readJson(files, options.dataText, options.dataPath, programPath, 'data', sources, diagnostics);
  if (hasErrors(diagnostics)) return done();
  const hyperSets = hypersJson ? readHyperSets(hypersJson, diagnostics) : new Map<string, Record<string, number>>();
  const batches = dataJson ? readBatches(dataJson, diagnostics) : [];
  if (hasErrors(diagnostics)) return done();

  let batch: RawBatch | null = null;
  let hypers: Record<string, number> = {};
  if (batches.length > 0) {
    batch = options.batch === undefined ? batches[0]! : (batches.find((b) => b.name === options.batch) ?? null);
    if (!batch) {
      diagnostics.push(error('unknown-batch', `no batch named '${options.batch}'; the data has: ${batches.map((b) => b.name).join(', ')}`));
      return done();
    }
    if (typeof batch.hypers === 'string') {
      const set = hyperSets.get(batch.hypers);
      if (!set) {
        diagnostics.push(error('unknown-hyper-set', `batch ${batch.name} names the hyper set '${batch.hypers}', which the hypers file does not define`, batch.span));
        return done();
      }
      hypers = { ...set };
    } else if (batch.hypers) hypers = { ...batch.hypers };
  } else if (hyperSets.size > 0) {
    const name = options.batch ?? (hyperSets.has('default') ? 'default' : hyperSets.size === 1 ? [...hyperSets.keys()][0]! : null);
    if (name !== null) {
      const set = hyperSets.get(name);
      if (!set) {
        diagnostics.push(error('unknown-hyper-set', `no hyper set named '${name}'; the hypers file has: ${[...hyperSets.keys()].join(', ')}`));
        return done();
      }
      hypers = { ...set };
    }
  } else if (options.batch !== undefined) {
    diagnostics.push(error('unknown-batch', `--batch ${options.batch} given, but there is no data or hypers file`));
    return done();
  }
  Object.assign(hypers, options.set ?? {});

  const lowered = lowerModule(parsed.module, hypers);
  diagnostics.push(...lowered.diagnostics);
  for (const name of Object.keys(options.set ?? {})) {
    if (!lowered.hyperNames.includes(name)) {
      diagnostics.push(error('unknown-hyper', `--set ${name}: the program has no Hyper named ${name} (it has: ${lowered.hyperNames.join(', ') || 'none'})`));
    }
  }
  if (!lowered.program || hasErrors(diagnostics)) return done();
  const dataset = buildDataset(lowered.program, batch, diagnostics);
  if (!dataset || hasErrors(diagnostics)) return done();
  const usedHypers = Object.fromEntries(lowered.hyperNames.map((n) => [n, hypers[n]!]));
  return done({
    program: lowered.program,
    source,
    dataset,
    hypers: usedHypers,
    batchName: batch?.name ?? null,
    batchNames: batches.map((b) => b.name),
    hyperNames: lowered.hyperNames,
  });
}

function readWith(files: SketchFiles | null, path: string): { text: string } | { error: string } {
  return files ? files.read(path) : { error: `cannot read ${path}: no file access here; give its text instead` };
}

function readJson(
  files: SketchFiles | null,
  text: string | undefined,
  path: string | false | undefined,
  programPath: string,
  kind: 'hypers' | 'data',
  sources: Map<string, string>,
  out: Diagnostic[],
): JsonNode | null {
  let file = `<${kind}>`;
  if (text === undefined) {
    const found = path === false ? null : (path ?? files?.find(programPath, kind) ?? null);
    if (!found) return null;
    const read = readWith(files, found);
    if ('error' in read) return out.push(error('file', read.error)), null;
    text = read.text;
    file = found;
  }
  sources.set(file, text);
  const parsed = parseJson(text, file);
  out.push(...parsed.diagnostics);
  return parsed.node;
}

/** A hypers file: `{"setName": {"H": 4}}`. */
function readHyperSets(root: JsonNode, out: Diagnostic[]): Map<string, Record<string, number>> {
  const sets = new Map<string, Record<string, number>>();
  if (root.kind !== 'object') {
    out.push(error('hypers-format', 'a hypers file is an object of named sets: {"setName": {"H": 4}}', root.span));
    return sets;
  }
  for (const [name, { value }] of root.entries) {
    if (value.kind !== 'object') {
      out.push(error('hypers-format', `hyper set '${name}' should be an object of integer values`, value.span));
      continue;
    }
    const set: Record<string, number> = {};
    for (const [k, v] of value.entries) {
      if (v.value.kind === 'number' && Number.isInteger(v.value.value)) set[k] = v.value.value;
      else out.push(error('hypers-format', `hyper ${k} in set '${name}' must be an integer`, v.value.span));
    }
    sets.set(name, set);
  }
  return sets;
}
