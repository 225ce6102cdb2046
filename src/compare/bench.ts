// Shared by the benchmark scripts (bench/parity.ts, bench/circuits.ts): their flags, a comparison run
// with a plain progress log (also fine in a non-terminal), and regenerating a section of a doc.
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../util/files.ts';
import type { ComparisonConfig } from './config.ts';
import { replaceSection } from './markdown.ts';
import { defaultReferencePath, loadReference } from './reference-file.ts';
import { runComparison, type CompareOutcome } from './runner.ts';

/** Flags of a benchmark script: `--jobs N` (default 2), `--quick` (a small smoke run), `--no-docs`, `--only A,B` (some parts). */
export interface BenchArgs {
  readonly jobs: number;
  readonly quick: boolean;
  readonly docs: boolean;
  /** Names of the parts to run (the others are skipped, and no doc is written); null for all. */
  readonly only: readonly string[] | null;
}

/** Parses a benchmark script's flags (throws on an unknown one). */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let jobs = 2;
  let quick = false;
  let docs = true;
  let only: string[] | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--jobs') jobs = Number(argv[++i]);
    else if (a.startsWith('--jobs=')) jobs = Number(a.slice(7));
    else if (a === '--quick') quick = true;
    else if (a === '--no-docs') docs = false;
    else if (a === '--only') only = (argv[++i] ?? '').split(',').filter((x) => x !== '');
    else if (a.startsWith('--only=')) only = a.slice(7).split(',').filter((x) => x !== '');
    else throw new Error(`unknown flag ${a}; known: --jobs N, --quick, --no-docs, --only PART,...`);
  }
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error('--jobs must be a positive integer');
  return { jobs, quick, docs: docs && !quick && only === null, only };
}

/** How runLogged logs and resumes. */
export interface RunLoggedOptions {
  /** Seconds between progress lines (default 15). */
  readonly everySeconds?: number;
  /** No run starts after this time (ms since the epoch). */
  readonly startBefore?: number;
  /** A directory holding a different comparison (an optimizer's defaults or the program changed) has its runs set aside in `dir/earlier-*` and starts again, instead of being refused. */
  readonly fresh?: boolean;
}

/** Runs (or resumes) one comparison into `dir`, logging progress to stderr. */
export async function runLogged(
  label: string,
  config: ComparisonConfig,
  dir: string,
  jobs: number,
  { everySeconds = 15, startBefore, fresh = false }: RunLoggedOptions = {},
): Promise<CompareOutcome> {
  const refPath = defaultReferencePath();
  let last = 0;
  const outcome = await runComparison(config, {
    dir,
    jobs,
    fresh,
    ...(startBefore !== undefined ? { startBefore } : {}),
    reference: loadReference(refPath),
    referenceSource: refPath,
    onProgress: (p) => {
      if (p.elapsedSeconds - last < everySeconds && p.done < p.total) return;
      last = p.elapsedSeconds;
      process.stderr.write(`[${label}] ${p.done}/${p.total} runs, ${p.solved} solved, ${p.elapsedSeconds.toFixed(0)} s\n`);
    },
  });
  for (const f of outcome.failures) process.stderr.write(`[${label}] run ${f.key} failed: ${f.error.message}\n`);
  if (outcome.setAside) process.stderr.write(`[${label}] the directory held a different comparison: its runs are now in ${outcome.setAside}\n`);
  process.stderr.write(`[${label}] ${outcome.ran} runs now, ${outcome.kept} kept from before, in ${dir}\n`);
  return outcome;
}

/** Rewrites section `name` of the Markdown file at `path` (created if absent) with `body`. */
export function writeDocSection(path: string, name: string, body: string): void {
  const doc = existsSync(path) ? readFileSync(path, 'utf8') : '';
  writeFileAtomic(path, replaceSection(doc, name, body));
}
