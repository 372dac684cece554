import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

/**
 * A lock file next to the progress file, so that two app windows and a `ctr-learn check` running
 * at once each read, change and write the file in turn (before it, 50 checks from three processes
 * were recorded as 43: each wrote back what it had read before the others' writes).
 *
 * Synchronous on purpose: a progress write holds it for a few milliseconds, and the store's
 * callers (the reducer's effects, the CLI) expect a write to be done when the call returns.
 */

/** A holder that has had the lock this long is gone (the writes inside take milliseconds). */
const STALE_MS = 5_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

interface Holder {
  pid: number;
  token: string;
}

function readHolder(path: string): Holder | null {
  try {
    const [pid, token] = readFileSync(path, 'utf8').split(' ');
    return { pid: Number(pid), token: token ?? '' };
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as somebody else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(path: string, holder: Holder | null): boolean {
  let age: number;
  try {
    age = Date.now() - statSync(path).mtimeMs;
  } catch {
    return false; // gone already: just try again
  }
  if (age > STALE_MS) return true;
  // A crashed holder on this machine: its lock is stale at once (a half-written file is not: give
  // its writer a moment before judging it by age).
  return holder !== null && holder.token !== '' && !alive(holder.pid);
}

/**
 * Takes a stale lock away without ever removing a fresh one: the stale file is renamed aside (one
 * process wins the rename), and if what was renamed turns out to be somebody's new lock it is put
 * back with link (which never replaces an existing file).
 */
function breakStale(path: string, seen: Holder | null): void {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  const moved = readHolder(aside);
  if (seen && moved && moved.token !== seen.token) {
    try {
      linkSync(aside, path);
    } catch {
      // Somebody holds a newer lock already; the one we moved is lost to its owner, who will
      // find it missing when it unlocks: its write is done by then (see unlock).
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    /* already gone */
  }
}

/** Runs `fn` holding `<file>.lock` (created with O_EXCL). */
export function withFileLock<T>(file: string, fn: () => T): T {
  const path = `${file}.lock`;
  const token = randomBytes(8).toString('hex');
  for (let tries = 0; ; tries += 1) {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, `${process.pid} ${token}`);
      } finally {
        closeSync(fd);
      }
      break;
    }
    const holder = readHolder(path);
    if (isStale(path, holder)) breakStale(path, holder);
    else sleep(2 + Math.min(tries, 20) + Math.floor(Math.random() * 5));
  }
  try {
    return fn();
  } finally {
    // Remove only our own lock: after a long pause (a stopped process) it may have been judged
    // stale and taken by somebody else.
    if (readHolder(path)?.token === token) {
      try {
        unlinkSync(path);
      } catch {
        /* already gone */
      }
    }
  }
}
