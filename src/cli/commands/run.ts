// `tpt run PROGRAM --params F`: run the exact interpreter with given Param values on every example.
import { runExact, shapeValues, paramsToJson, DONT_CARE, type ExactResult, type Sketch } from '../../index.ts';
import { flagBool, flagString } from '../args.ts';
import { SKETCH_FLAGS, UserError, loadFromArgs, loadAllParams, out } from '../common.ts';
import { loadModelParams } from '../model.ts';
import { paramTables } from '../present.ts';
import type { Command } from '../command.ts';

export const runCommand: Command = {
  name: 'run',
  usage: 'tpt run PROGRAM --params F [--from-model MODEL] [--data F] [--hypers F] [--batch NAME] [--set NAME=VALUE]... [--json]',
  summary: 'run the exact interpreter with given Param values; exit 0 iff every observed output matches',
  flags: [
    ...SKETCH_FLAGS,
    { name: 'params', type: 'string', value: 'FILE', help: 'JSON: param name -> int or nested int arrays; with --from-model, a CNF from tpt synth --export-cnf' },
    { name: 'from-model', type: 'string', value: 'MODEL', help: "a SAT solver's model of the CNF given as --params (MiniSat's result file or 's'/'v' lines)" },
    { name: 'json', type: 'boolean', help: 'print a JSON report' },
  ],
  run(args) {
    const paramsPath = flagString(args, 'params');
    if (!paramsPath) throw new UserError('tpt run needs --params FILE');
    const sketch = loadFromArgs(args);
    const modelPath = flagString(args, 'from-model');
    const json = flagBool(args, 'json');
    if (modelPath) {
      // A model decodes only through its CNF's header: show the Params it gives before the check.
      const params = loadModelParams(sketch, paramsPath, modelPath);
      const result = runExact(sketch.program, sketch.dataset, params);
      const assignment = paramsToJson(sketch.program, params);
      if (json) out(JSON.stringify({ assignment, ...(runReport(sketch, result) as object) }, null, 2));
      else out([paramTables(sketch.program, assignment) || JSON.stringify(assignment), '', formatRun(sketch, result)].join('\n'));
      return result.solved ? 0 : 1;
    }
    const params = loadAllParams(sketch, paramsPath);
    const result = runExact(sketch.program, sketch.dataset, params.discrete, params.real);
    out(json ? JSON.stringify(runReport(sketch, result), null, 2) : formatRun(sketch, result));
    return result.solved ? 0 : 1;
  },
};

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
