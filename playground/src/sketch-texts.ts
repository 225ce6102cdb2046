// The page's texts as a sketch: an empty data or hypers pane means there is no such file, and nothing
// is ever read from a file.
import { assembleSketch, type SketchLoader, type SketchOptions, type SketchResult } from '../../src/core.ts';
import type { SketchChoice, SketchTexts } from './protocol.ts';

/** The three texts as loader options. */
function textOptions(texts: SketchTexts): SketchOptions {
  return {
    source: texts.program,
    ...(texts.data.trim() ? { dataText: texts.data } : {}),
    ...(texts.hypers.trim() ? { hypersText: texts.hypers } : {}),
  };
}

/** Checks and lowers the texts with the batch and `--set` values chosen, as `tpt check` would the files. */
export function loadTexts(texts: SketchTexts, choice: SketchChoice): SketchResult {
  return assembleSketch(texts.name, { ...textOptions(texts), ...(choice.batch !== undefined ? { batch: choice.batch } : {}), set: choice.set }, null);
}

/** A comparison's loader over the texts: each sweep value picks its batch or Hyper values in `options`. */
export function textLoader(texts: SketchTexts): SketchLoader {
  const base = textOptions(texts);
  return (name, options) => assembleSketch(name, { ...base, ...options }, null);
}
