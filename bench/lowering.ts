// Benchmark: time to parse, check and lower the parity chain at large K and the adder2 circuit.
import { loadSketch } from '../src/index.ts';

function timeLoad(label: string, path: string, options: Parameters<typeof loadSketch>[1]): string {
  loadSketch(path, options); // warm up the parser and the JIT
  const runs = 5;
  const start = performance.now();
  let vars = 0;
  for (let i = 0; i < runs; i++) {
    const r = loadSketch(path, options);
    if (!r.sketch) throw new Error(`${label}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
    vars = r.sketch.program.vars.length;
  }
  const ms = (performance.now() - start) / runs;
  return `${label.padEnd(28)} ${ms.toFixed(1).padStart(8)} ms   ${String(vars).padStart(7)} variables`;
}

export function benchLowering(): string {
  const lines = ['Lowering (parse + check + lower + data), mean of 5 runs:'];
  for (const K of [256, 1024, 4096]) {
    lines.push(timeLoad(`parity_chain K=${K}`, 'programs/parity_chain/parity_chain.tpt', { set: { K } }));
  }
  lines.push(timeLoad('circuit adder2 (16 examples)', 'programs/circuit/circuit.tpt', { batch: 'adder2' }));
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(benchLowering());
