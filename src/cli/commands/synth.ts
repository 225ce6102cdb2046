// `tpt synth PROGRAM`: search for Param values that solve every example, then show the program found.
import {
  compact, formatSynthesis, getMethod, listOptimizers, packageVersion, resolveMethodOptions, startMethodInWorker, synthesisJson,
  writeProblem, OptionError, shownLoss, plotSynthesis, PlotError, encodeCnf, formatDimacs, smt2Text,
  type MethodSynthesis as SketchSynthesis, type MethodRequest, startPortfolio, type Sketch, type CnfEncodingName, type EncodingName,
} from '../../index.ts';
import { flagBool, flagNumber, flagString, kebabCase, type FlagSpec, type ParsedArgs } from '../args.ts';
import { methodsWithOption, optionFlag, whoHasOption } from '../option-flags.ts';
import { ReportedFailure, SKETCH_FLAGS, UserError, loadFromArgs, out, writeOutputs } from '../common.ts';
import { ProgressBar } from '../progress-bar.ts';
import { NET_FLAGS, netOptionsFromFlags } from '../net-flags.ts';
import type { Command } from '../command.ts';
import { loadModulesNamed, methodName, rawFlagValue } from '../optimizer-modules.ts';

export const DEFAULT_OPTIMIZER = 'gradsearch-ls';
/** Seconds a run may take when neither --max-steps nor --time-limit is given. */
export const DEFAULT_TIME_LIMIT = 60;

/** The optimizer named on the command line (before parsing, to know its option flags); a module path stands for its optimizer. */
function optimizerInArgv(argv: readonly string[]): string {
  return methodName(rawFlagValue(argv, 'optimizer') ?? DEFAULT_OPTIMIZER);
}

/** The chosen optimizer's options become flags of their own: `--optimizer bop --tau 100`. */
function optimizerFlags(argv: readonly string[]): FlagSpec[] {
  const name = optimizerInArgv(argv);
  const def = name ? getMethod(name) : undefined;
  return def ? def.options.map((o) => optionFlag(def, o)) : [];
}

/** An unknown flag that is another optimizer's option: say whose, and how to choose it. */
function explainFlag(flag: string, argv: readonly string[]): string | undefined {
  const owners = methodsWithOption(flag);
  if (owners.length === 0) return undefined;
  const chosen = optimizerInArgv(argv);
  const given = argv.some((a) => a === '--optimizer' || a.startsWith('--optimizer='));
  return `${whoHasOption(flag)}, not of ${chosen}${given ? '' : ' (the default)'}; choose it with --optimizer ${owners[0]!.name}`;
}

