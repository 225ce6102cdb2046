// `tpt synth PROGRAM`: search for Param values that solve every example, then show the program found.
import {
  getMethod, listOptimizers, resolveMethodOptions, runExact, startMethodInWorker, writeFileAtomic, OptionError, NET_FLAGS,
  encodeCnf, formatDimacs, smt2Text, type CnfEncodingName, type EncodingName,
  netOptionsFromFlags, netJson, formatNet, plotSynthesis, PlotError,
  type OptionSpec, type MethodSynthesis as SketchSynthesis, type Sketch,
} from '../../index.ts';
import { flagBool, flagNumber, flagString, type FlagSpec, type ParsedArgs } from '../args.ts';
import { ReportedFailure, SKETCH_FLAGS, UserError, loadFromArgs, out } from '../common.ts';
import { ProgressBar, compact } from '../progress-bar.ts';
import { annotatedSource, fixedParamsLine, paramTables } from '../present.ts';
import { formatRun } from './run.ts';
import type { Command } from '../command.ts';

export const DEFAULT_OPTIMIZER = 'gradsearch-ls';
/** Seconds a run may take when neither --max-steps nor --time-limit is given. */
export const DEFAULT_TIME_LIMIT = 60;
const VERSION = '0.1.0';

/** The chosen optimizer's options become flags of their own: `--optimizer bop --tau 100`. */
function optimizerFlags(argv: readonly string[]): FlagSpec[] {
  const i = argv.findIndex((a) => a === '--optimizer' || a.startsWith('--optimizer='));
  const name = i < 0 ? DEFAULT_OPTIMIZER : argv[i]!.includes('=') ? argv[i]!.split('=')[1]! : argv[i + 1];
  const def = name ? getMethod(name) : undefined;
  if (!def) return [];
  return def.options.map((o: OptionSpec) => ({
    name: o.name,
    type: o.type === 'boolean' ? 'boolean' : 'string',
    value: o.type === 'choice' ? o.choices!.join('|') : o.type.toUpperCase(),
    help: `${def.name}: ${o.doc} (default ${String(o.default)})`,
  }));
}

