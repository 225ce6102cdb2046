// `tpt compare PROGRAM --optimizers A,B`: many seeded runs of several methods (optionally over a swept
// Hyper or batch) in worker threads, resumable, with a table like the paper's and an HTML report.
import { join } from 'node:path';
import {
  GARBLED_FILE, OptionError, REPORT_HTML, RUNS_FILE, SketchLoadError, StoreError, formatTable, runComparison,
  type CompareOutcome, type ComparisonConfig,
} from '../../index.ts';
import { flagBool, flagList, flagNumber, flagString, parseSets } from '../args.ts';
import { SKETCH_FLAGS, ReportedFailure, UserError, out, parseLimits } from '../common.ts';
import {
  REFERENCE_FLAGS, defaultOutDir, explainMethodFlag, methodOptionFlags, methodsInArgv, parseMethodOptions, parseMethods, parseModules,
  parseRunsFor, parseShard,
  parseSweep, referenceFromArgs,
} from '../compare-args.ts';
import { CompareProgressBar } from '../compare-progress.ts';
import type { Command } from '../command.ts';
import { loadModulesNamed } from '../optimizer-modules.ts';

export const compareCommand: Command = {
  name: 'compare',
  usage:
    'tpt compare PROGRAM --optimizers A,B,... [--runs N] [--sweep NAME=V1,V2,...] [--max-steps N] [--time-limit S] ' +
    '[--seed N] [--jobs N] [--out DIR] [--shard I/N] [data/hyper flags] [A.opt=V | --A.opt=V]...',
  summary: 'compare methods over many seeded runs (resumable; writes runs.jsonl, summary.csv, report.html)',
  flags: [
    ...SKETCH_FLAGS,
    { name: 'optimizers', type: 'string', value: 'A,B,...', help: 'methods to compare: optimizers, local-search, smt (see tpt optimizers), paths of your own optimizer modules' },
    { name: 'runs', type: 'string', value: 'N', help: 'runs per method and sweep value (default 10)' },
    { name: 'runs-for', type: 'list', value: 'NAME=N', help: 'a different run count for one method, e.g. smt=3 (repeatable)' },
    { name: 'sweep', type: 'string', value: 'NAME=V1,V2', help: 'sweep a Hyper (K=4,8,16) or the batch (batch=nand,swap)' },
    { name: 'max-steps', type: 'string', value: 'N', help: 'step budget per run (default 3000, none when --time-limit is given)' },
    { name: 'time-limit', type: 'string', value: 'SECONDS', help: 'wall-clock limit per run (default none; smt: its own default)' },
    { name: 'seed', type: 'string', value: 'N', help: 'base seed; every run seed derives from it (default 1)' },
    { name: 'epsilon', type: 'string', value: 'E', help: 'added inside -log(p + E) (default 1e-7)' },
    { name: 'jobs', type: 'string', value: 'N', help: 'parallel worker threads (default: the cores; 0 = run in this thread)' },
    { name: 'out', type: 'string', value: 'DIR', help: 'results directory (default results/<program>-<hash of the comparison>)' },
    { name: 'shard', type: 'string', value: 'I/N', help: 'run only the runs whose plan index is I modulo N (merge with tpt merge)' },
    { name: 'fresh', type: 'boolean', help: 'when DIR holds another comparison (or its program, data or hypers changed), set its runs aside in DIR/earlier-<time>/ and start again' },
    { name: 'progress', type: 'string', value: 'SECONDS', help: 'a plain progress line every SECONDS on stderr (default: a bar on a terminal, else every 10; 0: none)' },
    ...REFERENCE_FLAGS,
  ],
  prepare: (argv) => loadModulesNamed(methodsInArgv(argv)),
  extraFlags: methodOptionFlags,
  explainFlag: explainMethodFlag,
  maxPositionals: Infinity,
  async run(args) {
    const program = args.positionals[0];
    if (!program) throw new UserError('missing PROGRAM: give the path of a .tpt file');
    let optimizers: string[];
    try {
      optimizers = parseMethods(flagString(args, 'optimizers'));
    } catch (e) {
      if (e instanceof OptionError) throw new UserError(e.message);
      throw e;
    }
    const timeLimit = flagNumber(args, 'time-limit', Infinity, { min: 0 });
    const dataPath = flagString(args, 'data');
    const hypersPath = flagString(args, 'hypers');
    const batch = flagString(args, 'batch');
    const modules = parseModules(flagString(args, 'optimizers'));
    const config: ComparisonConfig = {
      program,
      ...(dataPath ? { dataPath } : {}),
      ...(hypersPath ? { hypersPath } : {}),
      ...(batch ? { batch } : {}),
      set: parseSets(flagList(args, 'set')),
      optimizers,
      ...(Object.keys(modules).length ? { modules } : {}),
      options: parseMethodOptions(args, optimizers),
      sweep: parseSweep(flagString(args, 'sweep')),
      runs: flagNumber(args, 'runs', 10, { integer: true, min: 1 }),
      runsFor: parseRunsFor(flagList(args, 'runs-for'), optimizers),
      // --time-limit alone has no step cap: the time limit is the budget.
      maxSteps: args.flags.has('max-steps') || !Number.isFinite(timeLimit) ? flagNumber(args, 'max-steps', 3000, { integer: true, min: 0 }) : null,
      timeLimitSeconds: Number.isFinite(timeLimit) ? timeLimit : null,
      seed: flagNumber(args, 'seed', 1, { integer: true, min: 0 }),
      epsilon: flagNumber(args, 'epsilon', 1e-7, { min: 0 }),
    };
    const jobs = flagNumber(args, 'jobs', -1, { integer: true, min: 0 });
    const dir = flagString(args, 'out') ?? defaultOutDir(config);
    const shard = parseShard(flagString(args, 'shard'));
    const every = flagNumber(args, 'progress', -1, { min: 0 });
    const bar = new CompareProgressBar(
      every === 0 ? { kind: 'none' } : every > 0 ? { kind: 'lines', seconds: every } : process.stderr.isTTY ? { kind: 'bar' } : { kind: 'lines', seconds: 10 },
    );
    const abort = new AbortController();
    const onSigint = (): void => abort.abort();
    process.once('SIGINT', onSigint);
    let outcome: CompareOutcome;
    try {
      outcome = await runComparison(config, {
        dir,
        ...(jobs === 0 ? { inProcess: true } : jobs > 0 ? { jobs } : {}),
        ...(shard ? { shard } : {}),
        ...referenceFromArgs(args),
        limits: parseLimits(flagList(args, 'limit')),
        fresh: flagBool(args, 'fresh'),
        onProgress: (p) => bar.update(p),
        signal: abort.signal,
      });
    } catch (e) {
      if (e instanceof SketchLoadError) {
        process.stderr.write(e.details.join('\n') + '\n');
        throw new UserError(e.message);
      }
      if (e instanceof OptionError || e instanceof StoreError || e instanceof RangeError) throw new UserError(e.message);
      throw e;
    } finally {
      bar.done();
      process.removeListener('SIGINT', onSigint);
    }
    if (outcome.setAside) process.stderr.write(`tpt compare: --fresh: the earlier runs and config of ${dir} are now in ${outcome.setAside}\n`);
    if (outcome.garbledLines.length > 0) {
      const lines = outcome.garbledLines.join(', ');
      process.stderr.write(`tpt compare: ${join(dir, RUNS_FILE)}: line${outcome.garbledLines.length === 1 ? '' : 's'} ${lines} not a complete record; moved to ${join(dir, GARBLED_FILE)}, and those runs are done again\n`);
    }
    if (outcome.foreignRecords > 0) {
      process.stderr.write(`tpt compare: ${join(dir, RUNS_FILE)} holds ${outcome.foreignRecords} record(s) of no run of this comparison; they are left out of the summary\n`);
    }
    out(formatTable(outcome.summary));
    out('');
    const kept = outcome.kept ? `, ${outcome.kept} kept from before` : '';
    const torn = outcome.droppedTornLine ? ' (dropped a half-written last line)' : '';
    out(`${outcome.ran} runs now${kept}${torn}${shard ? ` (shard ${shard.index}/${shard.count})` : ''}; results in ${join(dir, RUNS_FILE)}, report ${join(dir, REPORT_HTML)}`);
    for (const f of outcome.failures) process.stderr.write(`tpt compare: run ${f.key} failed: ${f.error.message}\n${f.error.details.join('\n')}\n`);
    if (outcome.interrupted) {
      process.stderr.write('tpt compare: interrupted; finished runs are saved, run the same command again to resume\n');
      throw new ReportedFailure(130);
    }
    return outcome.failures.length > 0 ? 1 : 0;
  },
};
