import { join } from 'node:path';
import { EngineApi } from '../engine/api';
import { realpathSync, rmSync } from 'node:fs';
import { normalizeRef } from '../engine/objects';
import { pickLang } from '../i18n/lang';
import type { Lang } from '../lessons/schema';
import { ensureDir, runtimeDir, workspacesDir } from '../paths';
import { followSession } from './follow';
import type { KeptLab, Lab, LabReader } from './lab';
import { filtersParam, LABEL, newIdentity, scopeLabelFilter, sessionLabelFilter, type SessionIdentity } from './labels';
import { scopedReader } from './lookups';
import { startProxy, type Proxy, type ProxyLogEntry } from './proxy';
import { reapSessions, type ReapReport } from './reap';
import { isEmpty, planRemoval, removeObjects, type Removal, type RemovalPlan } from './remove';
import { claimRecord, deleteRecord, isAlive, isStale, KEEP_LAB_DAYS, lastUsed, readRecords, sessionsDir, type SessionRecord } from './session-file';
import { SandboxState } from './state';

export type { Removal, RemovalPlan, ProxyLogEntry, ReapReport, Lab, LabReader, KeptLab };
export { KEEP_LAB_DAYS };

/** A learner's lab for one session, made of a labelling proxy in front of a Docker engine. */
export interface Sandbox extends Lab {
  /** What the proxy knows of the session (ctr-learn's own bookkeeping; not for grading). */
  readonly state: SandboxState;
  readonly socketPath: string;
  /** What the previous start reaped of dead sessions. */
  readonly reaped: ReapReport;
}

/**
 * This learner's most recently used lab on this host whose process is gone (quit with the lab
 * kept, or crashed), used within KEEP_LAB_DAYS, claimed for this process. The session takes over
 * its session id: the objects' `ctr-learn.session` label then names this session, so every rule
 * of the proxy (ownership, binds, the session's containers) and every lookup covers them as they
 * are (labels cannot be changed on a container, network or volume).
 */
function adoptKeptLab(me: SessionIdentity): SessionRecord | null {
  const dir = sessionsDir();
  const candidates = readRecords(dir)
    // (This process's own kept lab too: the app closes and reopens its session to retry the engine.)
    .filter((r) => r.host === me.host && r.owner === me.owner && (!isAlive(r.pid) || (r.pid === me.pid && r.keptAt)) && !isStale(lastUsed(r)))
    .sort((a, b) => lastUsed(b) - lastUsed(a));
  for (const c of candidates) {
    const rec = claimRecord(c.id, dir);
    if (rec) return rec;
  }
  return null;
}

/**
 * The images that existed before this session, minus the adopted lab's own (what it built,
 * committed, tagged or pulled): those stay the lab's, removable by reset, not "existed before".
 */
async function withoutLabImages(api: EngineApi, snapshot: { ids: string[]; refs: string[] }, rec: SessionRecord): Promise<{ ids: string[]; refs: string[] }> {
  const labelled = await api.json<{ Id: string }[]>('GET', '/images/json', { query: { filters: filtersParam({ label: [sessionLabelFilter(rec.id)] }) } });
  const before = new Set(rec.preexistingImageIds);
  const labIds = new Set(labelled.map((i) => i.Id).filter((id) => !before.has(id)));
  const labRefs = new Set(Object.keys(rec.imageRefs));
  // What the lab named without a label (an import, a pull, a load): its refs' images are the lab's too.
  for (const ref of labRefs) {
    const img = await api.maybe<{ Id: string }>('GET', `/images/${encodeURIComponent(ref)}/json`).catch(() => null);
    if (img && !before.has(img.Id)) labIds.add(img.Id);
  }
  return { ids: snapshot.ids.filter((id) => !labIds.has(id)), refs: snapshot.refs.filter((r) => !labRefs.has(normalizeRef(r))) };
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
    /**
     * Take over this learner's most recently used kept (or crashed) lab on this host, if it was
     * used within KEEP_LAB_DAYS: its objects become this session's (the app and `ctr-learn shell`).
     */
    adopt?: boolean;
    /** The learner the lab belongs to (default: this ctr-learn home's; verify proves as others). */
    owner?: string;
    /**
     * What grading sees: this session's objects only (default; verify, whose attempts must not see
     * each other), or the lesson's objects in every live session of this learner (the app: a
     * `ctr-learn shell` opened beside it is part of the same lab).
     */
    grade?: 'session' | 'learner';
  },
): Promise<Sandbox> {
  const fresh = { ...newIdentity(), ...(opts.owner ? { owner: opts.owner } : {}) };
  const adopted = opts.adopt ? adoptKeptLab(fresh) : null;
  const identity: SessionIdentity = adopted ? { ...fresh, id: adopted.id } : fresh;
  const reaped =
    opts.reap === false
      ? { sessions: [], removed: { containers: [], networks: [], volumes: [], images: [] } }
      : await reapSessions(api, { exceptSession: identity.id });
  const socketPath = join(ensureDir(runtimeDir()), `${identity.id}.sock`);
  if (adopted?.socketPath) rmSync(adopted.socketPath, { force: true });
  const snapshot = await SandboxState.snapshotImages(api);
  const state = new SandboxState(identity, opts.lessonId, socketPath, adopted ? await withoutLabImages(api, snapshot, adopted) : snapshot, undefined, adopted);
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
  let kept: Promise<KeptLab> | null = null;
  const reader = (lessonId: string): LabReader => {
    const scope = { lessonId, owner: identity.owner, recordsDir: state.recordsDir, eventsSince: () => resetAt.get(lessonId) ?? 0 };
    const own = scopedReader(api, { ...scope, sessionId: identity.id });
    if (opts.grade !== 'learner') return Object.assign(own, { dockerHost });
    // The lesson's objects in every live session of this learner: what they did in `ctr-learn
    // shell` (the lessons send them there for -it) counts in the app as it does for `ctr-learn
    // check`. The session's own listing (the cheat sheet's names) stays this session's.
    const mine = scopedReader(api, scope);
    const lessonList = mine.list;
    return Object.assign(mine, { dockerHost, list: (of?: 'lesson' | 'session') => (of === 'session' ? own.list('session') : lessonList(of)) });
  };

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
    adoptedFrom: adopted ? { keptAt: adopted.keptAt ?? null, lastUsedAt: adopted.lastUsedAt ?? adopted.startedAt } : null,
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
    keep() {
      kept ??= (async () => {
        await proxy.close();
        doorApi.close();
        const everything = await reader(state.lessonId).list('session');
        const { plan: p } = await plan();
        state.keptAt = new Date().toISOString();
        state.persist();
        // The lessons the kept objects belong to (what `ctr-learn reset` is told): the learner may
        // quit in a lesson that made nothing, with another lesson's containers still up.
        const labelled = [...everything.containers, ...everything.networks, ...everything.volumes].map((o) => o.Labels?.[LABEL.lesson]);
        const tracked = [...state.imageRefs.values(), ...state.volumes.values()];
        const lessons = [...new Set([...labelled, ...tracked].filter((l): l is string => !!l))].sort();
        return {
          containers: everything.containers.length,
          running: everything.containers.filter((c) => c.State === 'running').length,
          networks: everything.networks.length,
          volumes: p.volumes.length,
          images: p.images.length,
          keepDays: KEEP_LAB_DAYS,
          lessonId: state.lessonId,
          lessons,
        };
      })();
      return kept;
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
