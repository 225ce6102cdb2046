// Where the paper's reference numbers live on the disk (<repo>/../shared/reference/), and reading them.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readText } from '../sketch/files.ts';
import { DEFAULT_LIMITS } from '../util/limits.ts';
import type { PaperReference } from './reference.ts';

/** The file name of the paper's numbers under `<repo>/../shared/reference/`. */
export const REFERENCE_FILE = 'gradsearch-paper.json';

/**
 * The default reference file: walks up from `fromUrl` (a module URL) to the directory holding tpt's
 * package.json, then looks in `../shared/reference/`. Null when there is none.
 */
export function defaultReferencePath(fromUrl: string = import.meta.url): string | null {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && /"name"\s*:\s*"tpt"/.test(readFileSync(pkg, 'utf8'))) {
      const path = resolve(dir, '..', 'shared', 'reference', REFERENCE_FILE);
      return existsSync(path) ? path : null;
    }
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
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
