// Benchmark: how the vertex evaluator reaches the vertices a search asks for. A gradsearch-ls run
// on each task is recorded (every vertex it evaluates, in order), then the same requests are
// replayed by full runs, by change propagation only, by straight runs only, and by the choice
// between the two at several `propagateCost` values, in alternating rounds in one process.
import { compileRelaxed, synthesizeSketch, type Sketch } from '../src/index.ts';
import { VertexEvaluator } from '../src/relax/vertex.ts';
import { loadSuiteTask } from './suite-tasks.ts';

/** The tasks replayed: machines with long executions, a wide program and a circuit. */
const TASKS = ['asm_decrement', 'asm_alu_decrement', 'bb_decrement', 'bb_list_k', 'turing_decrement', 'list_max', 'parity256', 'full_adder'];
/** Steps of the recorded run and the most requests kept. */
const STEPS = 3000;
const MAX_REQUESTS = 12000;
const ROUNDS = 9;

/** How each column reaches a vertex: `deltaParams` 0 is a full run every time. */
const MODES: readonly { readonly name: string; readonly deltaParams: number; readonly propagateCost: number }[] = [
  { name: 'full', deltaParams: 0, propagateCost: 0 },
  { name: 'propagate', deltaParams: 4, propagateCost: 0 },
  { name: 'straight', deltaParams: 4, propagateCost: Infinity },
  ...[5, 10, 20, 40].map((c) => ({ name: `cost ${c}`, deltaParams: 4, propagateCost: c })),
];

/** The Param parts of every vertex a gradsearch-ls run evaluates (termLosses and lossAndGradient alike). */
function recordRequests(sketch: Sketch): Float64Array[] {
  const requests: Float64Array[] = [];
  const proto = VertexEvaluator.prototype;
  const { termLosses, lossAndGradient } = proto;
  const keep = (probs: Float64Array): void => void (requests.length < MAX_REQUESTS && requests.push(probs.slice()));
  proto.termLosses = function (this: VertexEvaluator, probs, into, at) {
    keep(probs);
    return termLosses.call(this, probs, into, at);
  };
  proto.lossAndGradient = function (this: VertexEvaluator, probs, weights, grad) {
    keep(probs);
    return lossAndGradient.call(this, probs, weights, grad);
  };
  try {
    synthesizeSketch(sketch, { optimizer: 'gradsearch-ls', seed: 1, maxSteps: STEPS });
  } finally {
    proto.termLosses = termLosses;
    proto.lossAndGradient = lossAndGradient;
  }
  return requests;
}

export function benchVertexMoves(): string {
  const lines = [
    `Vertex requests of a gradsearch-ls run (seed 1, first ${STEPS} steps, at most ${MAX_REQUESTS} requests) replayed: microseconds per request, best of ${ROUNDS - 1} alternating rounds`,
  ];
  const widths = [18, 9, 8, ...MODES.map(() => 10), 10];
  const row = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ');
  lines.push(row(['task', 'requests', 'straight', ...MODES.map((m) => m.name), 'full/cost10']));
  for (const name of TASKS) {
    const sketch = loadSuiteTask(name);
    const requests = recordRequests(sketch);
    const evaluators = MODES.map((m) => {
      const ev = compileRelaxed(sketch.program, sketch.dataset);
      ev.vertex!.deltaParams = m.deltaParams;
      ev.vertex!.propagateCost = m.propagateCost;
      return ev;
    });
    const terms = new Float64Array(evaluators[0]!.termCount);
    const best = MODES.map(() => Infinity);
    let sink = 0;
    for (let round = 0; round < ROUNDS; round++) {
      evaluators.forEach((ev, i) => {
        const t0 = performance.now();
        for (const probs of requests) ev.termLossesAtVertex!(probs, terms), (sink += terms[0]!);
        if (round > 0) best[i] = Math.min(best[i]!, performance.now() - t0); // round 0 warms up
      });
    }
    if (Number.isNaN(sink)) throw new Error('NaN term loss');
    const us = best.map((ms) => (1000 * ms) / requests.length);
    const c = evaluators[MODES.findIndex((m) => m.name === 'cost 10')]!.vertex!.counts;
    const share = c.straight / Math.max(1, c.straight + c.propagated);
    lines.push(row([name, String(requests.length), `${(100 * share).toFixed(0)}%`, ...us.map((u) => u.toFixed(2)), (us[0]! / us[MODES.findIndex((m) => m.name === 'cost 10')]!).toFixed(2)]));
  }
  lines.push('straight: share of changes cost 10 served by a straight run; propagate: change propagation only (propagateCost 0); straight: straight runs only (Infinity); full: a full run per request (deltaParams 0)');
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(benchVertexMoves());
