import { join } from 'node:path';
import { EngineApi } from '../engine/api';
import { realpathSync } from 'node:fs';
import { pickLang } from '../i18n/lang';
import type { Lang } from '../lessons/schema';
import { ensureDir, runtimeDir, workspacesDir } from '../paths';
import { followSession } from './follow';
import type { Lab, LabReader } from './lab';
import { newIdentity, scopeLabelFilter, sessionLabelFilter } from './labels';
import { scopedReader } from './lookups';
import { startProxy, type Proxy, type ProxyLogEntry } from './proxy';
import { reapSessions, type ReapReport } from './reap';
import { isEmpty, planRemoval, removeObjects, type Removal, type RemovalPlan } from './remove';
import { deleteRecord } from './session-file';
import { SandboxState } from './state';

export type { Removal, RemovalPlan, ProxyLogEntry, ReapReport, Lab, LabReader };

/** A learner's lab for one session, made of a labelling proxy in front of a Docker engine. */
export interface Sandbox extends Lab {
  /** What the proxy knows of the session (ctr-learn's own bookkeeping; not for grading). */
  readonly state: SandboxState;
  readonly socketPath: string;
  /** What the previous start reaped of dead sessions. */
  readonly reaped: ReapReport;
}

export async function openSandbox(
  api: EngineApi,
  opts: {
    lessonId: string;
    log?: (e: ProxyLogEntry) => void;
    reap?: boolean;
    /** The folder bind mounts may come from (default: the learner's lesson workspaces). */
    workspaceRoot?: string;
    /** The language of the sandbox's refusals, or how to read it as it changes (default: from the environment). */
    lang?: Lang | (() => Lang);
  },
): Promise<Sandbox> {
  const identity = newIdentity();
  const reaped = opts.reap === false ? { sessions: [], removed: { containers: [], networks: [], volumes: [], images: [] } } : await reapSessions(api);
  const socketPath = join(ensureDir(runtimeDir()), `${identity.id}.sock`);
  const state = new SandboxState(identity, opts.lessonId, socketPath, await SandboxState.snapshotImages(api));
  state.persist();
  const lang = opts.lang ?? pickLang({ flags: {} });
  // The door's own lookups (whose is this container?) are not the learner's calls and not
  // ctr-learn's grading: a client of its own keeps them out of the command log.
  const doorApi = new EngineApi(api.endpoint);
  const ctx = {
    api: doorApi,
    state,
    get lang(): Lang {
      return typeof lang === 'function' ? lang() : lang;
    },
    bindRoot: bindRootFor(api, opts.workspaceRoot),
  };
  const proxy: Proxy = await startProxy({ upstream: api.endpoint, ctx, socketPath, log: opts.log });
  const dockerHost = `unix://${socketPath}`;
  let ended: Promise<Removal> | null = null;
  // When each lesson was last reset: events from before belong to an attempt that is gone.
  const resetAt = new Map<string, number>();
  const reader = (lessonId: string) =>
    scopedReader(api, { lessonId, owner: identity.owner, sessionId: identity.id, recordsDir: state.recordsDir, eventsSince: () => resetAt.get(lessonId) ?? 0 });

  const plan = async (lessonId?: string) => {
    const tracked = state.tracked(lessonId);
    const labels = lessonId ? scopeLabelFilter({ lessonId, owner: identity.owner, sessionId: identity.id }) : [sessionLabelFilter(identity.id)];
    const p = await planRemoval(api, labels, tracked.imageRefs);
    p.volumes.push(...tracked.volumes);
    return { plan: p, tracked };
  };

  // The current lesson's lookups follow setLesson: each call reads state.lessonId afresh.
  const current = (): LabReader => reader(state.lessonId);
  return {
    state,
    socketPath,
    reaped,
    sessionId: identity.id,
    dockerHost,
    env: { DOCKER_HOST: dockerHost, DOCKER_CONTEXT: undefined, DOCKER_CLI_HINTS: 'false' },
    engine: api,
    get lessonId() {
      return state.lessonId;
    },
    container: (name) => current().container(name),
    outsideContainer: (name) => current().outsideContainer(name),
    removedContainers: (name) => current().removedContainers(name),
    network: (name) => current().network(name),
    volume: (name) => current().volume(name),
    image: (ref) => current().image(ref),
    list: (of) => current().list(of),
    readFile: (where, path) => current().readFile(where, path),
    isLabLabel: (key) => current().isLabLabel(key),
    forLesson: reader,
    setLesson(lessonId) {
      state.lessonId = lessonId;
      state.persist();
    },
    follow: (onLessons, signal) => followSession(api, identity.id, onLessons, signal),
    planReset: async (lessonId) => (await plan(lessonId ?? state.lessonId)).plan,
    async reset(lessonId) {
      const { plan: p, tracked } = await plan(lessonId ?? state.lessonId);
      const done = await removeObjects(api, p, state.preexistingImageIds);
      // After the removal: its own kill/destroy events belong to the attempt that is gone.
      resetAt.set(lessonId ?? state.lessonId, Date.now() / 1000);
      state.forget(tracked);
      return done;
    },
    end() {
      ended ??= (async () => {
        await proxy.close();
        doorApi.close();
        const { plan: p } = await plan();
        const done = isEmpty(p) ? p : await removeObjects(api, p, state.preexistingImageIds);
        deleteRecord(identity.id, state.recordsDir);
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
