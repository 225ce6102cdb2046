// Files that ship with tpt (its package.json, the paper's reference numbers, the bundled programs),
// found from the package root: the repository when run from source, node_modules/tpt when installed.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;

/**
 * The directory holding tpt's package.json: the nearest one above this module (a source file, or a
 * bundle chunk in dist/) whose package.json is named `tpt`. Throws when there is none.
 */
export function packageRoot(): string {
  if (root) return root;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'tpt') return (root = dir);
    if (dirname(dir) === dir) throw new Error(`tpt's package.json not found above ${start}`);
  }
}

/** A path inside the package, e.g. `packageFile('programs', 'circuit', 'circuit.tpt')`. */
export function packageFile(...parts: readonly string[]): string {
  return join(packageRoot(), ...parts);
}

/** The version in tpt's package.json (`tpt --version`). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
}
