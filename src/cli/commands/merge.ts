// `tpt merge DIRS... --out DIR`: joins the result directories of one comparison (e.g. the shards of a
// cluster job array) into one, deduplicated by run key, with the reports regenerated.
import { join } from 'node:path';
import { StoreError, formatTable, mergeComparisons, REPORT_HTML, RUNS_FILE } from '../../index.ts';
import { flagString } from '../args.ts';
import { UserError, out } from '../common.ts';
import { REFERENCE_FLAGS, referenceFromArgs } from '../compare-args.ts';
import type { Command } from '../command.ts';

export const mergeCommand: Command = {
  name: 'merge',
  usage: 'tpt merge DIR... --out DIR [--reference FILE]',
  summary: 'join result directories of one comparison (shards) and regenerate its reports',
  flags: [{ name: 'out', type: 'string', value: 'DIR', help: 'the merged results directory (may be one of the inputs)' }, ...REFERENCE_FLAGS],
  maxPositionals: Infinity,
  run(args) {
    const dest = flagString(args, 'out');
    if (!dest) throw new UserError('--out DIR is required');
    if (args.positionals.length === 0) throw new UserError('give the result directories to merge');
    const ref = referenceFromArgs(args);
    let merged;
    try {
      merged = mergeComparisons(args.positionals, dest, ref.reference, ref.referenceSource);
    } catch (e) {
      if (e instanceof StoreError) throw new UserError(e.message);
      throw e;
    }
    out(formatTable(merged.summary));
    out('');
    const dup = merged.duplicates ? `, ${merged.duplicates} duplicates dropped` : '';
    const missing = merged.missing ? `; ${merged.missing} planned runs are in none of them` : '';
    out(`${merged.records.length} runs from ${args.positionals.length} directories${dup}${missing}; results in ${join(dest, RUNS_FILE)}, report ${join(dest, REPORT_HTML)}`);
    return 0;
  },
};
