// `tpt check PROGRAM`: parse, check, bind hypers, lower and validate data; exit 0 when clean.
import { countStatements } from '../../index.ts';
import { SKETCH_FLAGS, loadFromArgs, out } from '../common.ts';
import type { Command } from '../command.ts';

export const checkCommand: Command = {
  name: 'check',
  usage: 'tpt check PROGRAM [--data F] [--hypers F] [--batch NAME] [--set NAME=VALUE]...',
  summary: 'check a program and its data; exit 0 when clean',
  flags: SKETCH_FLAGS,
  run(args) {
    const sketch = loadFromArgs(args);
    const p = sketch.program;
    const params = p.vars.filter((v) => v.role === 'param').length;
    const fixed = p.fixed?.length ? ` (and ${p.fixed.length} fixed by the program)` : '';
    const hypers = Object.entries(sketch.hypers).map(([k, v]) => `${k}=${v}`).join(' ');
    out(
      `${p.file}: ok — ${params} param variables${fixed}, ${p.vars.length} variables, ${countStatements(p.body)} statements, ` +
        `${sketch.dataset.examples.length} example(s)${sketch.batchName ? ` from batch ${sketch.batchName}` : ''}${hypers ? `; ${hypers}` : ''}`,
    );
    return 0;
  },
};
