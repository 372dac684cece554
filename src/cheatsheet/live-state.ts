import type { EngineApi } from '../engine/api';
import type { ContainerSummary, NetworkInspect, VolumeInspect } from '../engine/types';
import type { LiveState } from './fill';

const BUILTIN_NETWORKS = new Set(['bridge', 'host', 'none']);

/**
 * What exists on the engine the learner's docker CLI talks to (their sandbox, when DOCKER_HOST
 * points at it), for filling placeholders. Null when the engine does not answer in time: the
 * cheat sheet works without an engine.
 */
export async function readLiveState(api: EngineApi, timeoutMs = 400): Promise<LiveState | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    return await Promise.race([read(api, timeoutMs), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function read(api: EngineApi, timeoutMs: number): Promise<LiveState | null> {
  // Unversioned paths: the engine answers in its own API version, and we skip the /_ping
  // round trip that api.json makes first (these list calls are the same in every version).
  const get = async <T>(path: string, query?: Record<string, string | number>): Promise<T> => {
    const r = await api.raw('GET', path, { query, timeoutMs });
    if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status}`);
    return JSON.parse(r.body.toString('utf8')) as T;
  };
  try {
    const [containers, networks, volumes] = await Promise.all([
      get<(ContainerSummary & { Created: number })[]>('/containers/json', { all: 1 }),
      get<NetworkInspect[]>('/networks'),
      get<{ Volumes: VolumeInspect[] | null }>('/volumes'),
    ]);
    return {
      containers: [...containers].sort((a, b) => b.Created - a.Created).map((c) => ({ name: c.Names[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12), running: c.State === 'running' })),
      networks: networks.map((n) => n.Name).filter((n) => !BUILTIN_NETWORKS.has(n)),
      volumes: (volumes.Volumes ?? []).map((v) => v.Name).filter((n) => !/^[0-9a-f]{64}$/.test(n)),
    };
  } catch {
    return null;
  }
}
