// `tpt run PROGRAM --params F`: run the exact interpreter with given Param values on every example.
import { formatRun, runExact, runReport } from '../../index.ts';
import { flagBool, flagString } from '../args.ts';
import { SKETCH_FLAGS, UserError, limitsFromArgs, loadFromArgs, loadAllParams, out } from '../common.ts';
import type { Command } from '../command.ts';

export const runCommand: Command = {
  name: 'run',
  usage: 'tpt run PROGRAM --params F [--data F] [--hypers F] [--batch NAME] [--set NAME=VALUE]... [--json]',
  summary: 'run the exact interpreter with given Param values; exit 0 iff every observed output matches',
  flags: [
    ...SKETCH_FLAGS,
    { name: 'params', type: 'string', value: 'FILE', help: 'JSON: param name -> int or nested int arrays' },
    { name: 'json', type: 'boolean', help: 'print a JSON report' },
  ],
  run(args) {
    const paramsPath = flagString(args, 'params');
    if (!paramsPath) throw new UserError('tpt run needs --params FILE');
    const sketch = loadFromArgs(args);
    const params = loadAllParams(sketch, paramsPath, limitsFromArgs(args));
    const result = runExact(sketch.program, sketch.dataset, params.discrete, params.real);
    out(flagBool(args, 'json') ? JSON.stringify(runReport(sketch, result), null, 2) : formatRun(sketch, result));
    return result.solved ? 0 : 1;
  },
};
