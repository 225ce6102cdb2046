// The results directory of a comparison: config.json (its identity), runs.jsonl (one complete line per
// finished run, appended as runs finish), and crash safety: a torn last line is dropped on resume.
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/files.ts';
import { configDifferences, type NormalizedConfig } from './config.ts';
import type { RunRecord } from './record.ts';

/** The comparison a results directory holds (its normalized config), checked on resume. */
export const CONFIG_FILE = 'config.json';
/** One complete JSON line per finished run (a `RunRecord`), appended as runs finish. */
export const RUNS_FILE = 'runs.jsonl';

/** A directory holds a different comparison, or is not a comparison at all. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** The records of `dir/runs.jsonl`, deduplicated by key (first wins), and whether the last line was torn. */
export interface StoredRuns {
  readonly records: RunRecord[];
  /** Bytes after the last newline: a line an interrupted run left half-written. */
  readonly tornBytes: number;
  /** Complete lines that did not parse as a record (skipped). */
  readonly badLines: number;
}

/** Reads `dir/runs.jsonl` (absent = no runs). Never throws for a torn or garbled line. */
export function readRuns(dir: string): StoredRuns {
  const path = join(dir, RUNS_FILE);
  if (!existsSync(path)) return { records: [], tornBytes: 0, badLines: 0 };
  const bytes = readFileSync(path);
  const end = bytes.lastIndexOf(0x0a) + 1;
  const seen = new Set<string>();
  const records: RunRecord[] = [];
  let badLines = 0;
  for (const line of bytes.subarray(0, end).toString('utf8').split('\n')) {
    if (line.trim() === '') continue;
    let record: RunRecord;
    try {
      record = JSON.parse(line) as RunRecord;
    } catch {
      badLines++;
      continue;
    }
    if (typeof record?.key !== 'string') {
      badLines++;
      continue;
    }
    if (seen.has(record.key)) continue;
    seen.add(record.key);
    records.push(record);
  }
  return { records, tornBytes: bytes.length - end, badLines };
}

/**
 * Prepares `dir` for `config`: creates it and writes config.json, or checks that the config.json
 * already there describes the same comparison (throws {@link StoreError} naming the differences),
 * then cuts off a torn last line of runs.jsonl so that appends start on a fresh line.
 */
export function openStore(dir: string, config: NormalizedConfig): StoredRuns {
  mkdirSync(dir, { recursive: true });
  const configPath = join(dir, CONFIG_FILE);
  if (existsSync(configPath)) {
    const stored = readConfig(dir);
    const differences = configDifferences(config, stored);
    if (differences.length > 0) {
      throw new StoreError(
        `${dir} holds a different comparison; use another --out directory, or repeat the command that made it.\n` +
          differences.map((d) => `  ${d}`).join('\n'),
      );
    }
  } else {
    if (existsSync(join(dir, RUNS_FILE))) throw new StoreError(`${dir} has ${RUNS_FILE} but no ${CONFIG_FILE}; refusing to add to it`);
    writeFileAtomic(configPath, JSON.stringify(config, null, 2) + '\n');
  }
  const stored = readRuns(dir);
  if (stored.tornBytes > 0) {
    const path = join(dir, RUNS_FILE);
    truncateSync(path, statSync(path).size - stored.tornBytes);
  }
  return stored;
}

/** Reads `dir/config.json` (throws {@link StoreError} when it is missing or not JSON). */
export function readConfig(dir: string): NormalizedConfig {
  const path = join(dir, CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new StoreError(`${dir} is not a comparison directory (no ${CONFIG_FILE})`);
  }
  try {
    return JSON.parse(text) as NormalizedConfig;
  } catch {
    throw new StoreError(`${path} is not valid JSON`);
  }
}

/** Appends one record as one complete line, in a single write. */
export function appendRun(dir: string, record: RunRecord): void {
  appendFileSync(join(dir, RUNS_FILE), JSON.stringify(record) + '\n');
}

/** Rewrites `dir/runs.jsonl` with exactly `records` (atomically; used by merge). */
export function writeRuns(dir: string, records: readonly RunRecord[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, RUNS_FILE), records.map((r) => JSON.stringify(r) + '\n').join(''));
}
