// Finds the files that belong to a program by TerpreT's conventions and reads them without throwing.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

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

/** The text of a file, or an error message fit for a user. */
export function readText(path: string): { text: string } | { error: string } {
  try {
    return { text: readFileSync(path, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String((e as Error).message);
    return { error: `cannot read ${path}: ${why}` };
  }
}
