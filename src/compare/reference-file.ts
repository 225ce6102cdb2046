// The paper's reference numbers on the disk: the file shipped in tpt's reference/ folder, and reading one.
import { readText } from '../sketch/files.ts';
import { DEFAULT_LIMITS } from '../util/limits.ts';
import { packageFile } from '../util/package.ts';
import { REFERENCE_FILE, type PaperReference } from './reference.ts';

/** The paper's numbers as shipped with tpt: `reference/gradsearch-paper.json` in the package. */
export function defaultReferencePath(): string {
  return packageFile('reference', REFERENCE_FILE);
}

/** Reads a reference file (throws with the path on unreadable or non-JSON input). */
export function loadReference(path: string): PaperReference {
  const read = readText(path, 'data-size', DEFAULT_LIMITS);
  if ('error' in read) throw new Error(`reference file: ${read.error}`);
  try {
    return JSON.parse(read.text.replace(/^\uFEFF/, '')) as PaperReference;
  } catch {
    throw new Error(`reference file ${path} is not valid JSON`);
  }
}
