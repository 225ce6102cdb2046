// An exact run of a sketch shown to a user: one line per example with its inputs and its outputs
// against the expected ones, then `N/N examples solved` (the text of `tpt run`), or the same as JSON
// (`tpt run --json`).
import { DONT_CARE, type Example } from '../data/dataset.ts';
import { shapeValues } from '../data/values.ts';
import type { ExactResult } from '../exact/interpret.ts';
import type { Sketch } from '../sketch/sketch.ts';

/** Observed positions grouped by declaration (Outputs with data) plus program observations. */
function observedGroups(sketch: Sketch): { name: string; positions: number[]; dims: readonly number[] }[] {
  const { program, dataset } = sketch;
  const byGroup = new Map<number, number[]>();
  const observations: number[] = [];
  const outputsWithData = dataset.observedVars.length - program.observations.length;
  dataset.observedVars.forEach((v, i) => {
    if (i >= outputsWithData) return observations.push(i);
    const g = program.vars[v]!.group;
    if (!byGroup.has(g)) byGroup.set(g, []);
    byGroup.get(g)!.push(i);
  });
  const groups = [...byGroup].map(([g, positions]) => ({ name: program.groups[g]!.name, positions, dims: program.groups[g]!.dims }));
  if (observations.length > 0) groups.push({ name: 'observe_value', positions: observations, dims: [observations.length] });
  return groups;
}

/** Each example's inputs by declaration: discrete Inputs the data clamps, then real Inputs. */
function inputGroups(sketch: Sketch): { name: string; dims: readonly number[]; values: (e: Example) => ArrayLike<number> }[] {
  const { program, dataset } = sketch;
  const byGroup = new Map<number, number[]>();
  dataset.inputVars.forEach((v, i) => {
    const g = program.vars[v]!.group;
    if (!byGroup.has(g)) byGroup.set(g, []);
    byGroup.get(g)!.push(i);
  });
  const discrete = [...byGroup].map(([g, positions]) => ({
    name: program.groups[g]!.name,
    dims: program.groups[g]!.dims,
    values: (e: Example) => positions.map((i) => e.inputs[i]!),
  }));
  let at = 0;
  const real = (dataset.realInputs ?? []).map((id) => {
    const t = program.real!.tensors[id]!;
    const start = at;
    at += t.size;
    return { name: t.name, dims: t.shape, values: (e: Example) => e.realInputs!.subarray(start, start + t.size) };
  });
  return [...discrete, ...real];
}

/** Input values for a line of text: a scalar, or the first few of an array. */
function inputText(values: ArrayLike<number>): string {
  const shown = Array.from(values).slice(0, 8).map((v) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)))));
  return values.length === 1 ? shown[0]! : `[${shown.join(' ')}${values.length > 8 ? ` ... (${values.length})` : ''}]`;
}

/** The JSON of `tpt run --json`: every example's inputs, outputs, expected values, mismatches and faults. */
export function runReport(sketch: Sketch, result: ExactResult): unknown {
  const { program, dataset } = sketch;
  const groups = observedGroups(sketch);
  const inputs = inputGroups(sketch);
  return {
    solved: result.solved,
    examplesSolved: result.examplesSolved,
    examples: result.examples.map((run, e) => {
      const example = dataset.examples[e]!;
      const produced = (positions: number[]): number[] => positions.map((i) => run.values[dataset.observedVars[i]!]!);
      const expected = (positions: number[]): number[] => positions.map((i) => example.expected[i]!);
      return {
        name: example.name,
        ok: run.faults.length === 0 && run.mismatches.length === 0,
        inputs: Object.fromEntries(inputs.map((g) => [g.name, g.dims.length === 0 ? g.values(example)[0] : shapeValues(g.values(example), g.dims)])),
        outputs: Object.fromEntries(groups.map((g) => [g.name, shapeValues(produced(g.positions), g.dims)])),
        expected: Object.fromEntries(groups.map((g) => [g.name, shapeValues(expected(g.positions), g.dims)])),
        mismatches: run.mismatches.map((i) => program.vars[dataset.observedVars[i]!]!.name),
        faults: run.faults.map((f) => f.message),
      };
    }),
  };
}

/** The text of `tpt run`: `ok`/`FAIL` per example with its inputs, then `N/N examples solved`. */
export function formatRun(sketch: Sketch, result: ExactResult): string {
  const { program, dataset } = sketch;
  const groups = observedGroups(sketch);
  const fmt = (values: number[]): string => (values.length === 1 ? String(values[0]) : `[${values.map((v) => (v === DONT_CARE ? '_' : v)).join(' ')}]`);
  const lines: string[] = [];
  const width = Math.max(...dataset.examples.map((e) => e.name.length));
  const inputs = inputGroups(sketch);
  const given = dataset.examples.map((e) => inputs.map((g) => `${g.name} = ${inputText(g.values(e))}`).join('  '));
  const givenWidth = Math.max(0, ...given.map((t) => t.length));
  result.examples.forEach((run, e) => {
    const example = dataset.examples[e]!;
    const ok = run.faults.length === 0 && run.mismatches.length === 0;
    const parts = groups.map((g) => {
      const got = g.positions.map((i) => run.values[dataset.observedVars[i]!]!);
      const want = g.positions.map((i) => example.expected[i]!);
      const same = got.every((v, k) => want[k] === DONT_CARE || v === want[k]);
      return `${g.name} = ${fmt(got)}${same ? '' : ` (expected ${fmt(want)})`}`;
    });
    const from = inputs.length > 0 ? `${given[e]!.padEnd(givenWidth)}  ->  ` : '';
    lines.push(`${ok ? 'ok  ' : 'FAIL'} ${example.name.padEnd(width)}  ${from}${parts.join('  ')}`);
    for (const f of run.faults) lines.push(`       runtime error: ${f.message}`);
    if (run.mismatches.length > 0 && groups.some((g) => g.name === 'observe_value')) {
      lines.push(`       mismatched: ${run.mismatches.map((i) => program.vars[dataset.observedVars[i]!]!.name).join(', ')}`);
    }
  });
  const n = dataset.examples.length;
  lines.push(`${result.examplesSolved}/${n} example${n === 1 ? '' : 's'} solved${result.solved ? '' : ' — the params do not solve the data'}`);
  return lines.join('\n');
}
