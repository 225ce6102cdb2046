// Crash-safe file writes: a result is either absent or complete, never half-written, and a failed
// write leaves no temporary file behind. `writeProblem` tells before a long run whether it can write.
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let written = 0;

/** A fresh temporary name beside `path`, short enough for any file name `path` may have. */
function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path).slice(0, 64)}.tmp-${process.pid}-${++written}`);
}

/** Writes `text` to a temporary file beside `path`, flushes it, then renames it into place. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = tempPath(path);
  const fd = openSync(tmp, 'wx');
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
  // Creating the very temporary file the write will use catches read-only folders and file systems.
  const probe = tempPath(path);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (e) {
    return writeErrorReason(e);
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
    case 'ENAMETOOLONG': return 'the file name is too long';
    default: return e instanceof Error ? e.message : String(e);
  }
}
