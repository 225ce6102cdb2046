// Turns a TerpreT data batch (`{batch_name, hypers, instances}`) into a validated Dataset for a program.
import type { JsonNode } from './json.ts';
import type { Program } from '../ir/ir.ts';
import { DONT_CARE, type Dataset, type Example } from './dataset.ts';
import { groupEntry, groupKey, readGroupValues } from './values.ts';
import { readRealValues } from './real-values.ts';
import type { RealTensor } from '../ir/real.ts';
import { error, type Diagnostic } from '../util/diagnostics.ts';

/** One batch of a data file, not yet checked against a program. */
export interface RawBatch {
  readonly name: string;
  /** The hyper set the batch names (or inline hyper values). */
  readonly hypers: string | Readonly<Record<string, number>> | null;
  /** Where the batch's `hypers` is written, when it is. */
  readonly hypersSpan: JsonNode['span'] | null;
  readonly instances: readonly JsonNode[];
  readonly span: JsonNode['span'];
}

/** Reads the list of batches in a data file (a bare list of instances is accepted as one batch). */
export function readBatches(root: JsonNode, out: Diagnostic[]): RawBatch[] {
  const list = root.kind === 'array' ? root.items : root.kind === 'object' ? [root] : null;
  if (!list) {
    out.push(error('data-format', 'a data file holds a list of batches {"batch_name", "hypers", "instances"}', root.span));
    return [];
  }
  if (list.length > 0 && list.every((b) => b.kind === 'object' && !b.entries.has('instances') && !b.entries.has('batch_name'))) {
    return [{ name: 'default', hypers: null, hypersSpan: null, instances: list, span: root.span }];
  }
  const batches: RawBatch[] = [];
  const firstLine = new Map<string, number>();
  list.forEach((b, i) => {
    if (b.kind !== 'object') {
      out.push(error('data-format', 'each batch is an object {"batch_name", "hypers", "instances"}', b.span));
      return;
    }
    const instances = b.entries.get('instances')?.value;
    if (!instances || instances.kind !== 'array') {
      out.push(error('data-format', 'a batch needs "instances": a list of examples', b.span));
      return;
    }
    const nameNode = b.entries.get('batch_name')?.value;
    const hypersNode = b.entries.get('hypers')?.value;
    let hypers: RawBatch['hypers'] = null;
    if (hypersNode?.kind === 'string') hypers = hypersNode.value;
    else if (hypersNode?.kind === 'object') {
      const obj: Record<string, number> = {};
      for (const [k, v] of hypersNode.entries) {
        if (v.value.kind === 'number' && Number.isSafeInteger(v.value.value)) obj[k] = v.value.value;
        else out.push(error('data-format', `hyper ${k} must be an integer`, v.value.span));
      }
      hypers = obj;
    } else if (hypersNode && hypersNode.kind !== 'null') {
      out.push(error('data-format', '"hypers" names a hyper set (a string) or gives values (an object)', hypersNode.span));
    }
    const name = nameNode?.kind === 'string' ? nameNode.value : `batch${i}`;
    const earlier = firstLine.get(name);
    if (earlier !== undefined) {
      out.push(error('data-format', `a second batch named '${name}' (the first is on line ${earlier}); --batch could not tell them apart`, (nameNode ?? b).span));
      return;
    }
    firstLine.set(name, b.span.line);
    batches.push({ name, hypers, hypersSpan: hypersNode?.span ?? null, instances: instances.items, span: b.span });
  });
  return batches;
}

/**
 * Builds the Dataset for `program` from a batch (or, with no batch, the program's own single example).
 * Every Input the data feeds must be present; Outputs may be null (don't care) but not missing.
 */
