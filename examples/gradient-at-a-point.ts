// Research-script example: load a sketch, compile its relaxed evaluator, and inspect the loss and
// gradient at the uniform distribution and at the known solution.
// Run: npx tsx examples/gradient-at-a-point.ts
import { compileRelaxed, loadSketch, packageFile, renderDiagnostic } from 'tpt';

// The circuit sketch shipped with tpt (any path to a .tpt file works the same way).
const { sketch, diagnostics, sources } = loadSketch(packageFile('programs', 'circuit', 'circuit.tpt'), { batch: 'nand' });
if (!sketch) {
  for (const d of diagnostics) console.error(renderDiagnostic(d, sources));
  process.exit(1);
}

const evaluator = compileRelaxed(sketch.program, sketch.dataset, { epsilon: 1e-7 });
console.log(`${evaluator.params.length} Param vectors, ${evaluator.size} probabilities, ${evaluator.stats.instructions} instructions`);

// Every Param uniform over its domain.
const probs = new Float64Array(evaluator.size);
for (const p of evaluator.params) probs.fill(1 / p.domain, p.offset, p.offset + p.domain);
const grad = new Float64Array(evaluator.size);
console.log(`loss at the uniform point: ${evaluator.lossAndGradient(probs, grad).toFixed(4)}`);

// The gradient at a vertex estimates every single-Param change: g[j] - g[current].
const solution = new Int32Array(sketch.program.vars.length);
const known = { gate: [0, 3], in1: [0, 0], in2: [1, 0], out: [0, 0] } as Record<string, number[]>;
for (const g of sketch.program.groups) if (g.role === 'param') g.vars.forEach((id, i) => (solution[id] = known[g.name]![i]!));
const loss = evaluator.lossAndGradient(evaluator.oneHot(solution, probs), grad);
console.log(`loss at the known solution: ${loss.toExponential(2)}`);
for (const p of evaluator.params.slice(0, 4)) {
  const g = Array.from(grad.subarray(p.offset, p.offset + p.domain), (x) => x.toFixed(3));
  console.log(`  d loss / d ${p.name} = [${g.join(', ')}]`);
}
