// bop: the binary optimizer of Helwegen et al. (2019) as a special case of GradSearch (Lu §2.5),
// generalised to categorical Params: accept every Param's best move whose averaged estimate is below -tau.

import { bestMoveInSlot, Move, Vertex } from './moves.ts';
import type { OptimizerDefinition } from './optimizer.ts';
import { num } from './options.ts';
import { randomAssignment } from './simplex.ts';

/**
 * `bop`: `m <- (1 - gamma) m + gamma g` on the raw vertex gradient; for a binary Param the flip's
 * estimate is `(1 - 2w) m`, for a categorical one the best `m[j] - m[current]`; every Param whose
 * estimate is below `-tau` moves, all in the same step.
 *
 * Defaults. The loss adds epsilon = 1e-7 inside the log, so a wrong output at a vertex contributes
 * a raw gradient of about 1/epsilon = 1e7 and a right one about 1: tau only means something on that
 * scale. After one step next to a wrong output a Param's estimate is about gamma / epsilon = 1e4;
 * tau = 1e3 = 0.1 gamma / epsilon lets it move on that single step of evidence, the pull of satisfied
 * outputs (a gradient of about 1, so an average of at most about 1) never crosses it, and a Param
 * that just moved needs fresh evidence larger than its history before it moves back. Measured on the parity chain (K = 32 and 256, 30 seeds each,
 * 20000 steps): with gamma = 1e-3 every run succeeds for tau from 10 to 1e4, and K = 256 takes ~215
 * steps for tau in 100..3000 (the paper: 224, Table 1). Larger gamma narrows the working band
 * (gamma = 0.01 needs tau in ~1e4..3e4, gamma = 0.1 needs tau near gamma / epsilon, gamma = 1 never
 * works) — the sensitivity the paper reports (§3.1). The mean over E examples divides the scale by
 * E, which the band at gamma = 1e-3 absorbs for small E. Helwegen's BNN values (gamma 1e-4,
 * tau 1e-8) are for gradients of order 1e-3 and do not transfer.
 */
export const bop: OptimizerDefinition = {
  name: 'bop',
  summary: 'flip every Param whose running-average move estimate is below -tau (Helwegen et al.)',
  family: 'discrete',
  options: [
    { name: 'gamma', type: 'number', min: 0, max: 1, minExclusive: true, default: 1e-3, doc: 'running-average rate of the raw gradient' },
    { name: 'tau', type: 'number', min: 0, minExclusive: true, default: 1e3, doc: 'accept a move whose estimated loss change is below -tau (gradient scale ~1/epsilon)' },
  ],
  create(problem, rng, options) {
    const gamma = num(options, 'gamma');
    const tau = num(options, 'tau');
    const vertex = new Vertex(problem.params, problem.size, 0);
    const start = new Int32Array(problem.params.length);
    randomAssignment(problem.params, rng, start);
    vertex.setAll(start);
    const average = new Float64Array(problem.size);
    const move = new Move();
    return {
      probs: () => vertex.probs,
      update(grad) {
        for (let i = 0; i < average.length; i++) average[i] = (1 - gamma) * average[i] + gamma * grad[i];
        for (let s = 0; s < vertex.slots.length; s++) {
          bestMoveInSlot(vertex, s, average, rng, move);
          if (move.slot >= 0 && move.score < -tau) vertex.move(s, move.value);
        }
      },
      decode: (into) => into.set(vertex.assignment),
    };
  },
};
