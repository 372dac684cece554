import type { EngineApi } from '../engine/api';
import type { ContainerSummary, NetworkInspect, VolumeInspect } from '../engine/types';
import { filtersParam } from './labels';

export interface Removal {
  containers: string[];
  networks: string[];
  volumes: string[];
  images: string[];
}

export interface RemovalPlan extends Removal {}

/**
 * Everything in the sandbox that carries all of `labels` (e.g. one session, or one lesson), plus
 * image references the session created by tag/pull/load (those cannot carry labels).
 * Objects without our labels are never listed, so a learner's own things are never removed.
 */
export async function planRemoval(api: EngineApi, labels: string[], imageRefs: string[] = []): Promise<RemovalPlan> {
  const filters = filtersParam({ label: labels });
  const [containers, networks, volumes, images] = await Promise.all([
    api.json<ContainerSummary[]>('GET', '/containers/json', { query: { all: 1, filters } }),
    api.json<NetworkInspect[]>('GET', '/networks', { query: { filters } }),
    api.json<{ Volumes: VolumeInspect[] | null }>('GET', '/volumes', { query: { filters } }),
    api.json<{ Id: string; RepoTags: string[] | null }[]>('GET', '/images/json', { query: { filters } }),
  ]);
  // A labelled image goes by the references the session made (imageRefs); by ID only when it has
  // no tag at all. A tag somebody put on it outside the sandbox is theirs, and keeps the image.
  const imageNames = images.filter((i) => !(i.RepoTags ?? []).some((t) => t !== '<none>:<none>')).map((i) => i.Id);
  return {
    containers: containers.map((c) => c.Names[0]?.replace(/^\//, '') ?? c.Id),
    networks: networks.map((n) => n.Name),
    volumes: (volumes.Volumes ?? []).map((v) => v.Name),
    images: [...new Set([...imageNames, ...imageRefs])],
  };
}

/** Remove what planRemoval found. Containers go first (with their anonymous volumes), in one pass each. */
export async function removeObjects(api: EngineApi, plan: RemovalPlan, protectedImageIds: Set<string> = new Set()): Promise<Removal> {
  const done: Removal = { containers: [], networks: [], volumes: [], images: [] };
  const ok = (s: number) => s < 400 || s === 404;
  await Promise.all(
    plan.containers.map(async (name) => {
      const path = `/containers/${encodeURIComponent(name)}`;
      const r = await api.request('DELETE', path, { query: { force: 1, v: 1 }, timeoutMs: 30_000 });
      if (ok(r.status)) done.containers.push(name);
      // 409 "removal already in progress": another ctr-learn (a second window, a test) is removing
      // it. Wait for that removal, so that what comes next (its network, "is it gone?") sees it gone.
      else if (r.status === 409 && /already in progress/i.test(r.body.toString()) && (await removedBySomeoneElse(api, path))) done.containers.push(name);
    }),
  );
  await Promise.all(
    plan.networks.map(async (name) => {
      const r = await api.request('DELETE', `/networks/${encodeURIComponent(name)}`);
      if (ok(r.status)) done.networks.push(name);
    }),
  );
  await Promise.all(
    plan.volumes.map(async (name) => {
      const r = await api.request('DELETE', `/volumes/${encodeURIComponent(name)}`, { query: { force: 1 } });
      if (ok(r.status)) done.volumes.push(name);
    }),
  );
  for (const ref of plan.images) {
    const img = await api.maybe<{ Id: string; RepoTags: string[] | null }>('GET', `/images/${encodeURIComponent(ref)}/json`);
    if (!img) continue;
    // An image that existed before the session only loses the tag the session added, never its data.
    const isRef = !ref.startsWith('sha256:');
    if (protectedImageIds.has(img.Id) && (!isRef || (img.RepoTags ?? []).length <= 1)) continue;
    // By ID only while it is still untagged: a tag made outside since the plan keeps it.
    if (!isRef && (img.RepoTags ?? []).some((t) => t !== '<none>:<none>')) continue;
    // As long as a container's removal: deleting layers on a busy engine takes seconds.
    const r = await api.request('DELETE', `/images/${encodeURIComponent(ref)}`, { query: { force: isRef ? 0 : 1, noprune: 0 }, timeoutMs: 30_000 });
    if (ok(r.status)) done.images.push(ref);
  }
  return done;
}

/** Wait (up to 30 s) for a removal that is already under way; true when the container is gone. */
async function removedBySomeoneElse(api: EngineApi, path: string): Promise<boolean> {
  const w = await api.request('POST', `${path}/wait`, { query: { condition: 'removed' }, timeoutMs: 30_000 }).catch(() => null);
  if (w && (w.status === 404 || w.status < 400)) return true;
  return (await api.maybe('GET', `${path}/json`)) === null;
}

export function isEmpty(r: Removal): boolean {
  return !r.containers.length && !r.networks.length && !r.volumes.length && !r.images.length;
}
