// Loading a sketch from files on Node: the program, and its data and hypers found by TerpreT's
// naming conventions next to it (files.ts); assembling it is sketch.ts's job.
import { conventionalFile, readText } from './files.ts';
import { assembleSketch, type SketchFiles, type SketchOptions, type SketchResult } from './sketch.ts';

export type { Sketch, SketchOptions, SketchResult } from './sketch.ts';

const NODE_FILES: SketchFiles = { read: readText, find: conventionalFile };

/**
 * Loads, checks and lowers the sketch at `programPath` with its data and hypers (found next to it
 * unless `options` names them or gives their text). Never throws for bad input: problems come back
 * as diagnostics, with the text of every file read in `sources` to render them.
 */
export function loadSketch(programPath: string, options: SketchOptions = {}): SketchResult {
  return assembleSketch(programPath, options, NODE_FILES);
}
