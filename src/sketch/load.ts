// A sketch = program + hyper values + one batch of examples. Loading runs the front end, binds hypers,
// lowers, and validates the data, collecting every diagnostic on the way.
import { parseModule } from '../syntax/parse.ts';
import { checkModule } from '../check/names.ts';
import { lowerModule } from '../ir/lower.ts';
import type { Program } from '../ir/ir.ts';
import { parseJson, type JsonNode } from '../data/json.ts';
import { buildDataset, readBatches, type RawBatch } from '../data/batch.ts';
import type { Dataset } from '../data/dataset.ts';
import { conventionalFile, readText } from './files.ts';
import { nothingObserved } from './observed.ts';
import { error, hasErrors, type Diagnostic } from '../util/diagnostics.ts';

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

export interface Sketch {
  readonly program: Program;
  /** The program's text. */
  readonly source: string;
  readonly dataset: Dataset;
  readonly hypers: Readonly<Record<string, number>>;
  /** The batch used, or null when the program is its own single example. */
  readonly batchName: string | null;
  readonly batchNames: readonly string[];
  readonly hyperNames: readonly string[];
}

export interface SketchResult {
  readonly sketch: Sketch | null;
  readonly diagnostics: Diagnostic[];
  /** File name -> text, for rendering diagnostics with their source lines. */
  readonly sources: Map<string, string>;
}

/** Loads, checks and lowers a sketch. Never throws for bad input: problems come back as diagnostics. */
export function loadSketch(programPath: string, options: SketchOptions = {}): SketchResult {
  const sources = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const done = (sketch: Sketch | null = null): SketchResult => ({ sketch, diagnostics, sources });

  let source = options.source;
  if (source === undefined) {
    const read = readText(programPath);
    if ('error' in read) return diagnostics.push(error('file', read.error)), done();
    source = read.text;
  }
  sources.set(programPath, source);
  const parsed = parseModule(source, programPath);
  diagnostics.push(...parsed.diagnostics);
  if (!parsed.module || hasErrors(diagnostics)) return done();
  diagnostics.push(...checkModule(parsed.module));
  if (hasErrors(diagnostics)) return done();

  const hypersJson = readJson(options.hypersText, options.hypersPath, programPath, 'hypers', sources, diagnostics);
  const dataJson = readJson(options.dataText, options.dataPath, programPath, 'data', sources, diagnostics);
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
  const unobserved = nothingObserved(lowered.program, dataset, programPath, batch !== null);
  if (unobserved) diagnostics.push(unobserved);
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

function readJson(
  text: string | undefined,
  path: string | false | undefined,
  programPath: string,
  kind: 'hypers' | 'data',
  sources: Map<string, string>,
  out: Diagnostic[],
): JsonNode | null {
  let file = `<${kind}>`;
  if (text === undefined) {
    const found = path === false ? null : (path ?? conventionalFile(programPath, kind));
    if (!found) return null;
    const read = readText(found);
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
