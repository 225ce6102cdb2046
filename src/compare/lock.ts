// An exclusive lock on a results directory (`DIR/.lock`, created by a hard link), held for a whole
// comparison or merge so that two processes never append to one runs.jsonl. A lock whose process
// died on this host is taken over; one held by a live process (or another host) is refused. The draft
// a killed process may leave beside it is removed by the next holder.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { closeSync, linkSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';

/** Held by the command writing a results directory, so that two never write one at once. */
export const LOCK_FILE = '.lock';

/** Who holds a lock: written into the lock file. */
interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
  readonly command: string;
}

/** The directory is locked by another live process; `message` names it. */
export class LockError extends Error {
  override name = 'LockError';
}

function readHolder(path: string): { text: string; holder: Holder | null } | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null; // gone meanwhile
  }
  try {
    return { text, holder: JSON.parse(text) as Holder };
  } catch {
    return { text, holder: null }; // half-written by a starting process: treat as held
  }
}

function alive(h: Pick<Holder, 'pid' | 'host'>): boolean {
  if (h.host !== hostname()) return true; // cannot tell: assume it runs
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Drafts of the lock written on `host` are named this followed by the writer's pid, so that a stale one can be told. */
function draftPrefix(host: string): string {
  return `${LOCK_FILE}.new-${encodeURIComponent(host)}-`;
}

/** Removes the drafts of processes of this host that died between writing and removing one (with the lock held). */
function sweepDrafts(dir: string): void {
  const prefix = draftPrefix(hostname());
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || alive({ pid, host: hostname() })) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {
      // already gone
    }
  }
}

/** Takes the lock on `dir` (which must exist); returns the function that releases it. */
export function lockDirectory(dir: string, command: string): () => void {
  const path = join(dir, LOCK_FILE);
  const mine: Holder = { pid: process.pid, host: hostname(), started: new Date().toISOString(), command };
  const text = JSON.stringify(mine) + '\n';
  for (let attempt = 0; attempt < 5; attempt++) {
    // The lock appears with its holder already written (a hard link of a finished file fails with
    // EEXIST when a lock exists), so another process never reads it half-written.
    const draft = join(dir, draftPrefix(mine.host) + mine.pid);
    const fd = openSync(draft, 'w');
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    try {
      try {
        linkSync(draft, path);
      } finally {
        unlinkSync(draft);
      }
      sweepDrafts(dir);
      return () => {
        // Only remove the lock if it is still this process's.
        if (readHolder(path)?.text === text) unlinkSync(path);
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const found = readHolder(path);
    if (!found) continue;
    if (!found.holder || alive(found.holder)) {
      const h = found.holder;
      const who = h ? `${h.command} (pid ${h.pid} on ${h.host}, since ${h.started})` : 'a process that is starting';
      throw new LockError(`${dir} is in use by ${who}; wait for it to finish or use another --out directory (if no such process runs, delete ${path})`);
    }
    // The holder died: move its lock aside, and put it back if it turns out to be a newer one.
    const aside = `${path}.stale-${process.pid}`;
    try {
      renameSync(path, aside);
    } catch {
      continue;
    }
    if (readHolder(aside)?.text !== found.text) {
      try {
        linkSync(aside, path);
      } catch {
        // someone holds the directory now; the next attempt reports them
      }
    }
    unlinkSync(aside);
  }
  throw new LockError(`could not lock ${dir}: its lock file keeps changing`);
}
