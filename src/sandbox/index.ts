import { join } from 'node:path';
import type { EngineApi } from '../engine/api';
import { realpathSync } from 'node:fs';
import { pickLang } from '../i18n/lang';
import type { Lang } from '../lessons/schema';
import { ensureDir, runtimeDir, workspacesDir } from '../paths';
import { newIdentity, scopeLabelFilter, sessionLabelFilter, type Scope } from './labels';
import { startProxy, type Proxy, type ProxyLogEntry } from './proxy';
import { reapSessions, type ReapReport } from './reap';
import { isEmpty, planRemoval, removeObjects, type Removal, type RemovalPlan } from './remove';
import { deleteRecord } from './session-file';
import { SandboxState } from './state';

export type { Removal, RemovalPlan, ProxyLogEntry, ReapReport };

/** A learner's sandbox for one session: a labelling proxy in front of the engine. */
export interface Sandbox {
  readonly state: SandboxState;
  readonly socketPath: string;
  /** DOCKER_HOST value that points a docker CLI at the sandbox. */
  readonly dockerHost: string;
  /** Environment for a docker CLI inside the sandbox. */
  readonly env: Record<string, string | undefined>;
  /** What the previous start reaped of dead sessions. */
  readonly reaped: ReapReport;
  setLesson(lessonId: string): void;
  /** Which objects checks look at: this session's, for the given (or current) lesson. */
  scope(lessonId?: string): Scope;
  planReset(lessonId?: string): Promise<RemovalPlan>;
  /** Remove this session's objects of one lesson (default: the current one). */
  reset(lessonId?: string): Promise<Removal>;
  /** Stop the proxy and remove everything this session created. */
  end(): Promise<Removal>;
}

export async function openSandbox(
  api: EngineApi,
  opts: {
    lessonId: string;
    log?: (e: ProxyLogEntry) => void;
    reap?: boolean;
    /** The folder bind mounts may come from (default: the learner's lesson workspaces). */
    workspaceRoot?: string;
    /** The language of the sandbox's refusals (default: from the environment). */
    lang?: Lang;
  },
): Promise<Sandbox> {
  const identity = newIdentity();
  const reaped = opts.reap === false ? { sessions: [], removed: { containers: [], networks: [], volumes: [], images: [] } } : await reapSessions(api);
  const socketPath = join(ensureDir(runtimeDir()), `${identity.id}.sock`);
  const state = new SandboxState(identity, opts.lessonId, socketPath, await SandboxState.snapshotImages(api));
  state.persist();
  const ctx = { api, state, lang: opts.lang ?? pickLang({ flags: {} }), bindRoot: bindRootFor(api, opts.workspaceRoot) };
  const proxy: Proxy = await startProxy({ upstream: api.endpoint, ctx, socketPath, log: opts.log });
  const dockerHost = `unix://${socketPath}`;
  let ended: Promise<Removal> | null = null;

  const plan = async (lessonId?: string) => {
    const tracked = state.tracked(lessonId);
    const labels = lessonId ? scopeLabelFilter({ lessonId, sessionId: identity.id }) : [sessionLabelFilter(identity.id)];
    const p = await planRemoval(api, labels, tracked.imageRefs);
    p.volumes.push(...tracked.volumes);
    return { plan: p, tracked };
  };

  return {
    state,
    socketPath,
    dockerHost,
    env: { DOCKER_HOST: dockerHost, DOCKER_CONTEXT: undefined, DOCKER_CLI_HINTS: 'false' },
    reaped,
    setLesson(lessonId) {
      state.lessonId = lessonId;
      state.persist();
    },
    scope: (lessonId) => ({ lessonId: lessonId ?? state.lessonId, sessionId: identity.id }),
    planReset: async (lessonId) => (await plan(lessonId ?? state.lessonId)).plan,
    async reset(lessonId) {
      const { plan: p, tracked } = await plan(lessonId ?? state.lessonId);
      const done = await removeObjects(api, p, state.preexistingImageIds);
      state.forget(tracked);
      return done;
    },
    end() {
      ended ??= (async () => {
        await proxy.close();
        const { plan: p } = await plan();
        const done = isEmpty(p) ? p : await removeObjects(api, p, state.preexistingImageIds);
        deleteRecord(identity.id);
        return done;
      })();
      return ended;
    },
  };
}

/**
 * Bind mounts may come only from the lesson workspaces, and only when the engine runs on this
 * machine (a unix socket): a remote engine would read its own disk, not the learner's.
 */
function bindRootFor(api: EngineApi, root = workspacesDir()): string | null {
  if (!api.endpoint.socketPath) return null;
  try {
    return realpathSync(ensureDir(root, 0o755));
  } catch {
    return null;
  }
}
