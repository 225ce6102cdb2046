// The flags of `npm run bench:suite` (bench/suite.ts explains them), parsed apart from the run so
// that a test can check them.
import { parseBenchArgs } from '../src/compare/bench.ts';
import { resolveOptimizerOptions } from '../src/optimizers/registry.ts';
import { SUITE_TASKS, type SuiteTask } from './suite-tasks.ts';

/** The method the suite measures against the others: `tpt synth`'s default. */
export const DEFAULT = 'gradsearch-ls';
/** The suite's methods, in the order of `--runs`. */
export const METHODS: readonly string[] = [DEFAULT, 'smt', 'local-search'];

/** A variant of the default optimizer run beside it (`--ablation LABEL:key=value,...`). */
export interface Ablation {
  readonly label: string;
  readonly options: Readonly<Record<string, string>>;
}

/** Parses `LABEL:key=value,key=value` into an ablation of the default optimizer, checking its options. */
export function parseAblation(text: string): Ablation {
  const colon = text.indexOf(':');
  const label = colon < 0 ? text : text.slice(0, colon);
  if (!/^[a-z0-9-]+$/.test(label)) throw new Error(`--ablation ${text}: the label (before ':') takes lower-case letters, digits and dashes`);
  const options: Record<string, string> = {};
  for (const pair of colon < 0 ? [] : text.slice(colon + 1).split(',').filter((x) => x !== '')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--ablation ${text}: '${pair}' is not key=value`);
    const key = pair.slice(0, eq);
    if (key in options) throw new Error(`--ablation ${text}: ${key} given twice`);
    options[key] = pair.slice(eq + 1);
  }
  if (Object.keys(options).length === 0) throw new Error(`--ablation ${text}: give options, as in random:ranking=random`);
  try {
    resolveOptimizerOptions(DEFAULT, options);
  } catch (e) {
    throw new Error(`--ablation ${text}: ${(e as Error).message}`);
  }
  return { label, options };
}

/** Parses the suite's flags; throws an Error naming the flag on a bad value. */
export function parseSuiteArgs(argv: readonly string[]) {
  let tasks: readonly SuiteTask[] = SUITE_TASKS;
  let methods: readonly string[] = METHODS;
  let budgetMinutes = Infinity;
  let runs: readonly number[] = [100, 10, 10];
  let limit = 600;
  let rivalLimit: number | null = null;
  let section: string | null = null;
  const ablations: Ablation[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--tasks') {
      const names = value().split(',');
      tasks = SUITE_TASKS.filter(
        (t) => names.includes(t.name) || names.includes('all') || (names.includes('tune') && t.tune) || (names.includes('held') && !t.tune),
      );
      const unknown = names.filter((n) => !['all', 'tune', 'held'].includes(n) && !SUITE_TASKS.some((t) => t.name === n));
      if (unknown.length) throw new Error(`unknown task ${unknown.join(', ')}; known: ${SUITE_TASKS.map((t) => t.name).join(', ')}, tune, held, all`);
    } else if (a === '--methods') {
      methods = value().split(',');
      const unknown = methods.filter((m) => !METHODS.includes(m));
      if (unknown.length) throw new Error(`unknown method ${unknown.join(', ')}; known: ${METHODS.join(', ')}`);
    } else if (a === '--runs') {
      runs = value().split(',').map(Number);
      if (runs.length !== 3 || !runs.every((r) => Number.isInteger(r) && r > 0)) throw new Error('--runs takes three positive counts: gradsearch-ls,smt,local-search');
    } else if (a === '--limit') {
      limit = Number(value());
      if (!(limit > 0)) throw new Error('--limit must be a positive number of seconds');
    } else if (a === '--rival-limit') {
      rivalLimit = Number(value());
      if (!(rivalLimit > 0)) throw new Error('--rival-limit must be a positive number of seconds');
    } else if (a === '--ablation') {
      const ablation = parseAblation(value());
      if (ablations.some((x) => x.label === ablation.label)) throw new Error(`--ablation: label ${ablation.label} given twice`);
      ablations.push(ablation);
    } else if (a === '--section') {
      section = value();
      if (!/^[a-z0-9-]+$/.test(section)) throw new Error('--section takes a name of lower-case letters, digits and dashes');
    } else if (a === '--budget') {
      budgetMinutes = Number(value());
      if (!(budgetMinutes > 0)) throw new Error('--budget must be a positive number of minutes');
    } else rest.push(a);
  }
  if (rivalLimit !== null && rivalLimit > limit) throw new Error('--rival-limit cannot exceed --limit: it shortens the runs of smt and local-search');
  return { tasks, methods, budgetMinutes, runs, limit, rivalLimit: rivalLimit ?? limit, section, ablations, ...parseBenchArgs(rest) };
}
