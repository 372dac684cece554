import { ApiError, type EngineApi } from '../../engine/api';
import { normalizeRef } from '../../engine/objects';
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
