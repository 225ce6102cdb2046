// `npm run bench`: runs every benchmark on the bundled programs (parsed and lowered as a user would) and prints its table.
import { loadSketch, type Sketch } from '../src/index.ts';
import { benchEvaluator } from './evaluator.ts';
import { benchLowering } from './lowering.ts';
import { benchSynthStep } from './synth-step.ts';
import { benchNets } from './nets.ts';
import { benchVertexMoves } from './vertex-moves.ts';

function sketch(path: string, options: Parameters<typeof loadSketch>[1]): Sketch {
  const r = loadSketch(path, options);
  if (!r.sketch) throw new Error(`${path}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.sketch;
}

const only = process.argv[2];
if (!only || only === 'lowering') console.log(benchLowering() + '\n');
if (!only || only === 'evaluator') {
  console.log(
    benchEvaluator({
      parity: (K) => sketch('programs/parity_chain/parity_chain.tpt', { set: { K } }),
      circuit: (task) => sketch('programs/circuit/circuit.tpt', { batch: task }),
    }),
  );
}
if (!only || only === 'synth') console.log('\n' + benchSynthStep());
if (!only || only === 'nets') console.log('\n' + benchNets());
if (!only || only === 'moves') console.log('\n' + benchVertexMoves());
