// local-search: the GradSearch neighbourhood (every Hamming-1 move) scored by exact evaluation of each
// move instead of a gradient estimate; best improvement, random ties, tabu, random restarts on a plateau.
// The search is a scoring protocol (`probe` -> `report(score)`) so that any exact scorer can drive it.

import type { Rng } from '../util/rng.ts';
import { Vertex } from './moves.ts';
import type { OptimizerDefinition } from './optimizer.ts';
import { num, type OptionSpec, type ResolvedOptions } from './options.ts';

/** Settings of {@link LocalSearch}. */
export interface LocalSearchSettings {
  /** Moves in a row that do not beat the best score since the last restart before restarting. */
  readonly plateau: number;
  /** Tabu tenure as a fraction of the movable Params: one that moved in the last ceil(tabu x n) moves may not move (capped at n - 1). */
  readonly tabu: number;
}

/** The option schema of `local-search` (also used by exact drivers outside the gradient loop). */
export const localSearchOptions: readonly OptionSpec[] = [
  { name: 'plateau', type: 'integer', min: 0, default: 1000, doc: 'moves without a new best score (since the last restart) before a random restart' },
  { name: 'tabu', type: 'number', min: 0, max: 1, default: 0.1, doc: 'tabu tenure as a fraction f of the n movable Params: one moved in the last ceil(f n) moves may not move (0 = off)' },
];

/** Reads resolved `local-search` options. */
export function localSearchSettings(options: ResolvedOptions): LocalSearchSettings {
  return { plateau: num(options, 'plateau'), tabu: num(options, 'tabu') };
}

/**
 * Hill climbing over discrete assignments, driven by an external exact scorer (higher is better).
 * The caller scores `probe` and calls {@link report}; after the current assignment has been scored,
 * every Hamming-1 neighbour of it is probed in turn; when all have been, the best non-tabu one is
 * taken (ties at random) unless it is worse than the current one or the plateau is exhausted, in
 * which case the search restarts from a uniformly random assignment. Allocates nothing per probe.
 */
export class LocalSearch {
  /** The current assignment, one value per Param. */
  readonly current: Int32Array;
  /** The assignment to score next: `current`, or `current` with one Param moved. */
  readonly probe: Int32Array;
  /** Score of `current` (-Infinity until it has been scored). */
  currentScore = -Infinity;
  /** Completed neighbourhood scans (each ends in a move or a restart). */
  scans = 0;
  moves = 0;
  restarts = 0;
  evaluations = 0;

  private readonly lastMoved: Float64Array;
  private readonly tabu: number;
  private readonly movable: number;
  private scoringCurrent = true;
  private slot = 0;
  private value = 0;
  private bestSlot = -1;
  private bestValue = -1;
  private bestScore = -Infinity;
  private ties = 0;
  private climbBest = -Infinity;
  private sinceBest = 0;

  /** `maxScore`: a probe with this score is taken at once (a solution needs no further scanning). */
  constructor(
    private readonly domains: ArrayLike<number>,
    private readonly rng: Rng,
    private readonly settings: LocalSearchSettings,
    private readonly maxScore = Infinity,
  ) {
    const n = domains.length;
    this.current = new Int32Array(n);
    this.probe = new Int32Array(n);
    this.lastMoved = new Float64Array(n).fill(-Infinity);
    this.movable = Array.from(domains).filter((d) => d > 1).length;
    this.tabu = Math.min(Math.ceil(settings.tabu * this.movable), Math.max(0, this.movable - 1));
    this.randomize();
  }

  /** Records the score of `probe`; returns true when `current` changed (a move or a restart). */
  report(score: number): boolean {
    this.evaluations++;
    if (this.scoringCurrent) {
      this.beginScan(score);
      return false;
    }
    const s = this.slot;
    const v = this.value;
    this.probe[s] = this.current[s]!;
    if (score > this.bestScore) {
      this.bestScore = score;
      this.bestSlot = s;
      this.bestValue = v;
      this.ties = 1;
    } else if (score === this.bestScore && this.rng.int(++this.ties) === 0) {
      this.bestSlot = s;
      this.bestValue = v; // reservoir sampling: every tied move is equally likely
    }
    if (score >= this.maxScore || !this.advance()) {
      this.finishScan();
      return true;
    }
    return false;
  }

