// Finds the files that belong to a program by TerpreT's conventions and reads them without throwing:
// only regular files (a FIFO would block, /dev/zero never ends) no larger than their limit.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { formatCount, limitMessage, type LimitName, type Limits } from '../util/limits.ts';

/** `<stem>.hypers.json` / `<stem>_hypers.json` (or `.data.json` / `_data.json`) next to the program, if present. */
export function conventionalFile(programPath: string, kind: 'hypers' | 'data'): string | null {
  const dir = dirname(programPath);
  const stem = basename(programPath, extname(programPath));
  for (const name of [`${stem}.${kind}.json`, `${stem}_${kind}.json`]) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  return null;
}

/**
 * The text of a file, or an error message fit for a user. The file must be a regular file of at most
 * `limits[limit]` bytes, checked before reading, so nothing endless or huge is ever loaded.
 */
export function readText(path: string, limit: LimitName, limits: Limits): { text: string } | { error: string } {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { error: `cannot read ${path}: it is a directory` };
    if (!stat.isFile()) return { error: `cannot read ${path}: not a regular file (${stat.isFIFO() ? 'a pipe' : 'a device or socket'}); save its contents to a file first` };
    if (stat.size > limits[limit]) {
      return { error: `cannot read ${path}: ${limitMessage(limit, limits, `it has ${formatCount(stat.size)} bytes`, stat.size)}` };
    }
    return { text: readFileSync(path, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String((e as Error).message);
    return { error: `cannot read ${path}: ${why}` };
  }
}
