// `tpt optimizers`: every search method (gradient optimizers, local search, Z3) with its options and defaults.
import { describeOption, listMethods, optimizerModuleSource } from '../../index.ts';
import { out } from '../common.ts';
import type { Command } from '../command.ts';
import { loadModulesNamed } from '../optimizer-modules.ts';

export const optimizersCommand: Command = {
  name: 'optimizers',
  usage: 'tpt optimizers [MODULE...]',
  summary: 'list the optimizers and exact baselines with their options and defaults (and those of optimizer modules named)',
  flags: [],
  prepare: (argv) => loadModulesNamed(argv.filter((a) => !a.startsWith('-'))),
  maxPositionals: Infinity,
  run() {
    const lines: string[] = [];
    for (const m of listMethods()) {
      const source = optimizerModuleSource(m.name);
      lines.push(`${m.name} (${m.family}${source ? `, from ${source.path}` : ''}): ${m.summary}`);
      const width = Math.max(0, ...m.options.map((o) => o.name.length));
      for (const o of m.options) lines.push(`  ${o.name.padEnd(width)}  = ${String(o.default).padEnd(10)} ${o.doc} (${describeOption(o)})`);
    }
    out(lines.join('\n'));
    return 0;
  },
};