export const synthCommand: Command = {
  name: 'synth',
  usage:
    'tpt synth PROGRAM [--optimizer NAME] [--seed N] [--max-steps N] [--time-limit SECONDS] [--restarts N] ' +
    '[--set N=V]... [--data F] [--hypers F] [--batch NAME] [--out FILE] [--json] [--export-cnf FILE] [--export-smt2 FILE] [optimizer options]',
  summary: 'synthesize Param values that solve every example (verified by the exact interpreter)',
  flags: [
    ...SKETCH_FLAGS,
    { name: 'optimizer', type: 'string', value: 'NAME', help: `search method (default ${DEFAULT_OPTIMIZER}; see tpt optimizers)` },
    { name: 'seed', type: 'string', value: 'N', help: 'random seed; the same seed gives the same run (default 1)' },
    { name: 'max-steps', type: 'string', value: 'N', help: 'step budget over all restarts (default none)' },
    { name: 'time-limit', type: 'string', value: 'SECONDS', help: `wall-clock limit (default ${DEFAULT_TIME_LIMIT} when --max-steps is not given either, else none)` },
    { name: 'restarts', type: 'string', value: 'N', help: 'extra attempts from a fresh start; the budget is split (default 0)' },
    { name: 'epsilon', type: 'string', value: 'E', help: 'added inside -log(p + E) (default 1e-7)' },
    { name: 'out', type: 'string', value: 'FILE', help: 'write the JSON result (also a params file for tpt run)' },
    { name: 'json', type: 'boolean', help: 'print the JSON result instead of the program' },
    { name: 'export-cnf', type: 'string', value: 'FILE', help: "write the SAT backend's CNF (DIMACS, with a header mapping literals to Param values) instead of searching; --optimizer sat --encoding E picks the encoding" },
    { name: 'export-smt2', type: 'string', value: 'FILE', help: "write the Z3 backend's instance (SMT-LIB 2) instead of searching; --optimizer smt --encoding E picks the encoding" },
    ...NET_FLAGS,
    { name: 'plot', type: 'string', value: 'FILE.svg', help: 'write an SVG picture of the fit (programs with real values)' },
  ],
  extraFlags: optimizerFlags,
  async run(args) {
    const optimizer = flagString(args, 'optimizer') ?? DEFAULT_OPTIMIZER;
    const def = getMethod(optimizer);
    if (!def) throw new UserError(`unknown optimizer '${optimizer}'; known: ${listOptimizers().map((d) => d.name).join(', ')}`);
    const options: Record<string, unknown> = {};
    for (const o of def.options) {
      const v = args.flags.get(o.name);
      if (v !== undefined) options[o.name] = v;
    }
    const seed = flagNumber(args, 'seed', 1, { integer: true, min: 0 });
    // --max-steps alone is a pure step cap, --time-limit alone a pure time limit; neither: 60 s.
    const maxSteps = flagNumber(args, 'max-steps', Infinity, { integer: true, min: 0 });
    const timeLimit = flagNumber(args, 'time-limit', Number.isFinite(maxSteps) ? Infinity : DEFAULT_TIME_LIMIT, { min: 0 });
    const restarts = flagNumber(args, 'restarts', 0, { integer: true, min: 0 });
    const epsilon = flagNumber(args, 'epsilon', 1e-7, { min: 0 });
    const json = flagBool(args, 'json');
    const sketch = loadFromArgs(args);
    const cnfPath = flagString(args, 'export-cnf');
    const smt2Path = flagString(args, 'export-smt2');
    if (cnfPath !== undefined || smt2Path !== undefined) return exportInstances(args, sketch, optimizer, options, cnfPath, smt2Path);

    const bar = new ProgressBar(!json && Boolean(process.stderr.isTTY));
    const t0 = performance.now();
    let synthesis: SketchSynthesis;
    const stepText = Number.isFinite(maxSteps) ? `/${maxSteps}` : '';
    const timeText = Number.isFinite(timeLimit) ? `/${timeLimit}s` : '';
    const net = netOptionsFromFlags(args.flags);
    try {
      resolveMethodOptions(optimizer, options);
      // The search runs in a worker thread so that this one can catch Ctrl-C and stop it.
      const run = startMethodInWorker(sketch, {
        optimizer, options, seed, maxSteps, restarts, epsilon, net,
        ...(Number.isFinite(timeLimit) ? { timeLimitSeconds: timeLimit } : {}),
        onProgress: (p) =>
          bar.update(
            Math.max(p.step / Math.max(1, maxSteps), p.elapsedSeconds / timeLimit),
            `step ${p.step}${stepText}  loss ${compact(p.loss)}  best ${compact(p.bestLoss)}  ${compact(p.stepsPerSecond)} steps/s  ${p.elapsedSeconds.toFixed(1)}s${timeText}  (Ctrl-C: stop)`,
          ),
      });
      synthesis = await untilInterrupted(run, optimizer === 'smt' || optimizer === 'sat');
    } catch (e) {
      if (e instanceof OptionError || (e instanceof Error && e.name === 'OptionError')) throw new UserError(e.message);
      throw e;
    } finally {
      bar.done();
    }
    const report = resultJson(args, sketch, synthesis, (performance.now() - t0) / 1000);
    const plot = flagString(args, 'plot');
    if (plot) {
      try {
        writeFileAtomic(plot, plotSynthesis(sketch, synthesis));
      } catch (e) {
        if (e instanceof PlotError) throw new UserError(e.message);
        throw e;
      }
    }
    const outPath = flagString(args, 'out');
    if (outPath) writeFileAtomic(outPath, JSON.stringify(report, null, 2) + '\n');
    out(json ? JSON.stringify(report, null, 2) : formatSynthesis(sketch, synthesis));
    return synthesis.result.success ? 0 : synthesis.result.stopReason === 'interrupted' ? INTERRUPTED : 1;
  },
};

/** `--export-cnf` / `--export-smt2`: writes the exact backends' instances and says how to check a model. */
async function exportInstances(
  args: ParsedArgs, sketch: Sketch, optimizer: string, options: Record<string, unknown>, cnfPath: string | undefined, smt2Path: string | undefined,
): Promise<number> {
  if (sketch.program.real) throw new UserError('--export-cnf and --export-smt2 encode discrete programs only; this program has real values');
  const program = args.positionals[0]!;
  const batch = sketch.batchName ? ` --batch ${sketch.batchName}` : '';
  const title = `${program}${batch ? `, batch ${sketch.batchName}` : ''} (${sketch.dataset.examples.length} examples, hypers ${JSON.stringify(sketch.hypers)})`;
  const encodingOf = (method: string): string => {
    try {
      return String(resolveMethodOptions(method, optimizer === method ? options : {})['encoding']);
    } catch (e) {
      if (e instanceof OptionError) throw new UserError(e.message);
      throw e;
    }
  };
  const lines: string[] = [];
  if (cnfPath !== undefined) {
    const instance = encodeCnf(sketch.program, sketch.dataset, encodingOf('sat') as CnfEncodingName);
    writeFileAtomic(cnfPath, formatDimacs(instance, title));
    lines.push(
      `wrote ${cnfPath}: ${instance.cnf.variables} variables, ${instance.cnf.clauses} clauses (encoding ${instance.encoding})`,
      `  check a model: tpt run ${program}${batch} --params ${cnfPath} --from-model MODEL`,
    );
  }
  if (smt2Path !== undefined) {
    const encoding = encodingOf('smt') as EncodingName;
    writeFileAtomic(smt2Path, await smt2Text(sketch.program, sketch.dataset, { encoding }, title));
    lines.push(`wrote ${smt2Path} (Z3 encoding ${encoding}): run it with z3 ${smt2Path}`);
  }
  out(lines.join('\n'));
  return 0;
}

