// `tpt optimizers`: every search method (gradient optimizers, local search, Z3) with its options and defaults.
import { describeOption, listMethods } from '../../index.ts';
import { out } from '../common.ts';
import type { Command } from '../command.ts';

export const optimizersCommand: Command = {
  name: 'optimizers',
  usage: 'tpt optimizers',
  summary: 'list the optimizers and exact baselines with their options and defaults',
  flags: [],
  maxPositionals: 0,
  run() {
    const lines: string[] = [];
    for (const m of listMethods()) {
      lines.push(`${m.name} (${m.family}): ${m.summary}`);
      const width = Math.max(0, ...m.options.map((o) => o.name.length));
      for (const o of m.options) lines.push(`  ${o.name.padEnd(width)}  = ${String(o.default).padEnd(10)} ${o.doc} (${describeOption(o)})`);
    }
    out(lines.join('\n'));
    return 0;
  },
};
