// `tpt tape PROGRAM`: print the compiled relaxed evaluator (instructions over flat storage).
import { compileRelaxed, printTape } from '../../index.ts';
import { SKETCH_FLAGS, loadFromArgs, out } from '../common.ts';
import type { Command } from '../command.ts';

export const tapeCommand: Command = {
  name: 'tape',
  usage: 'tpt tape PROGRAM [--data F] [--hypers F] [--batch NAME] [--set NAME=VALUE]...',
  summary: 'print the compiled differentiable evaluator for the program and its batch',
  flags: SKETCH_FLAGS,
  run(args) {
    const sketch = loadFromArgs(args);
    out(printTape(compileRelaxed(sketch.program, sketch.dataset).tape));
    return 0;
  },
};
