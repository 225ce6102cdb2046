// `tpt grad PROGRAM (--params F | --probs F)`: the relaxed loss and its gradient w.r.t. every Param vector.
import { compileRelaxed, placeGroupValue, readProbs, shownLoss, type RelaxedEvaluator, type Sketch } from '../../index.ts';
import { flagBool, flagNumber, flagString } from '../args.ts';
import { SKETCH_FLAGS, UserError, limitsFromArgs, loadFromArgs, loadParams, out, readJsonFile } from '../common.ts';
import type { Command } from '../command.ts';

export const gradCommand: Command = {
  name: 'grad',
  usage: 'tpt grad PROGRAM (--params F | --probs F) [--data F] [--hypers F] [--batch NAME] [--set N=V]... [--epsilon E] [--json]',
  summary: 'evaluate the relaxed loss and its gradient at a vertex (--params) or a distribution (--probs)',
  flags: [
    ...SKETCH_FLAGS,
    { name: 'params', type: 'string', value: 'FILE', help: 'integer values per Param (evaluated at the one-hot vertex)' },
    { name: 'probs', type: 'string', value: 'FILE', help: 'per Param, nested arrays whose last dimension is the domain' },
    { name: 'epsilon', type: 'string', value: 'E', help: 'added inside -log(p + E) (default 1e-7)' },
    { name: 'json', type: 'boolean', help: 'print {"loss", "grads"} as JSON' },
  ],
  run(args) {
    const paramsPath = flagString(args, 'params');
    const probsPath = flagString(args, 'probs');
    if ((paramsPath === undefined) === (probsPath === undefined)) throw new UserError('give exactly one of --params FILE or --probs FILE');
    const epsilon = flagNumber(args, 'epsilon', 1e-7, { min: 0 });
    const sketch = loadFromArgs(args);
    const evaluator = compileRelaxed(sketch.program, sketch.dataset, { epsilon });
    const probs = new Float64Array(evaluator.size);
    const limits = limitsFromArgs(args);
    if (paramsPath !== undefined) evaluator.oneHot(loadParams(sketch, paramsPath, limits), probs);
    else {
      const offsets = new Map(evaluator.params.map((p) => [p.variable, p.offset]));
      probs.set(readJsonFile(probsPath!, 'probs file', limits, (root, out) => readProbs(sketch.program, root, offsets, evaluator.size, out)));
    }
    const grad = new Float64Array(evaluator.size);
    const loss = evaluator.lossAndGradient(probs, grad);
    out(flagBool(args, 'json') ? JSON.stringify({ loss, grads: gradsJson(sketch, evaluator, grad) }) : formatGrad(sketch, evaluator, probs, grad, loss));
    return 0;
  },
};

/** Gradients shaped like the probs: per Param group, dims then the domain. Params the loss ignores get zeros. */
function gradsJson(sketch: Sketch, evaluator: RelaxedEvaluator, grad: Float64Array): Record<string, unknown> {
  const offsets = new Map(evaluator.params.map((p) => [p.variable, p.offset]));
  const result: Record<string, unknown> = {};
  for (const g of sketch.program.groups) {
    if (g.role !== 'param') continue;
    const vectors = g.vars.map((id) => {
      const offset = offsets.get(id);
      return Array.from({ length: g.domain }, (_, k) => (offset === undefined ? 0 : grad[offset + k]!));
    });
    placeGroupValue(result, g, reshape(vectors, g.dims));
  }
  return result;
}

function reshape(vectors: number[][], dims: readonly number[]): unknown {
  let i = 0;
  const build = (d: number): unknown => (d === dims.length ? vectors[i++] : Array.from({ length: dims[d]! }, () => build(d + 1)));
  return build(0);
}

const num = (x: number): string => (Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(2) : x.toFixed(4));

function formatGrad(sketch: Sketch, evaluator: RelaxedEvaluator, probs: Float64Array, grad: Float64Array, loss: number): string {
  const lines = [`loss ${shownLoss(loss) === 0 ? '0' : num(loss)}  (${sketch.dataset.examples.length} examples, ${evaluator.termCount} terms)`, ''];
  const rows: string[][] = [['param', 'value / distribution', 'gradient', 'favoured move']];
  for (const p of evaluator.params) {
    const dist = Array.from(probs.subarray(p.offset, p.offset + p.domain));
    const g = Array.from(grad.subarray(p.offset, p.offset + p.domain));
    const current = dist.indexOf(Math.max(...dist));
    const oneHot = dist.every((x, k) => x === (k === current ? 1 : 0));
    // First-order change of the loss when moving all mass from the current value to value j.
    let best = current;
    for (let j = 0; j < p.domain; j++) if (g[j]! - g[current]! < g[best]! - g[current]!) best = j;
    const move = best === current ? 'stay' : `${current} -> ${best} (${num(g[best]! - g[current]!)})`;
    rows.push([p.name, oneHot ? String(current) : `[${dist.map(num).join(' ')}]`, `[${g.map(num).join(' ')}]`, move]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) lines.push(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
  return lines.join('\n');
}
