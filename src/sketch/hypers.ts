// Hyper values for a sketch: the named sets of a hypers file, and which set (or batch) binds them,
// with the place in the JSON where each set is written, so that a missing Hyper points there.
import type { JsonNode } from '../data/json.ts';
import type { RawBatch } from '../data/batch.ts';
import { error, type Diagnostic, type Span } from '../util/diagnostics.ts';

/** One named set of a hypers file. */
export interface HyperSet {
  readonly values: Readonly<Record<string, number>>;
  readonly span: Span;
}

/** A hypers file: `{"setName": {"H": 4}}`. */
export function readHyperSets(root: JsonNode, out: Diagnostic[]): Map<string, HyperSet> {
  const sets = new Map<string, HyperSet>();
  if (root.kind !== 'object') {
    out.push(error('hypers-format', 'a hypers file is an object of named sets: {"setName": {"H": 4}}', root.span));
    return sets;
  }
  for (const [name, { value }] of root.entries) {
    if (value.kind !== 'object') {
      out.push(error('hypers-format', `hyper set '${name}' should be an object of integer values`, value.span));
      continue;
    }
    const values: Record<string, number> = {};
    for (const [k, v] of value.entries) {
      if (v.value.kind === 'number' && Number.isSafeInteger(v.value.value)) values[k] = v.value.value;
      else out.push(error('hypers-format', `hyper ${k} in set '${name}' must be an integer (at most 2^53 in size)`, v.value.span));
    }
    sets.set(name, { values, span: value.span });
  }
  return sets;
}

/** The hypers a sketch is lowered with, where they were written (null: nowhere), and what they are called. */
export interface ChosenHypers {
  readonly values: Record<string, number>;
  readonly span: Span | null;
  readonly source: string;
}

/**
 * The hypers of `batch` (its named set or inline values), or without data the set `name` (default:
 * `default`, or the only set). Pushes `unknown-batch` / `unknown-hyper-set` and returns null on failure.
 */
export function chooseHypers(
  batch: RawBatch | null,
  sets: ReadonlyMap<string, HyperSet>,
  name: string | undefined,
  out: Diagnostic[],
): ChosenHypers | null {
  if (batch) {
    if (typeof batch.hypers === 'string') {
      const set = sets.get(batch.hypers);
      if (!set) {
        out.push(error('unknown-hyper-set', `batch ${batch.name} names the hyper set '${batch.hypers}', which the hypers file does not define`, batch.hypersSpan ?? batch.span));
        return null;
      }
      return { values: { ...set.values }, span: set.span, source: `the hyper set '${batch.hypers}' of batch ${batch.name}` };
    }
    return { values: { ...(batch.hypers ?? {}) }, span: batch.hypersSpan ?? batch.span, source: `batch ${batch.name}` };
  }
  if (sets.size > 0) {
    const chosen = name ?? (sets.has('default') ? 'default' : sets.size === 1 ? [...sets.keys()][0]! : null);
    if (chosen === null) return { values: {}, span: null, source: '' };
    const set = sets.get(chosen);
    if (!set) {
      out.push(error('unknown-hyper-set', `no hyper set named '${chosen}'; the hypers file has: ${[...sets.keys()].join(', ')}`));
      return null;
    }
    return { values: { ...set.values }, span: set.span, source: `the hyper set '${chosen}'` };
  }
  if (name !== undefined) {
    out.push(error('unknown-batch', `--batch ${name} given, but there is no data or hypers file`));
    return null;
  }
  return { values: {}, span: null, source: '' };
}

/**
 * Moves each `unbound-hyper` error of lowering to the data or hypers file that should have bound it
 * (`unbound` lists the names in declaration order, as lowering reports them).
 */
export function locateUnboundHypers(diagnostics: Diagnostic[], unbound: readonly string[], chosen: ChosenHypers): void {
  if (!chosen.span) return;
  let k = 0;
  diagnostics.forEach((d, i) => {
    if (d.code !== 'unbound-hyper' || k >= unbound.length) return;
    const name = unbound[k++]!;
    const where = d.span ? ` (declared at ${d.span.file}:${d.span.line})` : '';
    diagnostics[i] = error('unbound-hyper', `${chosen.source} does not bind Hyper '${name}'${where}: add it there, or give --set ${name}=VALUE`, chosen.span!);
  });
}
