// Content hashes of the files a comparison reads (program, data, hypers), stored in config.json, so
// that resuming after one of them changed is refused instead of mixing runs of two programs.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { conventionalFile } from '../sketch/files.ts';
import { normalizeConfigWith, type ComparisonConfig, type InputHashes, type NormalizedConfig } from './config.ts';

function hashFile(path: string | null): string | null {
  if (path === null) return null;
  try {
    return createHash('sha256').update(new Uint8Array(readFileSync(path))).digest('hex').slice(0, 16);
  } catch {
    return null; // unreadable: loading the sketch reports it
  }
}

/** Hashes the program and the data and hypers files it uses (given, or found beside it). */
export function hashInputs(program: string, dataPath: string | null, hypersPath: string | null): InputHashes {
  return {
    program: hashFile(program),
    data: hashFile(dataPath ?? conventionalFile(program, 'data')),
    hypers: hashFile(hypersPath ?? conventionalFile(program, 'hypers')),
  };
}

/** Fills defaults, resolves every method's options (throws `OptionError` on a bad one) and hashes the files it reads. */
export function normalizeConfig(config: ComparisonConfig): NormalizedConfig {
  return normalizeConfigWith(config, hashInputs(config.program, config.dataPath ?? null, config.hypersPath ?? null));
}
