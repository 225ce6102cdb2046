// What a training run of a program with real values reports, beyond any synthesis run: accuracy and data
// loss (exact), the target, the batching and update used; as JSON fields and as text for `tpt synth`.
import type { ExactResult } from '../exact/interpret.ts';
import type { TargetSetting } from '../ir/real.ts';
import type { RealUpdateSettings } from '../optimizers/real-params.ts';
import type { Sketch } from '../sketch/sketch.ts';
import type { ResolvedNet } from './net-options.ts';
import type { SketchSynthesis } from './run-sketch.ts';

/** One check of the parameters on every example. */
export interface Check {
  correct: number;
  dataLoss: number;
}

/** The training-specific part of a run on a program with real values. */
export interface NetReport {
  /** Fraction of examples the reported parameters solve (exact interpreter). */
  readonly accuracy: number;
  /** Data loss of the reported parameters under the program's conventions (exact; no regulariser). */
  readonly dataLoss: number;
  readonly target: TargetSetting;
  /** The reported real Params (flat vector; also in `params` by name). */
  readonly realParams: Float64Array;
  readonly batchSize: number;
  readonly stepsPerEpoch: number;
  /** Passes over the data made (steps / steps per epoch). */
  readonly epochs: number;
  readonly update: RealUpdateSettings;
  /** Full-data checks made. */
  readonly checks: number;
}

export function netReport(net: ResolvedNet, exact: ExactResult, realParams: Float64Array, checks: number, steps: number): NetReport {
  const n = exact.examples.length;
  return {
    accuracy: n > 0 ? exact.examplesSolved / n : 0,
    dataLoss: exact.loss ?? NaN,
    target: net.target,
    realParams,
    batchSize: net.batchSize,
    stepsPerEpoch: net.stepsPerEpoch,
    epochs: steps / net.stepsPerEpoch,
    update: net.update,
    checks,
  };
}

/** Fields for `tpt synth --json` (spread into the result object); empty for a discrete run. */
export function netJson(s: Pick<SketchSynthesis, 'net' | 'examplesSolved'>): Record<string, unknown> {
  const r = s.net;
  if (!r) return {};
  return {
    accuracy: r.accuracy,
    dataLoss: r.dataLoss,
    target: r.target,
    batchSize: r.batchSize,
    epochs: r.epochs,
    realUpdate: r.update,
  };
}

/**
 * A loss as shown to a user: the +epsilon inside -log(p + epsilon) makes a solved loss slightly
 * negative (about -1e-7 a term); no loss tpt computes is otherwise below 0, so that shows as 0.
 */
export function shownLoss(loss: number): number {
  return loss < 0 ? 0 : loss;
}

const fmt = (x: number): string => (Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : x.toFixed(4));

/** A text summary for `tpt synth`: accuracy and loss against the target, then small real Params. */
export function formatNet(sketch: Sketch, s: Pick<SketchSynthesis, 'net' | 'examplesSolved'>): string {
  const r = s.net;
  if (!r) return '';
  const n = sketch.dataset.examples.length;
  const target = r.target.kind === 'accuracy' ? `accuracy >= ${r.target.value}` : `loss <= ${r.target.value}`;
  const batch = r.batchSize >= n ? 'full batch' : r.batchSize === 1 ? 'stochastic (batch 1)' : `mini-batch ${r.batchSize}`;
  const lines = [
    `accuracy ${(100 * r.accuracy).toFixed(1)}% (${s.examplesSolved}/${n}), data loss ${fmt(shownLoss(r.dataLoss))}; target ${target}`,
    `${r.update.rule} lr ${r.update.lr}${r.update.rule === 'sgd' && r.update.momentum > 0 ? ` momentum ${r.update.momentum}` : ''}, ${batch}, ${r.epochs.toFixed(1)} epochs`,
  ];
  for (const t of sketch.program.real?.tensors ?? []) {
    if (t.role !== 'param' || t.size > 16) continue;
    lines.push(`  ${t.name} = [${Array.from(r.realParams.subarray(t.offset, t.offset + t.size), fmt).join(', ')}]`);
  }
  return lines.join('\n');
}
