// Research-script example: run two optimizers on the same sketch over a few seeds and print
// success and steps; every success has been verified by the exact interpreter.
// Run: npx tsx examples/compare-two-optimizers.ts
import { loadSketch, synthesizeSketch } from 'tpt';

const { sketch } = loadSketch('programs/parity_chain/parity_chain.tpt', { set: { K: 32 } });
if (!sketch) throw new Error('the bundled parity chain failed to load');

for (const optimizer of ['gradsearch-ra', 'fmgd']) {
  const runs = [1, 2, 3, 4, 5].map((seed) => synthesizeSketch(sketch, { optimizer, seed, maxSteps: 3000 }).result);
  const solved = runs.filter((r) => r.success);
  const meanSteps = solved.reduce((n, r) => n + r.steps, 0) / Math.max(1, solved.length);
  console.log(`${optimizer.padEnd(14)} ${solved.length}/${runs.length} solved, mean steps ${solved.length ? meanSteps.toFixed(1) : '-'}`);
}
