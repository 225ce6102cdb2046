// An exact run of a sketch shown to a user: one line per example with its outputs against the expected
// ones and `N/N examples solved` (the text of `tpt run`), or the same as JSON (`tpt run --json`).
import { DONT_CARE } from '../data/dataset.ts';
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

/** The JSON of `tpt run --json`: every example's outputs, expected values, mismatches and faults. */
export function runReport(sketch: Sketch, result: ExactResult): unknown {
  const { program, dataset } = sketch;
  const groups = observedGroups(sketch);
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
        outputs: Object.fromEntries(groups.map((g) => [g.name, shapeValues(produced(g.positions), g.dims)])),
        expected: Object.fromEntries(groups.map((g) => [g.name, shapeValues(expected(g.positions), g.dims)])),
        mismatches: run.mismatches.map((i) => program.vars[dataset.observedVars[i]!]!.name),
        faults: run.faults.map((f) => f.message),
      };
    }),
  };
}

/** The text of `tpt run`: `ok`/`FAIL` per example, then `N/N examples solved`. */
export function formatRun(sketch: Sketch, result: ExactResult): string {
  const { program, dataset } = sketch;
  const groups = observedGroups(sketch);
  const fmt = (values: number[]): string => (values.length === 1 ? String(values[0]) : `[${values.map((v) => (v === DONT_CARE ? '_' : v)).join(' ')}]`);
  const lines: string[] = [];
  const width = Math.max(...dataset.examples.map((e) => e.name.length));
  result.examples.forEach((run, e) => {
    const example = dataset.examples[e]!;
    const ok = run.faults.length === 0 && run.mismatches.length === 0;
    const parts = groups.map((g) => {
      const got = g.positions.map((i) => run.values[dataset.observedVars[i]!]!);
      const want = g.positions.map((i) => example.expected[i]!);
      const same = got.every((v, k) => want[k] === DONT_CARE || v === want[k]);
      return `${g.name} = ${fmt(got)}${same ? '' : ` (expected ${fmt(want)})`}`;
    });
    lines.push(`${ok ? 'ok  ' : 'FAIL'} ${example.name.padEnd(width)}  ${parts.join('  ')}`);
    for (const f of run.faults) lines.push(`       runtime error: ${f.message}`);
    if (run.mismatches.length > 0 && groups.some((g) => g.name === 'observe_value')) {
      lines.push(`       mismatched: ${run.mismatches.map((i) => program.vars[dataset.observedVars[i]!]!.name).join(', ')}`);
    }
  });
  const n = dataset.examples.length;
  lines.push(`${result.examplesSolved}/${n} example${n === 1 ? '' : 's'} solved${result.solved ? '' : ' — the params do not solve the data'}`);
  return lines.join('\n');
}
