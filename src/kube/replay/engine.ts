import { ApiError, type EngineApi } from '../../engine/api';
import { normalizeRef } from '../../engine/objects';
import { pack } from 'tar-stream';
import { firstFileInTar } from '../../engine/streams';

/** The Engine API calls the replay makes, all through the learner's sandbox door. */

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const onAbort = () => (clearTimeout(t), resolve());
    const t = setTimeout(() => (signal?.removeEventListener('abort', onAbort), resolve()), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export async function createContainer(api: EngineApi, name: string, body: Record<string, unknown>): Promise<string> {
  const { Id } = await api.json<{ Id: string }>('POST', '/containers/create', { query: { name }, body });
  return Id;
}

export async function start(api: EngineApi, id: string): Promise<void> {
  await api.json('POST', `/containers/${id}/start`);
}

export async function signal(api: EngineApi, id: string, sig: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  try {
    await api.json('POST', `/containers/${id}/kill`, { query: { signal: sig } });
  } catch (err) {
    // 409: it is not running any more (it exited as the signal was on its way).
    if (!(err instanceof ApiError && err.status === 409)) throw err;
  }
}

export interface ContainerState {
  Running: boolean;
  ExitCode: number;
  StartedAt: string;
  FinishedAt: string;
}

export async function state(api: EngineApi, id: string): Promise<ContainerState | null> {
  const c = await api.maybe<{ State: ContainerState }>('GET', `/containers/${id}/json`);
  return c?.State ?? null;
}

/** Remove a container by name or id, whatever state it is in (absent is fine). */
export async function removeContainer(api: EngineApi, nameOrId: string): Promise<void> {
  const r = await api.request('DELETE', `/containers/${encodeURIComponent(nameOrId)}`, { query: { force: 1, v: 1 } });
  if (r.status >= 400 && r.status !== 404) throw new ApiError(r.status, r.body.toString('utf8'), `DELETE /containers/${nameOrId}`);
}

export async function removeVolume(api: EngineApi, name: string): Promise<void> {
  await api.request('DELETE', `/volumes/${encodeURIComponent(name)}`, { query: { force: 1 } });
}

/**
 * Run a command in a container as a hook or probe does (the Engine API exec, detached, then polled):
 * its exit code, or null when it was still running at the timeout (a timed-out probe fails; the
 * kubelet does not stop the process either). `error` when it could not run at all.
 */
export async function execIn(api: EngineApi, id: string, cmd: string[], timeoutMs: number): Promise<{ code: number | null; error?: string }> {
  let execId: string;
  try {
    execId = (await api.json<{ Id: string }>('POST', `/containers/${id}/exec`, { body: { Cmd: cmd, AttachStdout: false, AttachStderr: false } })).Id;
    await api.json('POST', `/exec/${execId}/start`, { body: { Detach: true } });
  } catch (err) {
    if (err instanceof ApiError && err.status < 500) return { code: null, error: err.engineMessage };
    if (err instanceof ApiError) return { code: null, error: err.engineMessage };
    throw err;
  }
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const e = await api.json<{ Running: boolean; ExitCode: number | null }>('GET', `/exec/${execId}/json`);
    if (!e.Running && e.ExitCode !== null) return { code: e.ExitCode };
    if (performance.now() >= deadline) return { code: null };
    await sleep(Math.min(50, deadline - performance.now()));
  }
}

/** A file in a container (running or exited), or null if it is not there. */
export async function fileIn(api: EngineApi, id: string, path: string): Promise<string | null> {
  const r = await api.request('GET', `/containers/${id}/archive`, { query: { path } });
  if (r.status >= 400) return null;
  const f = firstFileInTar(r.body);
  return f ? f.content.toString('utf8') : null;
}

export async function imageExists(api: EngineApi, ref: string): Promise<boolean> {
  // Spelled plainly (the door refuses an encoded slash); a reference holds only [a-z0-9./:@_-].
  return (await api.maybe('GET', `/images/${normalizeRef(ref)}/json`)) !== null;
}

/** A reference's registry host is this machine (127.0.0.1:port, localhost:port): the lab's own registry. */
export function onLabRegistry(ref: string): boolean {
  const first = ref.split('/')[0];
  return ref.includes('/') && /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(first);
}

/**
 * Pull an image through the sandbox door, as the kubelet asks the engine to: the engine's answer
 * (the digest it reports, its last status line), or its error.
 */
