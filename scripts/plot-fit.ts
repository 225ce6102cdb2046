// Trains a program with real values and writes an SVG picture of the fit (see src/synth/plot.ts).
// Usage: npx tsx scripts/plot-fit.ts PROGRAM OUT.svg [--batch NAME] [--seed N] [--optimizer NAME] [--max-steps N]
import { writeFileSync } from 'node:fs';
import { loadSketch, plotSynthesis, synthesizeSketch } from '../src/index.ts';

const [program, out, ...rest] = process.argv.slice(2);
if (!program || !out) {
  console.error('usage: npx tsx scripts/plot-fit.ts PROGRAM OUT.svg [--batch NAME] [--seed N] [--optimizer NAME] [--max-steps N]');
  process.exit(1);
}
const flag = (name: string): string | undefined => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : undefined;
};
const batch = flag('batch');
const r = loadSketch(program, batch ? { batch } : {});
if (!r.sketch) {
  console.error(r.diagnostics.map((d) => d.message).join('\n'));
  process.exit(1);
}
const s = synthesizeSketch(r.sketch, {
  optimizer: flag('optimizer') ?? 'gradsearch+',
  seed: Number(flag('seed') ?? 1),
  maxSteps: Number(flag('max-steps') ?? 10_000),
});
writeFileSync(out, plotSynthesis(r.sketch, s));
console.log(`${s.result.success ? 'solved' : 'not solved'} in ${s.result.steps} steps; wrote ${out}`);
