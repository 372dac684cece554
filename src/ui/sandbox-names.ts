import type { EngineApi } from '../engine/api';
import type { ContainerSummary, NetworkInspect, VolumeInspect } from '../engine/types';
import { filtersParam, LABEL } from '../sandbox/labels';
import type { CheatNames } from './cheat-fill';

/**
 * Names for the cheat sheet's blanks: the containers, networks and volumes of this sandbox
 * session (running containers first, then newest first), and the images on the engine (a
 * learner runs base images as often as their own).
 */
export async function sandboxNames(api: EngineApi, sessionId: string): Promise<CheatNames> {
  const filters = filtersParam({ label: [`${LABEL.session}=${sessionId}`] });
  const [containers, networks, volumes, images] = await Promise.all([
    api.json<(ContainerSummary & { Created: number })[]>('GET', '/containers/json', { query: { all: 1, filters } }),
    api.json<NetworkInspect[]>('GET', '/networks', { query: { filters } }),
    api.json<{ Volumes: VolumeInspect[] | null }>('GET', '/volumes', { query: { filters } }),
    api.json<{ RepoTags: string[] | null; Created: number }[]>('GET', '/images/json'),
  ]);
  const byRunningThenNew = (a: { State: string; Created: number }, b: { State: string; Created: number }) =>
    Number(b.State === 'running') - Number(a.State === 'running') || b.Created - a.Created;
  return {
    container: [...containers].sort(byRunningThenNew).map((c) => c.Names[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12)),
    network: networks.map((n) => n.Name),
    volume: (volumes.Volumes ?? []).map((v) => v.Name).filter((n) => !/^[0-9a-f]{64}$/.test(n)),
    image: [...images].sort((a, b) => b.Created - a.Created).flatMap((i) => (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>')),
  };
}
