// `tpt run PROGRAM --params F`: run the exact interpreter with given Param values on every example.
import { formatRun, paramTables, paramsToJson, runExact, runReport } from '../../index.ts';
import { flagBool, flagString } from '../args.ts';
import { SKETCH_FLAGS, UserError, limitsFromArgs, loadFromArgs, loadAllParams, out } from '../common.ts';
import { loadModelParams } from '../model.ts';
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
      const params = loadModelParams(sketch, paramsPath, modelPath, limitsFromArgs(args));
      const result = runExact(sketch.program, sketch.dataset, params);
      const assignment = paramsToJson(sketch.program, params);
      if (json) out(JSON.stringify({ assignment, ...(runReport(sketch, result) as object) }, null, 2));
      else out([paramTables(sketch.program, assignment) || JSON.stringify(assignment), '', formatRun(sketch, result)].join('\n'));
      return result.solved ? 0 : 1;
    }
    const params = loadAllParams(sketch, paramsPath, limitsFromArgs(args));
    const result = runExact(sketch.program, sketch.dataset, params.discrete, params.real);
    out(json ? JSON.stringify(runReport(sketch, result), null, 2) : formatRun(sketch, result));
    return result.solved ? 0 : 1;
  },
};