  /** Moves the probe to the next non-tabu neighbour; false when the scan is complete. */
  private advance(): boolean {
    const n = this.domains.length;
    for (;;) {
      this.value++;
      if (this.value === this.current[this.slot]) this.value++;
      if (this.value >= this.domains[this.slot]! || this.isTabu(this.slot)) {
        this.slot++;
        this.value = -1;
        if (this.slot >= n) return false;
        continue;
      }
      this.probe[this.slot] = this.value;
      return true;
    }
  }

  private isTabu(slot: number): boolean {
    return this.moves - this.lastMoved[slot]! < this.tabu;
  }

  private finishScan(): void {
    this.scans++;
    const score = this.bestScore;
    const exhausted = this.sinceBest >= this.settings.plateau;
    if (this.bestSlot < 0 || score < this.currentScore || (exhausted && score <= this.climbBest)) {
      this.restarts++;
      this.randomize();
      return;
    }
    this.current[this.bestSlot] = this.bestValue;
    this.probe[this.bestSlot] = this.bestValue;
    this.lastMoved[this.bestSlot] = ++this.moves;
    this.sinceBest = score > this.climbBest ? 0 : this.sinceBest + 1;
    this.climbBest = Math.max(this.climbBest, score);
    // The new current's score is known: go straight on to its neighbours.
    this.beginScan(score);
  }

  /** `current` has been scored: start probing its neighbours. */
  private beginScan(score: number): void {
    this.currentScore = score;
    this.scoringCurrent = false;
    this.climbBest = Math.max(this.climbBest, score);
    this.bestSlot = -1;
    this.bestScore = -Infinity;
    this.ties = 0;
    this.slot = 0;
    this.value = -1;
    if (this.advance()) return;
    // No neighbour to probe. Every move tabu: restart. No move at all: the scan is empty.
    if (this.movable > 0) this.finishScan();
    else {
      this.scans++;
      this.scoringCurrent = true;
    }
  }

  private randomize(): void {
    for (let s = 0; s < this.domains.length; s++) this.current[s] = this.rng.int(this.domains[s]!);
    this.probe.set(this.current);
    this.lastMoved.fill(-Infinity);
    this.currentScore = -Infinity;
    this.climbBest = -Infinity;
    this.sinceBest = 0;
    this.bestSlot = -1;
    this.scoringCurrent = true;
  }
}

/** A term counts as satisfied at a vertex when its probability is above one half. */
const SATISFIED_LOSS = Math.LN2;

/**
 * `local-search` inside the gradient loop: each step shows the evaluator one probe vertex and reads
 * its per-term losses, which at a vertex are exact (the relaxed evaluator equals the exact
 * interpreter there), so one step scores one move; the gradient is ignored. Exact drivers
 * (`synthesizeLocalSearch`) instead score a whole neighbourhood per step with the exact interpreter.
 */
export const localSearch: OptimizerDefinition = {
  name: 'local-search',
  summary: 'gradient-free reference: best Hamming-1 move by exact evaluation of every move, tabu, random restarts',
  family: 'discrete',
  options: localSearchOptions,
  create(problem, rng, options) {
    const search = new LocalSearch(Int32Array.from(problem.params, (p) => p.domain), rng, localSearchSettings(options), problem.termCount);
    const vertex = new Vertex(problem.params, problem.size, 0);
    vertex.setAll(search.probe);
    const terms = problem.termLosses;
    return {
      probs: () => vertex.probs,
      update() {
        let satisfied = 0;
        for (let t = 0; t < terms.length; t++) if (terms[t]! < SATISFIED_LOSS) satisfied++;
        search.report(satisfied);
        vertex.setAll(search.probe);
      },
      decode: (into) => into.set(search.current),
    };
  },
};
