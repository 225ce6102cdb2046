// Crash-safe file writes: a result is either absent or complete, never half-written, and a failed
// write leaves no temporary file behind. `writeProblem` tells before a long run whether it can write.
import { accessSync, closeSync, constants, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Writes `text` to a temporary file beside `path`, flushes it, then renames it into place. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  const fd = openSync(tmp, 'w');
  try {
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw e;
  }
}

/** Why `path` cannot be written as a file (missing or read-only folder, a directory...), or null. */
export function writeProblem(path: string): string | null {
  if (path === '') return 'the path is empty';
  const folder = dirname(path);
  try {
    if (statSync(path).isDirectory()) return 'it is a directory';
  } catch {
    // absent: the folder decides
  }
  try {
    if (!statSync(folder).isDirectory()) return `${folder} is not a folder`;
  } catch {
    return `the folder ${folder} does not exist`;
  }
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    return `the folder ${folder} is not writable`;
  }
  return null;
}

/** A plain reason for a failed write (full disk, permissions...), from its error code. */
export function writeErrorReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOSPC': return 'no space left on the device';
    case 'EDQUOT': return 'disk quota exceeded';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'ENOTDIR': return 'a part of the path is a file';
    case 'EROFS': return 'the file system is read-only';
    case 'EISDIR': return 'it is a directory';
    case 'ENOENT': return 'no such folder';
    default: return e instanceof Error ? e.message : String(e);
  }
}
