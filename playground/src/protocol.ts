// Messages between the page and its workers: one synthesis run at a time, or the planned runs of a
// comparison one by one.
import type { LossCurve, NormalizedConfig, RunRecord, RunSpec } from '../../src/core.ts';

/** The sketch as the page holds it: a file name for diagnostics and the three texts ('' = none). */
export interface SketchTexts {
  readonly name: string;
  readonly program: string;
  readonly data: string;
  readonly hypers: string;
}

/** What selects one sketch from the texts: the batch (or hyper set) and `--set` values. */
export interface SketchChoice {
  readonly batch?: string;
  readonly set: Readonly<Record<string, number>>;
}

/** A synthesis, as `tpt synth` takes it. */
export interface SynthRequest {
  readonly type: 'synth';
  readonly texts: SketchTexts;
  readonly choice: SketchChoice;
  readonly optimizer: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly maxSteps: number;
  readonly timeLimitSeconds?: number;
  readonly restarts: number;
  /** Training options of programs with real values, as `tpt synth`'s flags (name -> text or true). */
  readonly net: Readonly<Record<string, string | boolean>>;
  /** Shared memory (a cross-origin isolated page only): element 0 set non-zero stops the run at its next step. */
  readonly stop?: Int32Array;
}

/** One planned run of a comparison. */
export interface CompareRunRequest {
  readonly type: 'compare-run';
  readonly texts: SketchTexts;
  readonly config: NormalizedConfig;
  readonly spec: RunSpec;
}

export type ToWorker = SynthRequest | CompareRunRequest;

/** A running synthesis; `params` and `assignmentText` come when the best assignment changed. */
export interface SynthProgress {
  readonly type: 'progress';
  readonly step: number;
  readonly loss: number;
  readonly bestLoss: number;
  readonly stepsPerSecond: number;
  readonly elapsedSeconds: number;
  readonly examplesSolved?: number;
  readonly params?: Record<string, unknown>;
  readonly assignmentText?: string;
}

/** A finished synthesis: the CLI's text and JSON, and the picture of a fit when there is one. */
export interface SynthDone {
  readonly type: 'result';
  readonly success: boolean;
  readonly text: string;
  readonly json: Record<string, unknown>;
  readonly lossCurve: LossCurve;
  readonly examplesSolved: number;
  readonly examples: number;
  readonly assignmentText: string;
  readonly fitSvg: string | null;
}

export type FromWorker =
  | SynthProgress
  | SynthDone
  | { readonly type: 'run-progress'; readonly fraction: number }
  | { readonly type: 'record'; readonly record: RunRecord }
  | { readonly type: 'error'; readonly message: string; readonly details: readonly string[] };
