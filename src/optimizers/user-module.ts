// Optimizers from a user's own module: `--optimizer ./path/to/module.mjs` loads the file (only when
// named on the command line), checks that its export is an OptimizerDefinition, registers it under
// its name, and remembers the file's path and SHA-256 so results can say exactly what ran.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { importFile } from '../util/import-module.ts';
import type { Optimizer, OptimizerDefinition } from './optimizer.ts';
import { resolveOptions, type OptionSpec } from './options.ts';
import { optimizerModuleSource, registerOptimizer, type OptimizerModuleSource } from './registry.ts';

/** A loaded module: its (checked, guarded) definition and its source. */
export interface LoadedOptimizerModule {
  readonly definition: OptimizerDefinition;
  readonly source: OptimizerModuleSource;
}

/** A user's optimizer module that cannot be loaded, does not export an optimizer, or failed in a run. */
export class OptimizerModuleError extends Error {
  override name = 'OptimizerModuleError';
}

/** True when a method name on the command line is a module path (`.mjs`, `.js`, `.cjs`, `.ts`, `.mts`, `.cts`). */
export function isModulePath(text: string): boolean {
  return /\.[cm]?[jt]s$/.test(text);
}

const byFile = new Map<string, LoadedOptimizerModule>();

/** SHA-256 (hex) of a file's bytes. */
export function fileSha256(file: string): string {
  return createHash('sha256').update(new Uint8Array(readFileSync(file))).digest('hex');
}

/**
 * Loads the optimizer module at `path` (relative to the working directory), validates its default
 * export (or its export `optimizer`) and registers it. Loading the same unchanged file again returns
 * the same module; `expectedSha256` makes a changed file an error (a comparison's workers).
 */
