import { readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDir, stateDir, writeJsonAtomically } from '../paths';
import type { SessionIdentity } from './labels';

/**
 * What a session remembers on disk, for what labels cannot cover: image references it created
 * by tag/pull/load, anonymous volumes of containers removed without -v, and the proxy socket.
 * The next start reads these files to reap a session that died (crash, kill -9).
 */
export interface SessionRecord extends SessionIdentity {
  startedAt: string;
  socketPath: string | null;
  /** image ref → lesson id */
  imageRefs: Record<string, string>;
  /** anonymous volume name → lesson id */
  volumes: Record<string, string>;
  /** Image IDs that existed when the session started: never removed. */
  preexistingImageIds: string[];
  /** When a process last used the session (opened, adopted, changed it, quit): its lab is kept this long after. */
  lastUsedAt?: string;
  /** The learner quit and the lab was kept for their return (absent: the session runs, or it crashed). */
  keptAt?: string;
  /** How many times a later start took the session over. */
  adoptions?: number;
}

/** How long a lab nobody used is kept for its learner's return: the next start after that removes it. */
export const KEEP_LAB_DAYS = 14;
const KEEP_MS = KEEP_LAB_DAYS * 24 * 3600 * 1000;

/** When the session was last used (ms). */
export function lastUsed(rec: Pick<SessionRecord, 'lastUsedAt' | 'startedAt'>): number {
  return Date.parse(rec.lastUsedAt ?? rec.startedAt) || 0;
}

/** Has the lab been left alone longer than KEEP_LAB_DAYS? */
export function isStale(lastUsedMs: number, now = Date.now()): boolean {
  return now - lastUsedMs > KEEP_MS;
}

export function sessionsDir(): string {
  return ensureDir(join(stateDir(), 'sessions'));
}

/**
 * (A session passes the folder it chose when it opened: the files belong to the learner whose
 * home it was, whatever CTR_LEARN_HOME says later.)
 */
export function writeRecord(rec: SessionRecord, dir = sessionsDir()): void {
  // Atomically: other processes read these files, and drop one they cannot parse.
  writeJsonAtomically(join(dir, `${rec.id}.json`), rec);
}

export function deleteRecord(id: string, dir = sessionsDir()): void {
  rmSync(join(dir, `${id}.json`), { force: true });
}

/**
 * Take a record over for this process, atomically: of two starts racing for one kept lab, one
 * gets it (the other starts a session of its own). Returns the record, or null if it was taken.
 */
export function claimRecord(id: string, dir = sessionsDir()): SessionRecord | null {
  const from = join(dir, `${id}.json`);
  const to = join(dir, `${id}.claim-${process.pid}`);
  try {
    renameSync(from, to);
  } catch {
    return null;
  }
  try {
    const rec = JSON.parse(readFileSync(to, 'utf8')) as SessionRecord;
    // Back under its own name at once, owned by this live process: between the claim and the new
    // session's first save, another start's reaper must not take the lab for a dead session's.
    writeRecord({ ...rec, pid: process.pid, lastUsedAt: new Date().toISOString() }, dir);
    return rec;
  } catch {
    return null;
  } finally {
    rmSync(to, { force: true });
  }
}

export function readRecords(dir = sessionsDir()): SessionRecord[] {
  const out: SessionRecord[] = [];
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.json')) continue;
    try {
      out.push(JSON.parse(readFileSync(join(dir, f), 'utf8')) as SessionRecord);
    } catch {
      rmSync(join(dir, f), { force: true }); // a torn write of a dead session: nothing to recover
    }
  }
  return out;
}

/** Is the process that owns a session still alive? (EPERM means alive but not ours.) */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
