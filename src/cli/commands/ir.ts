// `tpt ir PROGRAM`: print the lowered program.
import { printProgram } from '../../index.ts';
import { SKETCH_FLAGS, loadFromArgs, out } from '../common.ts';
import type { Command } from '../command.ts';

export const irCommand: Command = {
  name: 'ir',
  usage: 'tpt ir PROGRAM [--data F] [--hypers F] [--batch NAME] [--set NAME=VALUE]...',
  summary: 'print the lowered program (hypers bound, loops unrolled, tables built)',
  flags: SKETCH_FLAGS,
  run(args) {
    out(printProgram(loadFromArgs(args).program));
    return 0;
  },
};
