import { hostname } from 'node:os';
import { rmSync } from 'node:fs';
import type { EngineApi } from '../engine/api';
import type { ContainerSummary, NetworkInspect, VolumeInspect } from '../engine/types';
import { filtersParam, LABEL, sessionLabelFilter } from './labels';
import { learnerId } from './learner-id';
import { planRemoval, removeObjects, type Removal } from './remove';
import { deleteRecord, isAlive, readRecords } from './session-file';

export interface ReapReport {
  sessions: string[];
  removed: Removal;
}

/**
 * Which sessions to remove:
 * - `dead`: every dead session on this host, whoever's (a start does this: the owner process is
 *   gone, so nobody can use those objects any more, and they hold names and ports);
 * - `mine-dead`: this learner's dead sessions (`ctr-learn clean`);
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
  } = {},
): Promise<ReapReport> {
  const which = opts.which ?? 'dead';
  const host = hostname();
  const me = learnerId();
  const isDead = (pid: number, h: string) => h === host && !isAlive(pid);
  // Session files are in this learner's own state folder: all of them are theirs.
  const takeRecord = (pid: number, h: string) => which === 'mine' || which === 'everyone' || isDead(pid, h);
  const takeLabelled = (labels: Record<string, string>) => {
    const mine = labels[LABEL.owner] === me;
    const dead = isDead(Number(labels[LABEL.pid]), labels[LABEL.host] ?? '');
    switch (which) {
      case 'dead': return dead;
      case 'mine-dead': return mine && dead;
      case 'mine': return mine;
      case 'everyone': return true;
    }
  };

  const found = new Map<string, Leftover>();
  for (const rec of readRecords()) {
    if (rec.id === opts.exceptSession || !takeRecord(rec.pid, rec.host) || (opts.only && !opts.only(rec.id))) continue;
    found.set(rec.id, { imageRefs: Object.keys(rec.imageRefs), volumes: Object.keys(rec.volumes), socketPath: rec.socketPath, preexisting: rec.preexistingImageIds });
  }
  // Sessions known only by labels on engine objects.
  const filters = filtersParam({ label: [LABEL.session] });
  const [containers, networks, volumes] = await Promise.all([
    api.json<ContainerSummary[]>('GET', '/containers/json', { query: { all: 1, filters } }),
    api.json<NetworkInspect[]>('GET', '/networks', { query: { filters } }),
    api.json<{ Volumes: VolumeInspect[] | null }>('GET', '/volumes', { query: { filters } }),
  ]);
  const labelled = [...containers.map((c) => c.Labels), ...networks.map((n) => n.Labels ?? {}), ...(volumes.Volumes ?? []).map((v) => v.Labels ?? {})];
  for (const labels of labelled) {
    const id = labels[LABEL.session];
    if (!id || id === opts.exceptSession || found.has(id) || !takeLabelled(labels) || (opts.only && !opts.only(id))) continue;
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
