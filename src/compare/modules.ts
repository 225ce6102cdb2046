// The user modules a comparison names: loaded in the main thread before planning, and again in
// every worker thread (which must find the same files, unchanged) before its first run.
import { loadOptimizerModule } from '../optimizers/user-module.ts';
import type { ComparisonConfig } from './config.ts';

/**
 * Loads the user modules a comparison names (each must define the method it is given for); throws
 * OptimizerModuleError. With `expected` (a worker), a file whose SHA-256 differs is an error.
 */
export async function loadComparisonModules(
  config: Pick<ComparisonConfig, 'modules'>,
  expected?: Readonly<Record<string, { readonly sha256: string }>>,
): Promise<void> {
  for (const [name, path] of Object.entries(config.modules ?? {})) {
    const loaded = await loadOptimizerModule(path, expected?.[name]?.sha256);
    if (loaded.definition.name !== name) {
      throw new RangeError(`${path} defines optimizer '${loaded.definition.name}', not '${name}'`);
    }
  }
}