/** Exit code after Ctrl-C (128 + SIGINT). */
const INTERRUPTED = 130;

/**
 * The run's synthesis; the first Ctrl-C asks it to stop with its best assignment, a second one (or
 * the first, for a method that cannot stop between steps) ends it at once and exits.
 */
async function untilInterrupted(run: ReturnType<typeof startMethodInWorker>, killAtOnce: boolean): Promise<SketchSynthesis> {
  let interrupts = 0;
  let killed = false;
  const onInterrupt = (): void => {
    interrupts++;
    if (interrupts === 1 && !killAtOnce) {
      process.stderr.write('\nstopping: the best assignment so far follows (Ctrl-C again to quit at once)\n');
      run.stop();
      return;
    }
    killed = true;
    void run.kill();
  };
  process.on('SIGINT', onInterrupt);
  try {
    return await run.result;
  } catch (e) {
    if (!killed) throw e;
    process.stderr.write('\ninterrupted: no assignment to show\n');
    throw new ReportedFailure(INTERRUPTED);
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

function resultJson(args: ParsedArgs, sketch: Sketch, s: SketchSynthesis, wallSeconds: number): Record<string, unknown> {
  const r = s.result;
  return {
    success: r.success,
    stopReason: r.stopReason,
    steps: r.steps,
    attempts: r.attempts,
    wallSeconds,
    compileSeconds: s.compileSeconds,
    stepsPerSecond: r.stepsPerSecond,
    loss: r.loss,
    bestLoss: r.bestLoss,
    examplesSolved: s.examplesSolved,
    examples: sketch.dataset.examples.length,
    assignment: s.params,
    optimizer: r.optimizer,
    options: r.options,
    seed: r.seed,
    hypers: sketch.hypers,
    program: args.positionals[0],
    batch: sketch.batchName,
    version: VERSION,
    lossCurve: r.lossCurve,
    ...(s.satStatus !== undefined ? { satStatus: s.satStatus, solveSeconds: s.solveSeconds } : {}),
    ...(s.conflicts !== undefined ? { conflicts: s.conflicts } : {}),
    ...netJson(s),
  };
}

function formatSynthesis(sketch: Sketch, s: SketchSynthesis): string {
  const r = s.result;
  const n = sketch.dataset.examples.length;
  const lines: string[] = [];
  const speed =
    s.satStatus !== undefined
      ? `${r.wallSeconds.toFixed(2)} s: encoding ${(s.compileSeconds * 1000).toFixed(0)} ms, solver ${(s.solveSeconds ?? 0).toFixed(2)} s` +
        (s.conflicts !== undefined ? `, ${s.conflicts} conflicts` : '')
      : `${r.steps} steps, ${r.wallSeconds.toFixed(2)} s (${compact(r.stepsPerSecond)} steps/s), compile ${(s.compileSeconds * 1000).toFixed(0)} ms`;
  lines.push(
    r.success
      ? `solved by ${r.optimizer} (seed ${r.seed}) in ${speed}`
      : `not solved by ${r.optimizer} (seed ${r.seed}; ${r.stopReason === 'interrupted' ? 'stopped by Ctrl-C' : r.stopReason}) after ${speed}; the best assignment satisfies ${s.examplesSolved}/${n} examples`,
  );
  lines.push('');
  if (s.net) lines.push(formatNet(sketch, s), '');
  const tables = paramTables(sketch.program, s.params);
  if (tables) lines.push(tables, '');
  const fixed = fixedParamsLine(sketch.program);
  if (fixed) lines.push(fixed, '');
  lines.push(annotatedSource(sketch.program, sketch.source, s.params), '');
  lines.push(formatRun(sketch, runExact(sketch.program, sketch.dataset, s.assignment, s.net?.realParams)));
  return lines.join('\n');
}