export const synthCommand: Command = {
  name: 'synth',
  usage:
    'tpt synth PROGRAM [--optimizer NAME] [--seed N] [--max-steps N] [--time-limit SECONDS] [--restarts N] [--jobs N] ' +
    '[--set N=V]... [--data F] [--hypers F] [--batch NAME] [--out FILE] [--json] [--export-cnf FILE] [--export-smt2 FILE] [optimizer options]',
  summary: 'synthesize Param values that solve every example (verified by the exact interpreter)',
  flags: [
    ...SKETCH_FLAGS,
    { name: 'optimizer', type: 'string', value: 'NAME', help: `search method (default ${DEFAULT_OPTIMIZER}; see tpt optimizers), or the path of your own optimizer module (.mjs, .js, .ts)` },
    { name: 'seed', type: 'string', value: 'N', help: 'random seed; the same seed gives the same run (default 1)' },
    { name: 'max-steps', type: 'string', value: 'N', help: 'step budget over all restarts (default none)' },
    { name: 'time-limit', type: 'string', value: 'SECONDS', help: `wall-clock limit (default ${DEFAULT_TIME_LIMIT} when --max-steps is not given either, else none)` },
    { name: 'restarts', type: 'string', value: 'N', help: 'extra attempts from a fresh start; the budget is split (default 0)' },
    { name: 'jobs', type: 'string', value: 'N', help: 'a portfolio: N runs with seeds N, N+1, ... in parallel threads; the first to solve wins (default 1)' },
    { name: 'epsilon', type: 'string', value: 'E', help: 'added inside -log(p + E) (default 1e-7)' },
    { name: 'out', type: 'string', value: 'FILE', help: 'write the JSON result (also a params file for tpt run)' },
    { name: 'json', type: 'boolean', help: 'print the JSON result instead of the program' },
    { name: 'export-cnf', type: 'string', value: 'FILE', help: "write the SAT backend's CNF (DIMACS, with a header mapping literals to Param values) instead of searching; --optimizer sat --encoding E picks the encoding" },
    { name: 'export-smt2', type: 'string', value: 'FILE', help: "write the Z3 backend's instance (SMT-LIB 2) instead of searching; --optimizer smt --encoding E picks the encoding" },
    ...NET_FLAGS,
    { name: 'plot', type: 'string', value: 'FILE.svg', help: 'write an SVG picture of the fit (programs with real values)' },
  ],
  prepare: async (argv) => loadModulesNamed([rawFlagValue(argv, 'optimizer') ?? DEFAULT_OPTIMIZER]),
  extraFlags: optimizerFlags,
  explainFlag,
  async run(args) {
    const optimizer = methodName(flagString(args, 'optimizer') ?? DEFAULT_OPTIMIZER);
    const def = getMethod(optimizer);
    if (!def) throw new UserError(`unknown optimizer '${optimizer}'; known: ${listOptimizers().map((d) => d.name).join(', ')}`);
    const options: Record<string, unknown> = {};
    for (const o of def.options) {
      const v = args.flags.get(kebabCase(o.name));
      if (v !== undefined) options[o.name] = v;
    }
    const seed = flagNumber(args, 'seed', 1, { integer: true, min: 0 });
    // --max-steps alone is a pure step cap, --time-limit alone a pure time limit; neither: 60 s.
    const maxSteps = flagNumber(args, 'max-steps', Infinity, { integer: true, min: 0 });
    const timeLimit = flagNumber(args, 'time-limit', Number.isFinite(maxSteps) ? Infinity : DEFAULT_TIME_LIMIT, { min: 0 });
    const restarts = flagNumber(args, 'restarts', 0, { integer: true, min: 0 });
    const jobs = flagNumber(args, 'jobs', 1, { integer: true, min: 1 });
    const epsilon = flagNumber(args, 'epsilon', 1e-7, { min: 0 });
    const json = flagBool(args, 'json');
    const outPath = flagString(args, 'out');
    const plot = flagString(args, 'plot');
    // Checked before the search, which may take long: its result should not be lost to a typo.
    const cnfPath = flagString(args, 'export-cnf');
    const smt2Path = flagString(args, 'export-smt2');
    for (const [flag, path] of [['out', outPath], ['plot', plot], ['export-cnf', cnfPath], ['export-smt2', smt2Path]] as const) {
      const problem = path === undefined ? null : writeProblem(path);
      if (problem) throw new UserError(`--${flag} ${path}: cannot write it: ${problem}`);
    }
    const sketch = loadFromArgs(args);
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
      const request: MethodRequest = {
        optimizer, options, seed, maxSteps, restarts, epsilon, net,
        ...(Number.isFinite(timeLimit) ? { timeLimitSeconds: timeLimit } : {}),
        onProgress: (p) =>
          bar.update(
            Math.max(p.step / Math.max(1, maxSteps), p.elapsedSeconds / timeLimit),
            `step ${p.step}${stepText}  loss ${compact(shownLoss(p.loss))}  best ${compact(shownLoss(p.bestLoss))}  ${compact(p.stepsPerSecond)} steps/s  ${p.elapsedSeconds.toFixed(1)}s${timeText}  (Ctrl-C: stop)`,
          ),
      };
      const run = jobs > 1 ? startPortfolio(sketch, request, jobs) : startMethodInWorker(sketch, request);
      synthesis = await untilInterrupted(run, optimizer === 'smt' || optimizer === 'sat');
    } catch (e) {
      if (e instanceof OptionError || (e instanceof Error && (e.name === 'OptionError' || e.name === 'OptimizerModuleError'))) throw new UserError(e.message);
      throw e;
    } finally {
      bar.done();
    }
    const report = synthesisJson(sketch, synthesis, { program: args.positionals[0]!, version: packageVersion(), wallSeconds: (performance.now() - t0) / 1000 });
    // The result is shown first: a file that cannot be written costs one line, not the search.
    out(json ? JSON.stringify(report, null, 2) : formatSynthesis(sketch, synthesis));
    const files = [
      ...(plot ? [{ flag: 'plot', path: plot, text: () => plotSynthesis(sketch, synthesis) }] : []),
      ...(outPath ? [{ flag: 'out', path: outPath, text: () => JSON.stringify(report, null, 2) + '\n' }] : []),
    ];
    try {
      if (writeOutputs('synth', files) > 0) return 1;
    } catch (e) {
      if (e instanceof PlotError) throw new UserError(e.message);
      throw e;
    }
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
  let failed = 0;
  if (cnfPath !== undefined) {
    const instance = encodeCnf(sketch.program, sketch.dataset, encodingOf('sat') as CnfEncodingName);
    const text = formatDimacs(instance, title);
    if (writeOutputs('synth', [{ flag: 'export-cnf', path: cnfPath, text: () => text }]) > 0) failed++;
    else {
      out(
        `wrote ${cnfPath}: ${instance.cnf.variables} variables, ${instance.cnf.clauses} clauses (encoding ${instance.encoding})\n` +
          `  check a model: tpt run ${program}${batch} --params ${cnfPath} --from-model MODEL`,
      );
    }
  }
  if (smt2Path !== undefined) {
    const encoding = encodingOf('smt') as EncodingName;
    const text = await smt2Text(sketch.program, sketch.dataset, { encoding }, title);
    if (writeOutputs('synth', [{ flag: 'export-smt2', path: smt2Path, text: () => text }]) > 0) failed++;
    else out(`wrote ${smt2Path} (Z3 encoding ${encoding}): run it with z3 ${smt2Path}`);
  }
  return failed > 0 ? 1 : 0;
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
