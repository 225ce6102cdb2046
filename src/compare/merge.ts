// `mergeComparisons`: joins the result directories of one comparison (shards run apart, e.g. on a
// cluster) into one: records deduplicated by key, reports regenerated.
import { resolve } from 'node:path';
import { configDifferences, planRuns, type NormalizedConfig } from './config.ts';
import type { RunRecord } from './record.ts';
import { writeReports } from './outputs.ts';
import type { PaperReference } from './reference.ts';
import { openStore, readConfig, readRuns, StoreError, writeRuns } from './store.ts';
import type { Summary } from './summary.ts';

/** What `mergeComparisons` produced: the joined records and their summary, duplicates dropped, runs still missing. */
export interface MergeOutcome {
  readonly config: NormalizedConfig;
  readonly records: readonly RunRecord[];
  readonly summary: Summary;
  /** Records seen more than once (kept once). */
  readonly duplicates: number;
  /** Planned runs that no directory has. */
  readonly missing: number;
}

/**
 * Merges `dirs` (all made by the same comparison, else {@link StoreError}) into `out`, which may be
 * new, one of `dirs`, or an earlier merge of the same comparison. Records come out in plan order.
 */
export function mergeComparisons(dirs: readonly string[], out: string, reference?: PaperReference, referenceSource?: string): MergeOutcome {
  if (dirs.length === 0) throw new StoreError('nothing to merge: give at least one directory');
  const config = readConfig(dirs[0]!);
  for (const dir of dirs.slice(1)) {
    const differences = configDifferences(readConfig(dir), config);
    if (differences.length > 0) {
      throw new StoreError(`${dir} and ${dirs[0]} hold different comparisons:\n${differences.map((d) => `  ${d}`).join('\n')}`);
    }
  }
  const byKey = new Map<string, RunRecord>();
  let duplicates = 0;
  const sources = [...new Map([...dirs, out].map((d) => [resolve(d), d])).values()];
  for (const dir of sources) {
    for (const r of readRuns(dir).records) {
      if (byKey.has(r.key)) duplicates++;
      else byKey.set(r.key, r);
    }
  }
  const store = openStore(out, config, 'tpt merge'); // checks (or writes) out/config.json, and locks out
  try {
    const order = new Map(planRuns(config).map((s) => [s.key, s.index]));
    // Records of no planned run (another comparison's) are left out, as a comparison's summary does.
    const records = [...byKey.values()].filter((r) => order.has(r.key)).sort((a, b) => order.get(a.key)! - order.get(b.key)!);
    writeRuns(out, records);
    const summary = writeReports(out, config, records, reference, referenceSource);
    const missing = [...order.keys()].filter((k) => !byKey.has(k)).length;
    return { config, records, summary, duplicates, missing };
  } finally {
    store.release();
  }
}
