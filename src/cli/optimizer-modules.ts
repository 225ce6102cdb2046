// Optimizers named by a module path on the command line (`--optimizer ./sa.mjs`): found in the raw
// arguments before parsing (their options become flags), loaded, then known by their own name.
import { isModulePath, loadOptimizerModule, loadedOptimizerModule } from '../index.ts';

/** The value of `--name V` or `--name=V` in raw arguments (the last one given), if any. */
export function rawFlagValue(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  argv.forEach((a, i) => {
    if (a === `--${name}`) value = argv[i + 1];
    else if (a.startsWith(`--${name}=`)) value = a.slice(name.length + 3);
  });
  return value;
}

/** Loads every module path among `entries` (method names or paths). */
export async function loadModulesNamed(entries: readonly string[]): Promise<void> {
  for (const e of entries) if (isModulePath(e)) await loadOptimizerModule(e);
}

/** The method an entry names: a module path stands for the optimizer it defines. */
export function methodName(entry: string): string {
  return isModulePath(entry) ? (loadedOptimizerModule(entry)?.definition.name ?? entry) : entry;
}

/** `a,b,c` -> trimmed, non-empty entries. */
export function splitList(text: string | undefined): string[] {
  return (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}
