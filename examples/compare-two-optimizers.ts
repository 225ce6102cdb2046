// Research-script example: compare two optimizers on the same sketch with tpt's comparison runner
// (worker threads, resumable results on disk), then read the stored runs back and summarise them.
// Every success has been verified by the exact interpreter.
// Run: npx tsx examples/compare-two-optimizers.ts
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultReferencePath, formatTable, loadReference, packageFile, readConfig, readRuns, runComparison, summarize } from 'tpt';

const dir = mkdtempSync(join(tmpdir(), 'tpt-example-'));
const outcome = await runComparison(
  {
    program: packageFile('programs', 'parity_chain', 'parity_chain.tpt'),
    optimizers: ['gradsearch-ra', 'fmgd'],
    sweep: { name: 'K', values: [8, 32] },
    runs: 5,
    maxSteps: 3000,
    seed: 1,
  },
  { dir, jobs: 2 },
);
console.log(`${outcome.ran} runs in ${dir}`);

// The directory is the record: runs.jsonl (one line per run) and config.json, read back here.
const config = readConfig(dir);
const { records } = readRuns(dir);
const reference = loadReference(defaultReferencePath());
const summary = summarize(config, records, reference);
for (const g of summary.groups) {
  const steps = g.steps ? g.steps.mean.toFixed(1) : '-';
  console.log(`${g.optimizer.padEnd(14)} K=${String(g.sweepValue).padEnd(3)} ${g.successes}/${g.runs} solved, mean steps ${steps}`);
}
console.log(formatTable(summary));
