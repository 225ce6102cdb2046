// Public surface of the synthesis loop.

export type { SynthesizeRequest, SynthesisResult, StopReason } from './synthesize.ts';
export { synthesize } from './synthesize.ts';
export { synthesizeSketch } from './run-sketch.ts';
export type { SketchSynthesis, SketchSynthesisOptions } from './run-sketch.ts';
export type { Progress } from './progress.ts';
export type { LossCurve } from './curve.ts';
export { trainSketch } from './train.ts';
export type { NetOptions, ResolvedNet } from './net-options.ts';
export { resolveNetOptions } from './net-options.ts';
export type { NetReport } from './net-report.ts';
export { netJson, formatNet, shownLoss } from './net-report.ts';
export type { FitToPlot, PlotShape } from './plot.ts';
export { plotCurves, plotFit, plotShape, plotSynthesis, PlotError } from './plot.ts';
export { describeFit } from './fit-label.ts';
