// Content hashes of the files a comparison reads (program, data, hypers), stored in config.json, so
// that resuming after one of them changed is refused instead of mixing runs of two programs.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { conventionalFile } from '../sketch/files.ts';

/** SHA-256 (first 16 hex digits) of each input file's bytes; null when there is no such file. */
export interface InputHashes {
  readonly program: string | null;
  readonly data: string | null;
  readonly hypers: string | null;
}

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
