// The optimizer registry: names to definitions, generic option validation and construction.

import type { Rng } from '../util/rng.ts';
import { bop } from './bop.ts';
import { dmala } from './dmala.ts';
import { fmgdEntropy } from './fmgd-entropy.ts';
import { fmgd } from './fmgd.ts';
import { gradsearchPlus } from './gradsearch-plus.ts';
import { gradsearchLs } from './gradsearch-ls.ts';
import { gradsearchRa } from './gradsearch-ra.ts';
import { gradsearch } from './gradsearch.ts';
import { gst } from './gst.ts';
import { gumbel } from './gumbel.ts';
import { gwg } from './gwg.ts';
import { localSearch } from './local-search.ts';
import { neuralReparam } from './neural-reparam.ts';
import type { Optimizer, OptimizerDefinition, OptimizerProblem } from './optimizer.ts';
import { describeOption, OptionError, resolveOptions, type ResolvedOptions } from './options.ts';
import { pas } from './pas.ts';
import { reinmax } from './reinmax.ts';
import { rloo } from './rloo.ts';
import { ste } from './ste.ts';
import { tempSoftmax } from './temp-softmax.ts';

const builtIn: readonly OptimizerDefinition[] = [
  fmgd,
  fmgdEntropy,
  tempSoftmax,
  gumbel,
  neuralReparam,
  ste,
  reinmax,
  gst,
  rloo,
  bop,
  gradsearch,
  gradsearchRa,
  gradsearchPlus,
  gwg,
  dmala,
  pas,
  localSearch,
  gradsearchLs,
];

/** Built-in optimizers (relaxed methods first, as in the paper's Table 1), then those registered at run time. */
const definitions: OptimizerDefinition[] = [...builtIn];
const byName = new Map(definitions.map((d) => [d.name, d]));

/** Every registered optimizer, in a stable order: the built-in ones, then those of user modules as loaded. */
export function listOptimizers(): readonly OptimizerDefinition[] {
  return definitions;
}

/** Where an optimizer of a user's module came from: the path as given and the SHA-256 (hex) of the file. */
export interface OptimizerModuleSource {
  readonly path: string;
  readonly sha256: string;
}

const sources = new Map<string, OptimizerModuleSource>();

/**
 * Adds an optimizer under its name, with the module it came from (see user-module.ts, which loads
 * one by path); throws if the name is taken.
 */
export function registerOptimizer(def: OptimizerDefinition, source?: OptimizerModuleSource): void {
  if (byName.has(def.name) || def.name === 'smt') throw new OptionError(`optimizer '${def.name}' already exists; give the module's optimizer another name`);
  definitions.push(def);
  byName.set(def.name, def);
  if (source) sources.set(def.name, source);
}

/** The module the optimizer registered as `name` came from, or undefined for a built-in one. */
export function optimizerModuleSource(name: string): OptimizerModuleSource | undefined {
  return sources.get(name);
}

/** The definition registered as `name`; throws {@link OptionError} listing the known names. */
export function getOptimizer(name: string): OptimizerDefinition {
  const def = byName.get(name);
  if (!def) throw new OptionError(`unknown optimizer '${name}'; known: ${definitions.map((d) => d.name).join(', ')}`);
  return def;
}

/** Validates `raw` against `name`'s schema and fills in defaults (throws {@link OptionError}). */
export function resolveOptimizerOptions(name: string, raw: Readonly<Record<string, unknown>> = {}): ResolvedOptions {
  return resolveOptions(name, getOptimizer(name).options, raw);
}

/** Builds optimizer `name` for `problem` with validated options; returns it with the resolved options. */
export function createOptimizer(
  name: string,
  problem: OptimizerProblem,
  rng: Rng,
  raw: Readonly<Record<string, unknown>> = {},
): { optimizer: Optimizer; options: ResolvedOptions } {
  const options = resolveOptimizerOptions(name, raw);
  return { optimizer: getOptimizer(name).create(problem, rng, options), options };
}

/** A plain-text listing of every optimizer and its options (name, default, accepted values, doc), for `tpt optimizers`. */
export function formatOptimizers(): string {
  const lines: string[] = [];
  for (const def of definitions) {
    lines.push(`${def.name} (${def.family}): ${def.summary}`);
    const width = Math.max(0, ...def.options.map((o) => o.name.length));
    for (const o of def.options) {
      lines.push(`  ${o.name.padEnd(width)}  = ${String(o.default).padEnd(10)} ${o.doc} (${describeOption(o)})`);
    }
  }
  return lines.join('\n');
}
