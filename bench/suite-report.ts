// The table of `npm run bench:suite`: per task, the default optimizer's solved runs, time to solve
// (median over all runs, an unsolved run counting as never solved, and mean / max of the solved
// ones), median steps, the same for smt and local-search, and whether the goal is met: at least
// 95 % of the runs solved and a median time below both other methods' medians. Ablations (the
// default optimizer with other options) get their solved runs and median beside it.
import type { RunRecord } from '../src/index.ts';
import type { SuiteTask } from './suite-tasks.ts';

export interface TaskResults {
  readonly task: SuiteTask;
  /** Finished runs per method (absent: not run yet). */
  readonly records: Readonly<Record<string, readonly RunRecord[]>>;
}

/** The median of `xs` (Infinity where the middle is a run that never solved). */
export function medianOf(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : s[m - 1]! === Infinity ? Infinity : (s[m - 1]! + s[m]!) / 2;
}

/** Time to solve of each run: its wall time when solved, Infinity otherwise. */
const timesToSolve = (records: readonly RunRecord[]): number[] => records.map((r) => (r.success ? r.wallSeconds : Infinity));

const seconds = (x: number, limit: number): string =>
  Number.isNaN(x) ? '-' : x === Infinity ? `> ${limit}` : x < 0.01 ? x.toPrecision(2) : x < 10 ? x.toFixed(3) : x.toFixed(1);

/** Where an ablation's runs sit among a task's records (beside the methods' names). */
export const ablationKey = (label: string): string => `ablation:${label}`;

/** What one method did on one task. */
interface MethodCell {
  readonly runs: number;
  readonly solved: number;
  readonly median: number;
  /**
   * The least the median can be had the unsolved runs gone on past their limit: the median with
   * each unsolved run counted at the limit.
   */
  readonly medianAtLeast: number;
  readonly mean: number;
  readonly max: number;
  readonly medianSteps: number;
}

function cell(records: readonly RunRecord[] | undefined, limit: number): MethodCell | null {
  if (!records || records.length === 0) return null;
  const solved = records.filter((r) => r.success);
  const mean = solved.length ? solved.reduce((a, r) => a + r.wallSeconds, 0) / solved.length : NaN;
  return {
    runs: records.length,
    solved: solved.length,
    median: medianOf(timesToSolve(records)),
    medianAtLeast: medianOf(records.map((r) => (r.success ? r.wallSeconds : limit))),
    mean,
    max: solved.length ? Math.max(...solved.map((r) => r.wallSeconds)) : NaN,
    medianSteps: medianOf(records.map((r) => (r.success ? r.steps : Infinity))),
  };
}

/**
 * The goal's verdict for the default method against the others, with by how much it is missed.
 * Where the others' runs stop sooner (`rivalLimit` below the default's `limit`), an other method
 * whose median run is unsolved has a median of at least its `medianAtLeast`: the default's median
 * beats it below that, and the comparison is not shown otherwise.
 */
function verdict(own: MethodCell | null, others: readonly { name: string; cell: MethodCell | null }[], limit: number, rivalLimit: number): string {
  if (!own) return 'not run';
  const missed: string[] = [];
  const undecided: string[] = [];
  const share = own.solved / own.runs;
  if (share < 0.95) missed.push(`${own.solved}/${own.runs} solved`);
  for (const { name, cell: other } of others) {
    if (!other || Number.isNaN(other.median)) continue;
    if (other.median === Infinity) {
      if (rivalLimit < limit && own.median !== Infinity && !(own.median < other.medianAtLeast)) undecided.push(name);
      continue;
    }
    if (!(own.median < other.median)) missed.push(own.median === Infinity ? `median unsolved, ${name}'s ${other.median.toPrecision(2)} s` : `median ${(own.median / other.median).toFixed(1)}x ${name}'s`);
  }
  const notShown = undecided.length
    ? `not shown against ${undecided.join(', ')}: median ${seconds(own.median, Infinity)} s, and their runs stop at ${rivalLimit} s`
    : '';
  if (missed.length) return `missed: ${missed.join(', ')}${notShown ? `; ${notShown}` : ''}`;
  if (notShown) return notShown;
  // Without the other methods there is nothing to be faster than: no verdict.
  return others.every((o) => !o.cell) ? 'others not run' : `met (${speedup(own, others, limit, rivalLimit)})`;
}

/** How much faster than the faster of the other methods, by the median. */
function speedup(own: MethodCell, others: readonly { cell: MethodCell | null }[], limit: number, rivalLimit: number): string {
  const best = Math.min(...others.map((o) => (o.cell ? o.cell.median : Infinity)));
  return best === Infinity ? (rivalLimit < limit ? `others unsolved by the median within ${rivalLimit} s` : 'others unsolved') : `${(best / own.median).toFixed(1)}x faster`;
}

/**
 * The Markdown table over tasks. `rivalLimitSeconds` (default: `limitSeconds`) is the limit of the
 * other methods' runs, where it is shorter than the default method's.
 */
export function suiteTable(
  results: readonly TaskResults[],
  o: { defaultMethod: string; limitSeconds: number; rivalLimitSeconds?: number; ablations?: readonly string[] },
): string {
  const L = o.limitSeconds;
  const R = o.rivalLimitSeconds ?? L;
  const ablations = o.ablations ?? [];
  const lines = [
    `| task | tuned on | ${o.defaultMethod} solved | median s | mean s (solved) | max s | median steps | smt solved | smt median s | local-search solved | local-search median s | ` +
      ablations.map((a) => `${a} solved | ${a} median s | `).join('') +
      'goal |',
    `|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|${'---:|---:|'.repeat(ablations.length)}---|`,
  ];
  for (const { task, records } of results) {
    const own = cell(records[o.defaultMethod], L);
    const smt = cell(records['smt'], R);
    const local = cell(records['local-search'], R);
    const solved = (c: MethodCell | null): string => (c ? `${c.solved}/${c.runs}` : '-');
    lines.push(
      `| ${task.name} | ${task.tune ? 'yes' : 'no'} | ${solved(own)} | ${seconds(own?.median ?? NaN, L)} | ${seconds(own?.mean ?? NaN, L)} | ` +
        `${seconds(own?.max ?? NaN, L)} | ${own ? (own.medianSteps === Infinity ? '-' : Math.round(own.medianSteps)) : '-'} | ` +
        `${solved(smt)} | ${seconds(smt?.median ?? NaN, R)} | ${solved(local)} | ${seconds(local?.median ?? NaN, R)} | ` +
        ablations.map((a) => {
          const c = cell(records[ablationKey(a)], L);
          return `${solved(c)} | ${seconds(c?.median ?? NaN, L)} | `;
        }).join('') +
        `${verdict(own, [{ name: 'smt', cell: smt }, { name: 'local-search', cell: local }], L, R)} |`,
    );
  }
  return lines.join('\n');
}
