import { hostname } from 'node:os';
import type { EngineApi } from '../engine/api';
import { firstFileInTar } from '../engine/streams';
import type { LabFile } from './lab';
import { HELPER_LABEL, labelsFor } from './labels';

/** The image used to look inside volumes; `ctr-learn prepare` makes it. */
const HELPER_IMAGE = 'busybox:latest';

async function fromContainer(api: EngineApi, id: string, path: string): Promise<LabFile | null> {
  const r = await api.request('GET', `/containers/${id}/archive`, { query: { path } });
  if (r.status === 404) return null;
  if (r.status >= 400) throw new Error(r.body.toString('utf8'));
  const f = firstFileInTar(r.body);
  return f ? { content: f.content.toString('utf8'), type: f.type } : null;
}

/**
 * A file inside a container (by id), or inside a volume. A volume is read through a helper
 * container that is created but never started: the archive API reads its mounts all the same,
 * and no process runs.
 */
export async function readFile(
  api: EngineApi,
  where: { containerId: string } | { volume: string; lessonId: string; owner: string },
  path: string,
): Promise<LabFile | null> {
  if ('containerId' in where) return fromContainer(api, where.containerId, path);
  // Its own owner labels (this process), so that if we die mid-check the next start reaps it alone.
  const who = { id: `helper-${process.pid}`, pid: process.pid, host: hostname(), owner: where.owner };
  const labels = { ...labelsFor(who, where.lessonId), [HELPER_LABEL]: '1' };
  const { Id } = await api.json<{ Id: string }>('POST', '/containers/create', {
    body: { Image: HELPER_IMAGE, Cmd: ['true'], Labels: labels, HostConfig: { Binds: [`${where.volume}:/v:ro`] }, NetworkDisabled: true },
  });
  try {
    return await fromContainer(api, Id, `/v/${path.replace(/^\/+/, '')}`);
  } finally {
    await api.request('DELETE', `/containers/${Id}`, { query: { force: 1 } });
  }
}
