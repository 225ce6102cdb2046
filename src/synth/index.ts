// Public surface of the synthesis loop.

export type { SynthesizeRequest, SynthesisResult, StopReason } from './synthesize.ts';
export { synthesize } from './synthesize.ts';
export { synthesizeSketch } from './run-sketch.ts';
export type { SketchSynthesis, SketchSynthesisOptions } from './run-sketch.ts';
export type { Progress } from './progress.ts';
export type { LossCurve } from './curve.ts';
