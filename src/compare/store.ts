// The results directory of a comparison: config.json (its identity), runs.jsonl (one complete line per
// finished run, appended as runs finish), an exclusive lock while it is written, and crash safety: a
// torn last line is dropped on resume, a garbled line is set aside (its run is redone).
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { writeErrorReason, writeFileAtomic } from '../util/files.ts';
import { CONFIG_VERSION, configDifferences, type NormalizedConfig } from './config.ts';
import { lockDirectory, LockError } from './lock.ts';
import type { RunRecord } from './record.ts';

/** The comparison a results directory holds (its normalized config), checked on resume. */
export const CONFIG_FILE = 'config.json';
/** One complete JSON line per finished run (a `RunRecord`), appended as runs finish. */
export const RUNS_FILE = 'runs.jsonl';
/** Where garbled lines of runs.jsonl are kept when they are taken out of it. */
export const GARBLED_FILE = 'runs.garbled.jsonl';

/** A directory holds a different comparison, is not a comparison at all, is locked, or cannot be written. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** The records of `dir/runs.jsonl`, deduplicated by key (first wins), and what was wrong with the file. */
export interface StoredRuns {
  readonly records: RunRecord[];
  /** Bytes after the last newline: a line an interrupted run left half-written. */
  readonly tornBytes: number;
  /** 1-based numbers of complete lines that are not a record. */
  readonly garbledLines: readonly number[];
}

/** Reads `dir/runs.jsonl` (absent = no runs). Never throws for a torn or garbled line. */
export function readRuns(dir: string): StoredRuns {
  const path = join(dir, RUNS_FILE);
  if (!existsSync(path)) return { records: [], tornBytes: 0, garbledLines: [] };
  const bytes = readFileSync(path);
  const end = bytes.lastIndexOf(0x0a) + 1;
  const seen = new Set<string>();
  const records: RunRecord[] = [];
  const garbledLines: number[] = [];
  bytes.subarray(0, end).toString('utf8').split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const record = parseRecord(line);
    if (!record) return void garbledLines.push(i + 1);
    if (seen.has(record.key)) return;
    seen.add(record.key);
    records.push(record);
  });
  return { records, tornBytes: bytes.length - end, garbledLines };
}

function parseRecord(line: string): RunRecord | null {
  try {
    const r = JSON.parse(line) as Partial<RunRecord> | null;
    const ok = r && typeof r.key === 'string' && typeof r.optimizer === 'string' && typeof r.success === 'boolean' && typeof r.steps === 'number';
    return ok ? (r as RunRecord) : null;
  } catch {
    return null;
  }
}

/** An opened results directory: its records so far and the lock to release when done. */
export interface OpenedStore extends StoredRuns {
  /** Where `--fresh` moved the directory's earlier runs and config, or null. */
  readonly setAside: string | null;
  readonly release: () => void;
}

/** Why a write into the results directory failed, in plain words (full disk, permissions...). */
export function writeFailure(path: string, e: unknown): StoreError {
  return new StoreError(`cannot write ${path}: ${writeErrorReason(e)}`);
}

/**
 * Prepares `dir` for `config` and locks it: creates it and writes config.json, or checks that the
 * config.json already there describes the same comparison (else {@link StoreError} naming the
 * differences; with `fresh`, its runs and config are set aside and the comparison starts again),
 * takes garbled lines out of runs.jsonl into runs.garbled.jsonl and cuts off a torn last line so
 * that appends start on a fresh line.
 */
export function openStore(dir: string, config: NormalizedConfig, command: string, fresh = false): OpenedStore {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw writeFailure(dir, e);
  }
  let release: () => void;
  try {
    release = lockDirectory(dir, command);
  } catch (e) {
    if (e instanceof LockError) throw new StoreError(e.message);
    throw writeFailure(dir, e);
  }
  try {
    const setAside = prepare(dir, config, fresh);
    return { ...cleanRuns(dir), setAside, release };
  } catch (e) {
    release();
    if (e instanceof StoreError) throw e;
    throw writeFailure(dir, e);
  }
}

/** Checks (or writes) config.json; returns where `fresh` set earlier files aside. */
function prepare(dir: string, config: NormalizedConfig, fresh: boolean): string | null {
  const configPath = join(dir, CONFIG_FILE);
  const runsPath = join(dir, RUNS_FILE);
  let setAside: string | null = null;
  if (existsSync(configPath)) {
    const stored = readConfig(dir);
    const problem = stored.version !== CONFIG_VERSION
      ? [`  it was written by another version of tpt (config version ${String(stored.version)}, this one writes ${CONFIG_VERSION})`]
      : configDifferences(config, stored).map((d) => `  ${d}`);
    if (problem.length === 0) return null;
    if (!fresh) {
      const changed = problem.some((d) => d.startsWith('  inputs:')) ? ' (the program, data or hypers file changed since its runs were made)' : '';
      throw new StoreError(
        `${dir} holds a different comparison${changed}; use another --out directory, repeat the command that made it, ` +
          `or add --fresh to set its runs aside and start again.\n${problem.join('\n')}`,
      );
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    setAside = join(dir, `earlier-${stamp}`);
    mkdirSync(setAside);
    renameSync(configPath, join(setAside, CONFIG_FILE));
    if (existsSync(runsPath)) renameSync(runsPath, join(setAside, RUNS_FILE));
  } else if (existsSync(runsPath)) {
    throw new StoreError(`${dir} has ${RUNS_FILE} but no ${CONFIG_FILE}; refusing to add to it`);
  }
  writeFileAtomic(configPath, JSON.stringify(config, null, 2) + '\n');
  return setAside;
}

/** Moves garbled lines to runs.garbled.jsonl and cuts off a torn last line; returns the records. */
function cleanRuns(dir: string): StoredRuns {
  const path = join(dir, RUNS_FILE);
  const stored = readRuns(dir);
  if (stored.garbledLines.length > 0) {
    const lines = readFileSync(path, 'utf8').split('\n');
    const bad = new Set(stored.garbledLines);
    appendFileSync(join(dir, GARBLED_FILE), stored.garbledLines.map((n) => lines[n - 1] + '\n').join(''));
    const kept = lines.slice(0, -1).filter((l, i) => !bad.has(i + 1) && l.trim() !== '');
    writeFileAtomic(path, kept.map((l) => l + '\n').join(''));
  } else if (stored.tornBytes > 0) {
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

/** Appends one record as one complete line, in a single write (throws {@link StoreError} when it cannot). */
export function appendRun(dir: string, record: RunRecord): void {
  const path = join(dir, RUNS_FILE);
  try {
    appendFileSync(path, JSON.stringify(record) + '\n');
  } catch (e) {
    throw writeFailure(path, e);
  }
}

/** Rewrites `dir/runs.jsonl` with exactly `records` (atomically; used by merge). */
export function writeRuns(dir: string, records: readonly RunRecord[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, RUNS_FILE), records.map((r) => JSON.stringify(r) + '\n').join(''));
}
