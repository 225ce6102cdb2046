// The page's texts as loader options: an empty data or hypers pane means there is no such file.
import type { SketchOptions } from '../../src/core.ts';
import type { SketchChoice, SketchTexts } from './protocol.ts';

/** Options for `loadSketch(texts.name, …)`: the three texts, the batch and the `--set` values. */
export function textOptions(texts: SketchTexts, choice: SketchChoice): SketchOptions {
  return {
    source: texts.program,
    ...(texts.data.trim() ? { dataText: texts.data } : {}),
    ...(texts.hypers.trim() ? { hypersText: texts.hypers } : {}),
    ...(choice.batch !== undefined ? { batch: choice.batch } : {}),
    set: choice.set,
  };
}
