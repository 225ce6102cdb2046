// Loading a sketch from the disk: the loader of sketch.ts with the files beside the program.
import { conventionalFile, readText } from './files.ts';
import { loadSketchWith, type SketchFiles, type SketchOptions, type SketchResult } from './sketch.ts';

export type { Sketch, SketchOptions, SketchResult } from './sketch.ts';

const DISK: SketchFiles = { conventionalFile, readText };

/**
 * Loads, checks and lowers a sketch; the program, data and hypers files are read from the disk unless
 * given as text (the data and hypers found next to the program by TerpreT's naming). Never throws for
 * bad input: problems come back as diagnostics.
 */
export function loadSketch(programPath: string, options: SketchOptions = {}): SketchResult {
  return loadSketchWith(DISK, programPath, options);
}