export function buildDataset(program: Program, batch: RawBatch | null, out: Diagnostic[]): Dataset | null {
  const inputGroups = program.groups.filter((g) => g.vars.some((v) => program.vars[v]!.role === 'input'));
  const outputGroups = batch ? program.groups.filter((g) => g.role === 'output') : [];
  const inputVars = inputGroups.flatMap((g) => g.vars);
  const observedVars = [...outputGroups.flatMap((g) => g.vars), ...program.observations.map((o) => o.variable)];
  const observedConst = program.observations.map((o) => o.value);
  const tensors = program.real?.tensors ?? [];
  const realIn = tensors.filter((t) => t.role === 'input');
  const realOut = batch ? tensors.filter((t) => t.role === 'output') : [];
  const real = program.real ? { realInputs: realIn.map((t) => t.id), realOutputs: realOut.map((t) => t.id) } : {};
  if (!batch) {
    const missing = inputGroups[0] ?? realIn[0];
    if (missing) {
      out.push(error('data-missing', `the program reads Input ${missing.name} but no data file was found: give --data FILE`, missing.span));
      return null;
    }
    const realExample = program.real ? { realInputs: new Float64Array(0), realExpected: new Float64Array(0) } : {};
    return { inputVars, observedVars, examples: [{ name: 'program', inputs: new Int32Array(0), expected: Int32Array.from(observedConst), ...realExample }], ...real };
  }
  const before = out.length;
  const known = new Set([
    ...program.groups.filter((g) => g.role === 'input' || g.role === 'output').map(groupKey),
    ...realIn.map((t) => t.name),
    ...realOut.map((t) => t.name),
  ]);
  const examples: Example[] = [];
  batch.instances.forEach((inst, i) => {
    if (inst.kind !== 'object') {
      out.push(error('data-format', `instance ${i} of batch ${batch.name} should be an object of named values`, inst.span));
      return;
    }
    for (const [name, entry] of inst.entries) {
      if (!known.has(name)) out.push({ ...error('data-unknown-field', `instance ${i} has '${name}', which is not an Input or Output of the program`, entry.key), severity: 'warning' });
    }
    const read = (groups: typeof inputGroups, allowNull: boolean): Int32Array | null => {
      const values = new Int32Array(groups.reduce((n, g) => n + g.vars.length, 0));
      let at = 0;
      let ok = true;
      for (const g of groups) {
        const entry = groupEntry(inst, g);
        if (!entry) {
          out.push(error('data-missing', `instance ${i} of batch ${batch.name} has no value for ${g.name}`, inst.span));
          ok = false;
          continue;
        }
        const v = readGroupValues(entry, g, allowNull, `instance ${i}: ${g.name}`, out);
        if (v) values.set(v, at);
        else ok = false;
        at += g.vars.length;
      }
      return ok ? values : null;
    };
    const readReal = (list: readonly RealTensor[], allowNull: boolean): Float64Array | null => {
      const values = new Float64Array(list.reduce((n, t) => n + t.size, 0));
      let at = 0;
      let ok = true;
      for (const t of list) {
        const entry = inst.entries.get(t.name);
        const v = entry
          ? readRealValues(entry.value, t, allowNull, `instance ${i}: ${t.name}`, out)
          : (out.push(error('data-missing', `instance ${i} of batch ${batch.name} has no value for ${t.name}`, inst.span)), null);
        if (v) values.set(v, at);
        else ok = false;
        at += t.size;
      }
      return ok ? values : null;
    };
    const inputs = read(inputGroups, false);
    const outputs = read(outputGroups, true);
    const realInputs = readReal(realIn, false);
    const realExpected = readReal(realOut, true);
    if (inputs && outputs && realInputs && realExpected) {
      const expected = new Int32Array(observedVars.length).fill(DONT_CARE);
      expected.set(outputs, 0);
      expected.set(observedConst, outputs.length);
      examples.push({ name: `${batch.name}[${i}]`, inputs, expected, ...(program.real ? { realInputs, realExpected } : {}) });
    }
  });
  if (out.slice(before).some((d) => d.severity === 'error')) return null;
  if (examples.length === 0) {
    out.push(error('data-missing', `batch ${batch.name} has no instances`, batch.span));
    return null;
  }
  return { inputVars, observedVars, examples, ...real };
}
