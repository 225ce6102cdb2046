// The public API of tpt: everything of `tpt/core` (core.ts), plus what needs Node — loading sketches
// from the disk, atomic files, comparisons in worker threads with result directories.
// The CLI uses only what this file exports.

export * from './core.ts';
export { loadSketch } from './sketch/load.ts';
export { writeFileAtomic } from './util/files.ts';
export * from './compare/node.ts';