export async function pullImage(api: EngineApi, ref: string): Promise<{ ok: boolean; digest?: string; status?: string; error?: string }> {
  const at = ref.indexOf('@');
  const colon = ref.lastIndexOf(':');
  const [fromImage, tag] = at >= 0 ? [ref.slice(0, at), ref.slice(at + 1)] : colon > ref.lastIndexOf('/') ? [ref.slice(0, colon), ref.slice(colon + 1)] : [ref, 'latest'];
  const r = await api.request('POST', '/images/create', { query: { fromImage, tag } });
  const text = r.body.toString('utf8');
  if (r.status >= 400) {
    let msg = text.trim();
    try {
      msg = (JSON.parse(text) as { message?: string }).message ?? msg;
    } catch {
      /* not JSON */
    }
    return { ok: false, error: msg };
  }
  let digest: string | undefined;
  let status: string | undefined;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let m: { status?: string; error?: string };
    try {
      m = JSON.parse(line) as typeof m;
    } catch {
      continue;
    }
    if (m.error) return { ok: false, error: m.error };
    if (m.status?.startsWith('Digest: ')) digest = m.status.slice(8);
    else if (m.status?.startsWith('Status: ')) status = m.status.slice(8);
  }
  return { ok: true, digest, status };
}

/** The image ID a container was created from, and the environment its process was given. */
export async function containerFacts(api: EngineApi, id: string): Promise<{ image: string; env: string[] } | null> {
  const c = await api.maybe<{ Image: string; Config: { Env: string[] | null } }>('GET', `/containers/${id}/json`);
  return c ? { image: c.Image, env: c.Config.Env ?? [] } : null;
}

export async function imageId(api: EngineApi, ref: string): Promise<string | null> {
  const i = await api.maybe<{ Id: string }>('GET', `/images/${normalizeRef(ref)}/json`);
  return i?.Id ?? null;
}

/** A container's IP on its network (the pause container's is the pod's IP). */
export async function ipOf(api: EngineApi, id: string): Promise<string> {
  const c = await api.maybe<{ NetworkSettings: { IPAddress?: string; Networks?: Record<string, { IPAddress?: string }> } }>('GET', `/containers/${id}/json`);
  const n = c?.NetworkSettings;
  return n?.IPAddress || Object.values(n?.Networks ?? {}).find((x) => x.IPAddress)?.IPAddress || '';
}

/** A tar of text files (path → content), for the archive API. */
export function tarOf(files: Record<string, string>): Promise<Buffer> {
  const p = pack();
  const dirs = new Set<string>();
  for (const [path, content] of Object.entries(files)) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      if (!dirs.has(d)) (dirs.add(d), p.entry({ name: d, type: 'directory', mode: 0o755 }));
    }
    p.entry({ name: path, mode: 0o644 }, content);
  }
  p.finalize();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    p.on('data', (c: unknown) => chunks.push(c as Buffer));
    p.on('end', () => resolve(Buffer.concat(chunks)));
    p.on('error', reject);
  });
}

/** Put files into a volume through a container that mounts it and never starts (the archive API). */
export async function fillVolume(api: EngineApi, helperName: string, volume: string, image: string, files: Record<string, string>): Promise<void> {
  await removeContainer(api, helperName);
  const id = await createContainer(api, helperName, { Image: image, Cmd: ['true'], HostConfig: { Mounts: [{ Type: 'volume', Source: volume, Target: '/v' }] } });
  try {
    const r = await api.request('PUT', `/containers/${id}/archive`, { query: { path: '/v' }, body: await tarOf(files) });
    if (r.status >= 400) throw new ApiError(r.status, r.body.toString('utf8'), 'PUT archive');
  } finally {
    await removeContainer(api, id);
  }
}

/** A file in a volume (read through a container that mounts it and never starts), or null. */
export async function fileInVolume(api: EngineApi, helperName: string, volume: string, image: string, path: string): Promise<string | null> {
  if (!(await api.maybe('GET', `/volumes/${encodeURIComponent(volume)}`))) return null;
  await removeContainer(api, helperName);
  const id = await createContainer(api, helperName, { Image: image, Cmd: ['true'], HostConfig: { Mounts: [{ Type: 'volume', Source: volume, Target: '/v', ReadOnly: true }] } });
  try {
    return await fileIn(api, id, `/v/${path.replace(/^\/+/, '')}`);
  } finally {
    await removeContainer(api, id);
  }
}
