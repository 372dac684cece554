import { hostname } from 'node:os';
import { rmSync } from 'node:fs';
import type { EngineApi } from '../engine/api';
import type { ContainerSummary, NetworkInspect, VolumeInspect } from '../engine/types';
import { filtersParam, LABEL, sessionLabelFilter } from './labels';
import { planRemoval, removeObjects, type Removal } from './remove';
import { deleteRecord, isAlive, readRecords } from './session-file';

export interface ReapReport {
  sessions: string[];
  removed: Removal;
}

/**
 * Find sessions whose owning process is gone (crash, kill -9) and remove what they left behind.
 * Sessions are found both from their files and from labels on engine objects (in case the state
 * folder was lost). Only dead sessions of this host are touched; live ones are left alone.
 * With `all`, live sessions' objects go too (`clean --all`).
 */
export async function reapSessions(api: EngineApi, opts: { all?: boolean; exceptSession?: string } = {}): Promise<ReapReport> {
  const host = hostname();
  const dead = new Map<string, { imageRefs: string[]; volumes: string[]; socketPath: string | null; preexisting: string[] }>();
  const isGone = (pid: number, h: string) => opts.all || (h === host && !isAlive(pid));

  for (const rec of readRecords()) {
    if (rec.id === opts.exceptSession) continue;
    if (isGone(rec.pid, rec.host)) {
      dead.set(rec.id, {
        imageRefs: Object.keys(rec.imageRefs),
        volumes: Object.keys(rec.volumes),
        socketPath: rec.socketPath,
        preexisting: rec.preexistingImageIds,
      });
    }
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
    if (!id || id === opts.exceptSession || dead.has(id)) continue;
    if (isGone(Number(labels[LABEL.pid]), labels[LABEL.host] ?? '')) {
      dead.set(id, { imageRefs: [], volumes: [], socketPath: null, preexisting: [] });
    }
  }

  const removed: Removal = { containers: [], networks: [], volumes: [], images: [] };
  for (const [id, info] of dead) {
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
  return { sessions: [...dead.keys()], removed };
}
