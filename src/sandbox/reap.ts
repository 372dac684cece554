import { hostname } from 'node:os';
import { rmSync } from 'node:fs';
import type { EngineApi } from '../engine/api';
import type { ContainerSummary, NetworkInspect, VolumeInspect } from '../engine/types';
import { filtersParam, LABEL, sessionLabelFilter } from './labels';
import { learnerId } from './learner-id';
import { labelledLive } from './lookups';
import { planRemoval, removeObjects, type Removal } from './remove';
import { deleteRecord, isAlive, isStale, lastUsed, readRecords, type SessionRecord } from './session-file';

export interface ReapReport {
  sessions: string[];
  removed: Removal;
}

/**
 * Which sessions to remove:
 * - `dead`: what a start removes. A learner's lab is kept across quits (and crashes) for their
 *   return: their own dead sessions are removed only when nobody used them for KEEP_LAB_DAYS.
 *   Another learner's dead session (the owner process is gone, so nobody can use those objects
 *   now, and they hold names and ports) is removed when its newest object is that old too (its
 *   learner may come back to it); a session labelled without an owner (an older ctr-learn) at once.
 * - `mine-dead`: this learner's dead sessions, kept labs included (`ctr-learn clean`);
 * - `mine`: all of this learner's sessions, live or dead (`ctr-learn clean --all`);
 * - `everyone`: every learner's sessions, live or dead (`ctr-learn clean --everyone`, confirmed).
 */
export type ReapWhich = 'dead' | 'mine-dead' | 'mine' | 'everyone';

interface Leftover {
  imageRefs: string[];
  volumes: string[];
  socketPath: string | null;
  preexisting: string[];
}

/** What the engine's labels say of one session. */
interface Labelled {
  owner: string | undefined;
  /** Some object of it was made by a process that still runs (or on another host: cannot tell). */
  live: boolean;
  /** Creation time of its newest object (ms). */
  newest: number;
}

/**
 * Find sessions to remove and remove what they left behind. Sessions are found both from this
 * learner's session files and from labels on engine objects (another learner's files are in their
 * own home; a lost state folder leaves labels). Only sandbox objects are ever removed.
 */
export async function reapSessions(
  api: EngineApi,
  opts: {
    which?: ReapWhich;
    exceptSession?: string;
    /** Only these sessions, whatever `which` says (tests on an engine others share). */
    only?: (sessionId: string) => boolean;
    /** The time to judge "not used for KEEP_LAB_DAYS" against (tests). */
    now?: number;
  } = {},
): Promise<ReapReport> {
  const which = opts.which ?? 'dead';
  const now = opts.now ?? Date.now();
  const host = hostname();
  const me = learnerId();
  const isDead = (pid: number, h: string) => h === host && !isAlive(pid);
  // Session files are in this learner's own state folder: all of them are theirs.
  const takeRecord = (rec: SessionRecord) => {
    switch (which) {
      case 'dead': return isDead(rec.pid, rec.host) && isStale(lastUsed(rec), now);
      case 'mine-dead': return isDead(rec.pid, rec.host);
      case 'mine':
      case 'everyone': return true;
    }
  };
  const takeLabelled = (s: Labelled) => {
    const mine = s.owner === me;
    switch (which) {
      // (Their session file, which said when they last used it, is in their home: judge by the objects.)
      case 'dead': return !s.live && (s.owner === undefined || mine || isStale(s.newest, now));
      case 'mine-dead': return mine && !s.live;
      case 'mine': return mine;
      case 'everyone': return true;
    }
  };

  const found = new Map<string, Leftover>();
  /** Sessions whose file says to keep them (a kept lab, a live session): their labels do not decide. */
  const kept = new Set<string>();
  for (const rec of readRecords()) {
    if (rec.id === opts.exceptSession || (opts.only && !opts.only(rec.id))) continue;
    if (!takeRecord(rec)) {
      kept.add(rec.id);
      continue;
    }
    found.set(rec.id, { imageRefs: Object.keys(rec.imageRefs), volumes: Object.keys(rec.volumes), socketPath: rec.socketPath, preexisting: rec.preexistingImageIds });
  }
  // Sessions known only by labels on engine objects.
  const sessions = await labelledSessions(api);
  for (const [id, s] of sessions) {
    if (id === opts.exceptSession || found.has(id) || kept.has(id) || !takeLabelled(s) || (opts.only && !opts.only(id))) continue;
    found.set(id, { imageRefs: [], volumes: [], socketPath: null, preexisting: [] });
  }

  const removed: Removal = { containers: [], networks: [], volumes: [], images: [] };
  for (const [id, info] of found) {
    const plan = await planRemoval(api, [sessionLabelFilter(id)], info.imageRefs);
    plan.volumes.push(...info.volumes);
    const done = await removeObjects(api, plan, new Set(info.preexisting));
    removed.containers.push(...done.containers);
    removed.networks.push(...done.networks);
    removed.volumes.push(...done.volumes);
    removed.images.push(...done.images);
    if (info.socketPath) rmSync(info.socketPath, { force: true });
    deleteRecord(id);
  }
  return { sessions: [...found.keys()], removed };
}

/** Every session the engine's objects are labelled with: its owner, whether it runs, its newest object. */
async function labelledSessions(api: EngineApi): Promise<Map<string, Labelled>> {
  const filters = filtersParam({ label: [LABEL.session] });
  const [containers, networks, volumes] = await Promise.all([
    api.json<ContainerSummary[]>('GET', '/containers/json', { query: { all: 1, filters } }),
    api.json<NetworkInspect[]>('GET', '/networks', { query: { filters } }),
    api.json<{ Volumes: VolumeInspect[] | null }>('GET', '/volumes', { query: { filters } }),
  ]);
  const labelled: [Record<string, string>, number][] = [
    ...containers.map((c): [Record<string, string>, number] => [c.Labels ?? {}, (c.Created ?? 0) * 1000]),
    ...networks.map((n): [Record<string, string>, number] => [n.Labels ?? {}, Date.parse((n as { Created?: string }).Created ?? '') || 0]),
    ...(volumes.Volumes ?? []).map((v): [Record<string, string>, number] => [v.Labels ?? {}, Date.parse((v as { CreatedAt?: string }).CreatedAt ?? '') || 0]),
  ];
  const sessions = new Map<string, Labelled>();
  for (const [labels, created] of labelled) {
    const id = labels[LABEL.session];
    if (!id) continue;
    const s = sessions.get(id) ?? { owner: labels[LABEL.owner], live: false, newest: 0 };
    s.live ||= labelledLive(labels);
    s.newest = Math.max(s.newest, created);
    sessions.set(id, s);
  }
  return sessions;
}

/**
 * Remove the sessions of these owners whose process is gone, at once (not after KEEP_LAB_DAYS):
 * for owners that are never a person (verify's learners), whose fixed names a killed run would
 * otherwise hold. A live session of theirs (another run beside this one) is never touched.
 */
export async function reapDeadOf(api: EngineApi, owners: string[]): Promise<string[]> {
  const gone = [...(await labelledSessions(api))].filter(([, s]) => !s.live && owners.includes(s.owner ?? '')).map(([id]) => id);
  if (gone.length) await reapSessions(api, { which: 'everyone', only: (id) => gone.includes(id) });
  return gone;
}
