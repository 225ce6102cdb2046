// The bundled programs (programs/ at build time) as the menu offers them: one entry per program and
// batch, e.g. `circuit · swap`, grouped as the README lists them.
import bundled from 'tpt-playground:examples';
import type { Example } from './example.ts';

export const EXAMPLES: readonly Example[] = bundled;

export function findExample(id: string): Example | undefined {
  return EXAMPLES.find((e) => e.id === id);
}

/** The batch to open: the one asked for if there is one, else (without data) the hyper set `default`, else the first. */
export function defaultBatch(batches: readonly string[], hasData: boolean, wanted?: string | null): string | null {
  if (wanted && batches.includes(wanted)) return wanted;
  if (!hasData && batches.includes('default')) return 'default';
  return batches[0] ?? null;
}
