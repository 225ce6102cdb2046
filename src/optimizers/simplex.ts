// Per-slot kernels over the flat Param layout: softmax and its backward rule, argmax with random
// ties, one-hot (optionally smoothed) vertices and logit initialisation. No allocation.

import type { ParamSlot } from '../relax/objective.ts';
import type { Rng } from '../util/rng.ts';

/** `out = softmax(logits / temperature)` slot by slot (numerically stable). */
export function softmaxSlots(
  slots: readonly ParamSlot[],
  logits: Float64Array,
  temperature: number,
  out: Float64Array,
): void {
  for (const { offset, domain } of slots) {
    let max = -Infinity;
    for (let k = 0; k < domain; k++) max = Math.max(max, logits[offset + k]);
    let sum = 0;
    for (let k = 0; k < domain; k++) {
      const e = Math.exp((logits[offset + k] - max) / temperature);
      out[offset + k] = e;
      sum += e;
    }
    for (let k = 0; k < domain; k++) out[offset + k] /= sum;
  }
}

/**
 * Backward rule of {@link softmaxSlots}: given `p = softmax(z / T)` and `g = dL/dp`, writes
 * `dL/dz_k = p_k (g_k - sum_j p_j g_j) / T` into `out`.
 */
export function softmaxBackward(
  slots: readonly ParamSlot[],
  p: Float64Array,
  g: Float64Array,
  temperature: number,
  out: Float64Array,
): void {
  for (const { offset, domain } of slots) {
    let dot = 0;
    for (let k = 0; k < domain; k++) dot += p[offset + k] * g[offset + k];
    for (let k = 0; k < domain; k++) out[offset + k] = (p[offset + k] * (g[offset + k] - dot)) / temperature;
  }
}

/** Index (0..domain-1) of the largest entry of one slot; exact ties are broken uniformly at random. */
export function argmaxSlot(values: Float64Array, offset: number, domain: number, rng: Rng): number {
  let best = 0;
  let bestValue = values[offset];
  let ties = 1;
  for (let k = 1; k < domain; k++) {
    const v = values[offset + k];
    if (v > bestValue) {
      best = k;
      bestValue = v;
      ties = 1;
    } else if (v === bestValue && rng.int(++ties) === 0) {
      best = k; // reservoir sampling: each of the tied entries wins with probability 1/ties
    }
  }
  return best;
}

/** Writes the per-slot argmax of `values` into `into` (random ties). */
export function argmaxSlots(slots: readonly ParamSlot[], values: Float64Array, rng: Rng, into: Int32Array): void {
  for (let s = 0; s < slots.length; s++) into[s] = argmaxSlot(values, slots[s].offset, slots[s].domain, rng);
}

/**
 * Writes the vertex of `assignment` into `out`: the chosen value gets `1 - smoothing`, the other
 * `domain - 1` values share `smoothing` equally (smoothing 0 = exact one-hot).
 */
export function writeVertex(
  slots: readonly ParamSlot[],
  assignment: Int32Array,
  smoothing: number,
  out: Float64Array,
): void {
  for (let s = 0; s < slots.length; s++) writeSlotVertex(slots[s], assignment[s], smoothing, out);
}

/** {@link writeVertex} for one slot. */
export function writeSlotVertex(slot: ParamSlot, value: number, smoothing: number, out: Float64Array): void {
  const { offset, domain } = slot;
  const other = domain > 1 ? smoothing / (domain - 1) : 0;
  for (let k = 0; k < domain; k++) out[offset + k] = other;
  out[offset + value] = domain > 1 ? 1 - smoothing : 1;
}

/** A uniformly random assignment. */
export function randomAssignment(slots: readonly ParamSlot[], rng: Rng, into: Int32Array): void {
  for (let s = 0; s < slots.length; s++) into[s] = rng.int(slots[s].domain);
}

/** How logits start: TerpreT's `dirichlet` (log of a Dirichlet(1) sample per slot) or `maxent` (all equal). */
export type LogitInit = 'dirichlet' | 'maxent';

/**
 * Initialises logits. `dirichlet`: `log(e_k / sum e)` with `e_k ~ Exp(1)`, so `softmax(logits)` is a
 * uniform draw from the simplex; `maxent`: all zero, the uniform distribution.
 */
export function initLogits(slots: readonly ParamSlot[], init: LogitInit, rng: Rng, logits: Float64Array): void {
  for (const { offset, domain } of slots) {
    if (init === 'maxent') {
      for (let k = 0; k < domain; k++) logits[offset + k] = 0;
      continue;
    }
    let sum = 0;
    for (let k = 0; k < domain; k++) sum += logits[offset + k] = rng.exponential();
    for (let k = 0; k < domain; k++) logits[offset + k] = Math.log(logits[offset + k] / sum);
  }
}
