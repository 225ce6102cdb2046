// Test helpers: load a sketch from inline source text without touching the file system.
import { loadSketch, type SketchOptions, type SketchResult } from '../../src/index.ts';

/** Loads `source` as `test.tpt` with no data or hypers files unless given as text. */
export function sketchFrom(source: string, options: SketchOptions = {}): SketchResult {
  return loadSketch('test.tpt', { dataPath: false, hypersPath: false, ...options, source });
}

/** The diagnostics of loading `source`, as `code@line:col` strings for compact assertions. */
export function codesAt(source: string, options: SketchOptions = {}): string[] {
  return sketchFrom(source, options).diagnostics.map((d) => `${d.code}@${d.span ? `${d.span.line}:${d.span.column}` : '-'}`);
}

/** Strips a common leading indentation so programs can be written indented inside template literals. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const cut = Math.min(...indents);
  return lines.map((l) => l.slice(cut)).join('\n');
}
