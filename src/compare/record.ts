// One finished run as a JSON line of runs.jsonl, and how a run is executed (in a worker or in-process).
import type { Sketch, SketchOptions, SketchResult } from '../sketch/sketch.ts';
import type { Progress } from '../synth/progress.ts';
import type { LossCurve } from '../synth/curve.ts';
import type { ResolvedOptions } from '../optimizers/options.ts';
import { plotShape } from '../synth/plot.ts';
import type { MethodSynthesis } from '../synth/method.ts';
import { renderDiagnostic } from '../util/diagnostics.ts';
import { DEFAULT_LIMITS, type Limits } from '../util/limits.ts';
import { sketchOptions, type NormalizedConfig, type RunSpec, type SweepValue } from './config.ts';
import { runMethod } from './methods.ts';
import { warmUpMethod } from './method-warmup.ts';

/** Record format version, stored in every line. 2 added `fit`; version-1 lines read the same without it. */
export const RECORD_VERSION = 2;
/** Points kept in a stored loss curve. */
const CURVE_POINTS = 64;
/** Real Params kept in a record at most: enough for the pictured nets, and a line stays a few kB. */
const MAX_FIT_VALUES = 4096;

/** What a run of a program with real values learned: enough to draw its fit in report.html. */
export interface FitRecord {
  /** The reported Params by name, real ones included (the `tpt run --params` format). */
  readonly params: Record<string, unknown>;
  /** Data loss of those Params on the whole data (exact, no regulariser); null when not finite. */
  readonly dataLoss: number | null;
}

/** One finished run. Numbers that are not finite (NaN loss of a run with no step) are stored as null. */
export interface RunRecord {
  readonly key: string;
  readonly optimizer: string;
  readonly options: ResolvedOptions;
  readonly program: string;
  readonly batch: string | null;
  readonly hypers: Readonly<Record<string, number>>;
  /** The swept name (a Hyper or `batch`), or null without a sweep. */
  readonly sweep: string | null;
  readonly sweepValue: SweepValue | null;
  readonly run: number;
  readonly seed: number;
  readonly success: boolean;
  readonly stopReason: string;
  /** Steps taken (the step of success on success); 0 for smt and sat. */
  readonly steps: number;
  readonly wallSeconds: number;
  readonly compileSeconds: number;
  readonly loss: number | null;
  readonly bestLoss: number | null;
  readonly examplesSolved: number;
  readonly examples: number;
  readonly attempts: number;
  /** Exact whole-assignment evaluations (local-search). */
  readonly evaluations?: number;
  /** Z3's verdict (smt). */
  readonly smtStatus?: string;
  /** The SAT solver's verdict (sat). */
  readonly satStatus?: string;
  /** The exact solver's seconds after encoding and its conflicts (smt, sat; null when it counts none). */
  readonly solveSeconds?: number;
  readonly conflicts?: number | null;
  /** Downsampled loss curve, for the first few runs of every (method, sweep value). */
  readonly lossCurve?: LossCurve;
  /** The learned Params, for programs with real values that plot.ts can picture (absent in version 1). */
  readonly fit?: FitRecord;
  /** A method from a user's module: the module's path and the SHA-256 of the file that ran. */
  readonly module?: { readonly path: string; readonly sha256: string };
  readonly version: number;
}

/** How a comparison's sketches are loaded: `loadSketch` from the disk, or one that supplies the texts. */
export type SketchLoader = (programPath: string, options: SketchOptions) => SketchResult;

/** Loads the sketch of every sweep value once per thread. */
export class SketchCache {
  private readonly sketches = new Map<string, Sketch>();

  constructor(
    private readonly config: NormalizedConfig,
    private readonly load: SketchLoader,
    private readonly limits: Limits = DEFAULT_LIMITS,
  ) {}

  /** The sketch for `value`; throws an Error with rendered diagnostics if it does not load. */
  get(value: SweepValue | null): Sketch {
    const id = value === null ? '' : String(value);
    const cached = this.sketches.get(id);
    if (cached) return cached;
    const result = this.load(this.config.program, { ...sketchOptions(this.config, value), limits: this.limits });
    if (!result.sketch) {
      const sweep = this.config.sweep;
      // A swept Hyper is bound like --set; name the flag the user wrote.
      const errors = result.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => (sweep && d.code === 'unknown-hyper' ? { ...d, message: d.message.replace(`--set ${sweep.name}:`, `--sweep ${sweep.name}:`) } : d));
      const where = this.config.sweep && value !== null ? ` (${this.config.sweep.name}=${value})` : '';
      throw new SketchLoadError(`${this.config.program}${where} does not load`, errors.map((d) => renderDiagnostic(d, result.sources)));
    }
    this.sketches.set(id, result.sketch);
    return result.sketch;
  }
}

