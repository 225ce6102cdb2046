// `tpt optimizers`: every registered optimizer with its options, defaults and meaning.
import { formatOptimizers } from '../../index.ts';
import { out } from '../common.ts';
import type { Command } from '../command.ts';

export const optimizersCommand: Command = {
  name: 'optimizers',
  usage: 'tpt optimizers',
  summary: 'list the optimizers and their options with defaults',
  flags: [],
  run() {
    out(formatOptimizers());
    return 0;
  },
};