export async function loadOptimizerModule(path: string, expectedSha256?: string): Promise<LoadedOptimizerModule> {
  const file = resolve(path);
  let sha256: string;
  try {
    sha256 = fileSha256(file);
  } catch (e) {
    throw new OptimizerModuleError(`${path}: cannot read the optimizer module (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (expectedSha256 && sha256 !== expectedSha256) {
    throw new OptimizerModuleError(`${path}: the optimizer module changed since the comparison started (SHA-256 ${sha256.slice(0, 12)}, expected ${expectedSha256.slice(0, 12)})`);
  }
  const cached = byFile.get(file);
  if (cached && cached.source.sha256 === sha256) return cached;
  let exports: Record<string, unknown>;
  try {
    exports = await importFile(file, sha256.slice(0, 16));
  } catch (e) {
    const hint = /\.ts$/.test(file) ? ' (a .ts module is loaded as an ES module: name it .mts, or keep it under a package.json with "type": "module")' : '';
    throw new OptimizerModuleError(`${path}: the module failed to load: ${(e as Error).message ?? String(e)}${hint}`);
  }
  const definition = guarded(checkDefinition(path, exports['default'] ?? exports['optimizer']), path);
  const source = { path, sha256 };
  const earlier = optimizerModuleSource(definition.name);
  if (earlier && earlier.sha256 !== sha256) {
    throw new OptimizerModuleError(`${path}: optimizer '${definition.name}' is already defined by ${earlier.path}`);
  }
  if (!earlier) {
    try {
      registerOptimizer(definition, source);
    } catch (e) {
      throw new OptimizerModuleError(`${path}: ${(e as Error).message}`);
    }
  }
  const loaded = { definition, source };
  byFile.set(file, loaded);
  return loaded;
}

/** The module already loaded from `path`, if any. */
export function loadedOptimizerModule(path: string): LoadedOptimizerModule | undefined {
  return byFile.get(resolve(path));
}

const NAME = /^[a-z][a-z0-9_+-]*$/i;
const OPTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TYPES = new Set(['number', 'integer', 'boolean', 'choice']);

/** Checks the shape of a module's export; every complaint names the module and the field. */
function checkDefinition(path: string, value: unknown): OptimizerDefinition {
  const fail = (what: string): never => {
    throw new OptimizerModuleError(`${path}: ${what}`);
  };
  if (!value || typeof value !== 'object') fail('export an optimizer definition as the default export (or as `optimizer`)');
  const def = value as Record<string, unknown>;
  if (typeof def['name'] !== 'string' || !NAME.test(def['name'])) fail(`'name' must be a string of letters, digits, '-', '_' or '+' starting with a letter, got ${JSON.stringify(def['name'])}`);
  if (typeof def['summary'] !== 'string') fail(`'summary' must be a one-line string`);
  if (def['family'] !== 'relaxed' && def['family'] !== 'discrete') fail(`'family' must be 'relaxed' or 'discrete', got ${JSON.stringify(def['family'])}`);
  if (typeof def['create'] !== 'function') fail(`'create' must be a function (problem, rng, options) => optimizer`);
  const options = def['options'] ?? [];
  if (!Array.isArray(options)) fail(`'options' must be an array of option specs`);
  const seen = new Set<string>();
  for (const [i, o] of (options as unknown[]).entries()) {
    const spec = o as Record<string, unknown>;
    const at = `option ${i + 1}${typeof spec?.['name'] === 'string' ? ` ('${spec['name']}')` : ''}`;
    if (!spec || typeof spec !== 'object') fail(`${at} is not an object`);
    if (typeof spec['name'] !== 'string' || !OPTION_NAME.test(spec['name'])) fail(`${at}: 'name' must be an identifier`);
    if (seen.has(spec['name'] as string)) fail(`${at}: the name is used twice`);
    seen.add(spec['name'] as string);
    if (!TYPES.has(spec['type'] as string)) fail(`${at}: 'type' must be one of number, integer, boolean, choice`);
    if (typeof spec['doc'] !== 'string' || spec['doc'] === '') fail(`${at}: 'doc' must say what the option means`);
    if (spec['type'] === 'choice' && (!Array.isArray(spec['choices']) || spec['choices'].some((c) => typeof c !== 'string'))) fail(`${at}: a choice needs 'choices', an array of strings`);
    try {
      resolveOptions(def['name'] as string, [spec as unknown as OptionSpec], { [spec['name'] as string]: spec['default'] });
    } catch (e) {
      fail(`${at}: the default does not pass its own rule (${(e as Error).message})`);
    }
  }
  return { ...(def as unknown as OptimizerDefinition), options: options as OptionSpec[] };
}

/**
 * Wraps a module's factory so that a missing method, a probability array of the wrong size, or an
 * exception in the user's code becomes an OptimizerModuleError naming the module (the loop is not
 * to blame for them).
 */
function guarded(def: OptimizerDefinition, path: string): OptimizerDefinition {
  const fail = (what: string, e?: unknown): never => {
    if (e instanceof OptimizerModuleError) throw e;
    const where = e instanceof Error ? firstFrameIn(e, path) : '';
    throw new OptimizerModuleError(`${path}: ${what}${e === undefined ? '' : `: ${e instanceof Error ? e.message : String(e)}`}${where}`);
  };
  return {
    ...def,
    create(problem, rng, options) {
      let made: Optimizer;
      try {
        made = def.create(problem, rng, options);
      } catch (e) {
        return fail(`create() threw`, e);
      }
      for (const m of ['probs', 'update', 'decode'] as const) if (typeof made?.[m] !== 'function') fail(`create() must return an object with a '${m}' method`);
      const guardedOptimizer: Optimizer = {
        probs(step) {
          let p: Float64Array;
          try {
            p = made.probs(step);
          } catch (e) {
            return fail('probs() threw', e);
          }
          if (!(p instanceof Float64Array) || p.length !== problem.size) fail(`probs() must return a Float64Array of length ${problem.size}`);
          return p;
        },
        update(grad, loss, step) {
          try {
            made.update(grad, loss, step);
          } catch (e) {
            fail('update() threw', e);
          }
        },
        decode(into) {
          try {
            made.decode(into);
          } catch (e) {
            fail('decode() threw', e);
          }
        },
      };
      if (made.gradientWithoutPass) guardedOptimizer.gradientWithoutPass = (g) => made.gradientWithoutPass!(g);
      if (made.decodedTermLosses) guardedOptimizer.decodedTermLosses = () => made.decodedTermLosses!();
      if (made.probsJustEvaluated) guardedOptimizer.probsJustEvaluated = () => made.probsJustEvaluated!();
      return guardedOptimizer;
    },
  };
}

/** ` (at FILE:LINE:COL)` of the first stack frame inside the module, or ''. */
function firstFrameIn(e: Error, path: string): string {
  const file = resolve(path);
  const line = (e.stack ?? '').split('\n').find((l) => l.includes(file));
  const m = line ? /(\d+):(\d+)\)?\s*$/.exec(line) : null;
  return m ? ` (at ${path}:${m[1]}:${m[2]})` : '';
}
