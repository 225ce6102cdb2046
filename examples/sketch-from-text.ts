// Research-script example on `tpt/core`, the part of the API that needs no file system (it also runs
// in a browser): a sketch written inline with its examples as JSON text, synthesized by three
// registered optimizers, each answer checked by the exact interpreter.
// Run: npx tsx examples/sketch-from-text.ts
import { getOptimizer, paramsToJson, renderDiagnostic, runExact, sketchFromText, synthesizeSketch } from 'tpt/core';

// Which two-input gate, applied to which input order, gives the observed outputs?
const source = `
@Runtime([2, 2], 2)
def AND(a, b): return int(a and b)
@Runtime([2, 2], 2)
def IMPLIES(a, b): return int((not a) or b)

gate = Param(2)
swap = Param(2)
x = Input(2)[2]
y = Output(2)
if swap == 0:
    if gate == 0:
        y.set_to(AND(x[0], x[1]))
    else:
        y.set_to(IMPLIES(x[0], x[1]))
else:
    if gate == 0:
        y.set_to(AND(x[1], x[0]))
    else:
        y.set_to(IMPLIES(x[1], x[0]))
`;
const rows = [[0, 0, 1], [0, 1, 0], [1, 0, 1], [1, 1, 1]].map(([a, b, y]) => ({ x: [a, b], y }));
const dataText = JSON.stringify([{ batch_name: 'implies', instances: rows }]);

const { sketch, diagnostics, sources } = sketchFromText(source, { name: 'gates.tpt', dataText });
if (!sketch) {
  for (const d of diagnostics) console.error(renderDiagnostic(d, sources));
  process.exit(1);
}

for (const optimizer of ['gradsearch-ls', 'bop', 'fmgd']) {
  const family = getOptimizer(optimizer).family;
  const { result, assignment } = synthesizeSketch(sketch, { optimizer, seed: 3, maxSteps: 2000 });
  const exact = runExact(sketch.program, sketch.dataset, assignment);
  console.log(`${optimizer.padEnd(14)} (${family}) solved=${result.success} after ${result.steps} steps; exact check ${exact.examplesSolved}/${sketch.dataset.examples.length}`);
  if (result.success) console.log(`  ${JSON.stringify(paramsToJson(sketch.program, assignment))}`);
}