/** A sketch of the comparison failed to load; `details` are rendered diagnostics. */
export class SketchLoadError extends Error {
  override name = 'SketchLoadError';
  constructor(
    message: string,
    readonly details: readonly string[],
  ) {
    super(message);
  }
}

/** Runs one planned run and returns its record; `onProgress` gets the fraction of its budget used. */
export async function executeRun(
  config: NormalizedConfig,
  spec: RunSpec,
  sketches: SketchCache,
  onProgress?: (fraction: number) => void,
): Promise<RunRecord> {
  const sketch = sketches.get(spec.sweepValue);
  const limit = config.timeLimitSeconds ?? Infinity;
  const maxSteps = config.maxSteps ?? Infinity;
  const fraction = (p: Progress): number => Math.min(1, Math.max(p.step / Math.max(1, maxSteps), p.elapsedSeconds / limit));
  await warmUpMethod(spec.optimizer, spec.options);
  const s = await runMethod(sketch, {
    optimizer: spec.optimizer,
    options: spec.options,
    seed: spec.seed,
    maxSteps,
    epsilon: config.epsilon,
    ...(config.timeLimitSeconds !== null ? { timeLimitSeconds: config.timeLimitSeconds } : {}),
    ...(onProgress ? { onProgress: (p: Progress) => onProgress(fraction(p)), progressIntervalSeconds: 0.25 } : {}),
  });
  const r = s.result;
  return {
    key: spec.key,
    optimizer: spec.optimizer,
    options: spec.options,
    program: config.program,
    batch: sketch.batchName,
    hypers: { ...sketch.hypers },
    sweep: config.sweep?.name ?? null,
    sweepValue: spec.sweepValue,
    run: spec.run,
    seed: spec.seed,
    success: r.success,
    stopReason: r.stopReason,
    steps: r.steps,
    wallSeconds: r.wallSeconds,
    compileSeconds: s.compileSeconds,
    loss: finite(r.loss),
    bestLoss: finite(r.bestLoss),
    examplesSolved: s.examplesSolved,
    examples: sketch.dataset.examples.length,
    attempts: r.attempts,
    ...(s.evaluations !== undefined ? { evaluations: s.evaluations } : {}),
    ...(s.smtStatus !== undefined ? { smtStatus: s.smtStatus } : {}),
    ...(s.satStatus !== undefined ? { satStatus: s.satStatus } : {}),
    ...(s.solverWork ? { solveSeconds: s.solverWork.solveSeconds, conflicts: s.solverWork.conflicts } : {}),
    ...(spec.run < config.curveRuns && r.lossCurve.steps.length > 0 ? { lossCurve: thin(r.lossCurve, CURVE_POINTS) } : {}),
    ...fitOf(sketch, s),
    ...(config.modules?.[spec.optimizer] ? { module: config.modules[spec.optimizer] } : {}),
    version: RECORD_VERSION,
  };
}

/** `{ fit }` when the run trained real values of a program that can be pictured, else nothing. */
function fitOf(sketch: Sketch, s: MethodSynthesis): { fit?: FitRecord } {
  // Nothing to draw, nothing to keep.
  if (!s.net || s.net.realParams.length > MAX_FIT_VALUES || plotShape(sketch) === null) return {};
  return { fit: { params: s.params, dataLoss: finite(s.net.dataLoss) } };
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Keeps at most `n` points, evenly spread, always the first and the last. */
export function thin(curve: LossCurve, n: number): LossCurve {
  const len = curve.steps.length;
  if (len <= n) return { steps: [...curve.steps], losses: [...curve.losses] };
  const steps: number[] = [];
  const losses: number[] = [];
  for (let i = 0; i < n; i++) {
    const j = Math.round((i * (len - 1)) / (n - 1));
    steps.push(curve.steps[j]!);
    losses.push(curve.losses[j]!);
  }
  return { steps, losses };
}
