// Aggregates run records per (method, sweep value): success rate, steps and time to success with their
// spread, beside the published reference; as JSON (summary.json) and CSV (summary.csv).
import type { NormalizedConfig, SweepValue } from './config.ts';
import type { RunRecord } from './record.ts';
import { referenceCell, type PaperReference, type ReferenceCell } from './reference.ts';

/** Mean, standard deviation (n - 1) and order statistics of a sample. */
export interface Spread {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
}

/** One cell of the comparison table. */
export interface GroupSummary {
  readonly optimizer: string;
  readonly sweepValue: SweepValue | null;
  readonly hypers: Readonly<Record<string, number>>;
  readonly batch: string | null;
  readonly runs: number;
  readonly successes: number;
  /** Successes / runs, in [0, 1]. */
  readonly successRate: number;
  /** Steps to success over successful runs (null when none succeeded). */
  readonly steps: Spread | null;
  /** Wall seconds of successful runs. */
  readonly successSeconds: Spread | null;
  /** Wall seconds summed over every run. */
  readonly totalSeconds: number;
  readonly reference?: ReferenceCell;
}

/** The whole comparison: cells in table order (sweep values across, methods down). */
export interface Summary {
  readonly program: string;
  readonly sweep: string | null;
  readonly sweepValues: readonly (SweepValue | null)[];
  readonly optimizers: readonly string[];
  readonly groups: readonly GroupSummary[];
  readonly runs: number;
  readonly plannedRuns: number;
  readonly totalSeconds: number;
  readonly config: NormalizedConfig;
  readonly referenceSource?: string;
}

/** Spread of `xs` (null when empty); quartiles by linear interpolation. */
export function spread(xs: readonly number[]): Spread | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  const mean = s.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  const q = (p: number): number => {
    const x = p * (n - 1);
    const lo = Math.floor(x);
    return s[lo]! + (s[Math.min(n - 1, lo + 1)]! - s[lo]!) * (x - lo);
  };
  return { n, mean, sd, min: s[0]!, q1: q(0.25), median: q(0.5), q3: q(0.75), max: s[n - 1]! };
}

/** Summarises `records` of the comparison `config` (records of other methods are ignored). */
export function summarize(config: NormalizedConfig, records: readonly RunRecord[], reference?: PaperReference, referenceSource?: string): Summary {
  const values: (SweepValue | null)[] = config.sweep ? [...config.sweep.values] : [null];
  const id = (v: SweepValue | null): string => (v === null ? '' : String(v));
  const groups: GroupSummary[] = [];
  let runs = 0;
  let totalSeconds = 0;
  let plannedRuns = 0;
  for (const optimizer of config.optimizers) {
    for (const value of values) {
      plannedRuns += config.runsFor[optimizer] ?? config.runs;
      const mine = records.filter((r) => r.optimizer === optimizer && id(r.sweepValue) === id(value));
      const wins = mine.filter((r) => r.success);
      const seconds = mine.reduce((a, r) => a + r.wallSeconds, 0);
      const first = mine[0];
      const hypers = first?.hypers ?? {};
      const batch = first?.batch ?? null;
      const ref = reference && first ? referenceCell(reference, config.program, optimizer, hypers, batch) : undefined;
      groups.push({
        optimizer,
        sweepValue: value,
        hypers,
        batch,
        runs: mine.length,
        successes: wins.length,
        successRate: mine.length ? wins.length / mine.length : 0,
        steps: spread(wins.map((r) => r.steps)),
        successSeconds: spread(wins.map((r) => r.wallSeconds)),
        totalSeconds: seconds,
        ...(ref ? { reference: ref } : {}),
      });
      runs += mine.length;
      totalSeconds += seconds;
    }
  }
  return {
    program: config.program,
    sweep: config.sweep?.name ?? null,
    sweepValues: values,
    optimizers: config.optimizers,
    groups,
    runs,
    plannedRuns,
    totalSeconds,
    config,
    ...(referenceSource ? { referenceSource } : {}),
  };
}

/** The cell for (optimizer, sweep value). */
export function groupOf(summary: Summary, optimizer: string, value: SweepValue | null): GroupSummary | undefined {
  const id = (v: SweepValue | null): string => (v === null ? '' : String(v));
  return summary.groups.find((g) => g.optimizer === optimizer && id(g.sweepValue) === id(value));
}

const CSV_COLUMNS = [
  'optimizer', 'sweep', 'sweep_value', 'batch', 'runs', 'successes', 'success_rate',
  'steps_mean', 'steps_sd', 'steps_median', 'steps_min', 'steps_max',
  'seconds_mean', 'seconds_median', 'total_seconds', 'ref_success_pct', 'ref_steps', 'ref_seconds',
] as const;

/** summary.csv: one row per cell; empty fields where a value does not exist. */
export function summaryCsv(summary: Summary): string {
  const cell = (x: unknown): string => {
    if (x === null || x === undefined || (typeof x === 'number' && !Number.isFinite(x))) return '';
    const s = typeof x === 'number' ? String(Number(x.toPrecision(6))) : String(x);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [CSV_COLUMNS.join(',')];
  for (const g of summary.groups) {
    const ref = g.reference;
    lines.push(
      [
        g.optimizer, summary.sweep, g.sweepValue, g.batch, g.runs, g.successes, g.successRate,
        g.steps?.mean, g.steps?.sd, g.steps?.median, g.steps?.min, g.steps?.max,
        g.successSeconds?.mean, g.successSeconds?.median, g.totalSeconds,
        ref && ref.kind !== 'unsolved' ? ref.successPct : ref ? 0 : undefined,
        ref?.kind === 'steps' ? ref.steps : undefined,
        ref?.kind === 'seconds' ? ref.seconds : undefined,
      ].map(cell).join(','),
    );
  }
  return lines.join('\n') + '\n';
}
