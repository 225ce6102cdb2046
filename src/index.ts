// The public API of tpt: everything of `tpt/core` (core.ts), plus what needs Node — loading sketches
// from the disk, atomic files, comparisons in worker threads with result directories.
// The CLI uses only what this file exports.

export * from './core.ts';
export { loadSketch } from './sketch/load.ts';
export { readText } from './sketch/files.ts';
export { writeFileAtomic, writeProblem, writeErrorReason } from './util/files.ts';
export * from './compare/node.ts';
