import type { EngineApi } from '../../engine/api';
import { containerFacts, createContainer, execIn, fileIn, fileInVolume, fillVolume, imageExists, ipOf, onLabRegistry, pullImage, removeContainer, removeVolume, signal, sleep, start, state } from './engine';
import type { ContainerPlan, Handler, PodPlan, ProbePlan, ReplayNote } from './plan';
import { probeFailureOf, type ProbeFailure } from './probe-failure';

/**
 * The container contract replayed on docker, the way the kubelet ran a pod on docker: a pause
 * container holds the pod's network namespace, each container joins it (so 127.0.0.1 is the pod),
 * hooks and probes fire with the manifest's handlers and timings, a failing liveness probe
 * restarts the container, deletion runs preStop, SIGTERM, and SIGKILL at the end of the grace
 * period. No controller is imitated: one pod, run once, removed afterwards.
 */

/** crash: run until a container that keeps exiting restarted (or ended for good under its restart policy). */
export type Scenario = 'start' | 'delete' | 'liveness' | 'crash';

export type ReplayEventKind =
  | 'pullNever'
  | 'pullMissing'
  | 'pullAlwaysLocal'
  | 'pullLocal'
  | 'pulled'
  | 'pullFailed'
  | 'pullBackOff'
  | 'configError'
  | 'initDone'
  | 'initFailed'
  | 'backOff'
  | 'ended'
  | 'started'
  | 'postStart'
  | 'postStartFailed'
  | 'probeOk'
  | 'probeFailed'
  | 'ready'
  | 'notReady'
  | 'livenessKill'
  | 'restarted'
  | 'exited'
  | 'delete'
  | 'preStop'
  | 'preStopOverran'
  | 'sigterm'
  | 'sigkill';

export interface ReplayEvent {
  /** Milliseconds since the pod started. */
  t: number;
  container?: string;
  kind: ReplayEventKind;
  /** probe: readiness/liveness/startup; exit codes; durations; reasons. */
  probe?: 'readiness' | 'liveness' | 'startup';
  code?: number;
  ms?: number;
  reason?: string;
  /** An httpGet/tcpSocket handler's failure as a kubelet reports it (refused, HTTP status, timeout), not wget's exit code. */
  failure?: ProbeFailure;
}

export interface ContainerOutcome {
  restarts: number;
  /** First time the container was ready (ms), if it was. */
  readyAt?: number;
  /** Its last run's exit code, if it ended. */
  exitCode?: number;
  killed: boolean;
  /** Every exit code, in order (each run that ended). */
  exitCodes: number[];
  /** The CrashLoopBackOff waits before each restart after an exit, in the kubelet's real seconds. */
  backOffs: number[];
  /** Pulls from the registry (each start under Always, or a missing image under IfNotPresent). */
  pulls: number;
  /** The image ID its last run was created from, and the environment its process got (engine facts). */
  imageId?: string;
  env?: string[];
  /** Files read from the container after it ended (the path → content, null: not there). */
  files: Record<string, string | null>;
}

export interface PullRecord {
  container: string;
  image: string;
  /** false: the local image was used, no pull. */
  pulled: boolean;
  digest?: string;
  status?: string;
}

export interface ReplayResult {
  object: string;
  scenario: Scenario;
  events: ReplayEvent[];
  containers: Record<string, ContainerOutcome>;
  /** The pull failed: nothing ran. */
  pullError?: { container: string; reason: 'ErrImageNeverPull' | 'ErrImagePull' | 'ImagePullBackOff'; image: string; message?: string; backOffs: number[] };
  /** Every image decision at a container's start, in order. */
  pulls: PullRecord[];
  /** A container could not be made: a missing ConfigMap/Secret or key (the kubelet keeps it Waiting). */
  startError?: { container: string; reason: 'CreateContainerConfigError' | 'FailedMount'; message: string };
  /** initContainers: their exit codes in order, and whether each completed. */
  init: { name: string; exitCodes: number[]; done: boolean }[];
  /** Files read from claimed volumes after the pod was gone (claim:path → content), and before it started. */
  claimFiles: Record<string, string | null>;
  claimFilesBefore?: Record<string, string | null>;
  /** Probe and back-off timings multiplied by this (1: as written) to fit the replay's window. */
  scale: number;
  /** The grace period used (s), and the manifest's when it was capped. */
  graceSeconds: number;
  graceCappedFrom?: number;
  /** When deletion began (ms), for the delete scenario. */
  deleteAt?: number;
  durationMs: number;
  notes: ReplayNote[];
}

export interface ReplayOptions {
  /** The base of the replay's container names (per learner): `<name>-pause`, `<name>-<container>`. */
  name: string;
  scenario: Scenario;
  /** How long the pod may run before the scenario's end (ms); the whole replay stays near 30 s. */
  windowMs?: number;
  /** liveness: end as soon as a container restarted this many times. */
  restarts?: number;
  /** Files to read from each container once it has ended. */
  readFiles?: string[];
  /** Files to read from claimed volumes after the pod is gone: `claim:path`. */
  readClaimFiles?: string[];
  /** The data of the ConfigMaps and Secrets in the workspace (Secret data decoded). */
  data?: { ConfigMap: Record<string, Record<string, string>>; Secret: Record<string, Record<string, string>> };
  /** The docker volume a PersistentVolumeClaim stands for (kept after the replay); undefined: the claim does not exist. */
  claimVolume?: (claim: string) => string | undefined;
  signal?: AbortSignal;
}

/** The kubelet's back-off for a crashing container or a failing pull: 10 s, doubling, at most 300 s. */
export const backOffSeconds = (n: number): number => Math.min(10 * 2 ** n, 300);
/** The longest a failing pull's retries run in a replay (ms): the back-off reaches its cap in it. */
export const PULL_WINDOW_MS = 6_000;

/** The longest a replay's pod runs before its scenario ends (ms). */
export const WINDOW_MS = 20_000;
/** The longest grace period the delete scenario waits (s). */
export const MAX_GRACE_SECONDS = 25;
/** The longest grace period a liveness kill waits (s): a restart must fit in the replay's window. */
export const MAX_RESTART_GRACE_SECONDS = 5;

interface Run {
  plan: ContainerPlan;
  id: string;
  name: string;
  ready: boolean;
  restarts: number;
  /** Bumped at each restart and at deletion: the loops of an older run stop. */
  gen: number;
  busy: boolean;
  exitCode?: number;
  killed: boolean;
  readyAt?: number;
  exitCodes: number[];
  backOffs: number[];
  pulls: number;
  /** Exited and will not be restarted (restart policy). */
  over: boolean;
}

const PAUSE_IMAGE = 'busybox:1.36';

/** Seconds the probes of a scenario would need as written, to see whether they must be scaled. */
function probeNeeds(plan: PodPlan, o: ReplayOptions): number {
  const need = (p: ProbePlan | undefined, rounds: number) => (p ? p.initialDelaySeconds + p.periodSeconds * rounds + p.timeoutSeconds : 0);
  let s = 0;
  // Two back-offs of a failing init container (10 s + 20 s) fit in the window.
  if (plan.initContainers.length) s = 32;
  for (const c of plan.containers) {
    s = Math.max(s, need(c.startup, c.startup?.failureThreshold ?? 0));
    const base = c.startup ? c.startup.initialDelaySeconds + c.startup.periodSeconds : 0;
    if (o.scenario === 'crash') {
      let b = 0;
      for (let i = 0; i < Math.max(1, o.restarts ?? 1); i++) b += backOffSeconds(i);
      s = Math.max(s, b + 2);
    } else if (o.scenario === 'liveness') s = Math.max(s, base + need(c.liveness, c.liveness?.failureThreshold ?? 0) * Math.max(1, o.restarts ?? 1));
    else s = Math.max(s, base + need(c.readiness, c.readiness?.successThreshold ?? 1));
  }
  return s;
}

/** A container's environment as the kubelet builds it (envFrom, then env, later names winning), or why it cannot be made. */
export function resolveEnv(c: ContainerPlan, plan: PodPlan, o: ReplayOptions, podIP: string): { env: string[] } | { error: string } {
  const out = new Map<string, string>();
  const source = (kind: 'ConfigMap' | 'Secret', name: string) => o.data?.[kind][name];
  for (const f of c.envFrom) {
    const src = source(f.from, f.ref);
    if (!src) {
      if (f.optional) continue;
      return { error: `${f.from.toLowerCase()} "${f.ref}" not found` };
    }
    for (const [k, v] of Object.entries(src)) out.set(f.prefix + k, v);
  }
  for (const e of c.env) {
    if ('value' in e) out.set(e.name, e.value);
    else if ('from' in e) {
      const src = source(e.from, e.ref);
      if (!src) {
        if (e.optional) continue;
        return { error: `${e.from.toLowerCase()} "${e.ref}" not found` };
      }
      if (!(e.key in src)) {
        if (e.optional) continue;
        return { error: `couldn't find key ${e.key} in ${e.from} ${plan.namespace}/${e.ref}` };
      }
      out.set(e.name, src[e.key]);
    } else if ('field' in e) {
      const v = e.field === 'metadata.name' ? plan.podName : e.field === 'metadata.namespace' ? plan.namespace : e.field === 'status.podIP' || e.field === 'status.podIPs' ? podIP : undefined;
      if (v !== undefined) out.set(e.name, v);
    }
  }
  return { env: [...out].map(([k, v]) => `${k}=${v}`) };
}

export async function replayPod(api: EngineApi, plan: PodPlan, o: ReplayOptions): Promise<ReplayResult> {
  const window = Math.min(o.windowMs ?? WINDOW_MS, 28_000);
  const needS = probeNeeds(plan, o);
  let scale = needS * 1000 > window ? Math.max(0.05, Math.floor((window / 1000 / needS) * 100) / 100) : 1;
  if (o.scenario === 'crash') {
    // The back-offs before the wanted restart, plus ~1.5 s a run (start, run, exit, remove) that is not scaled.
    const n = Math.max(1, o.restarts ?? 1);
    let b = 0;
    for (let i = 0; i < n; i++) b += backOffSeconds(i);
    scale = Math.min(scale, Math.max(0.02, Math.floor(((window - 1500 * n) / (b * 1000)) * 100) / 100));
  }
  const graceSeconds = Math.min(plan.terminationGracePeriodSeconds, MAX_GRACE_SECONDS);
  const result: ReplayResult = {
    object: plan.object,
    scenario: o.scenario,
    events: [],
    containers: {},
    scale,
    graceSeconds,
    graceCappedFrom: graceSeconds < plan.terminationGracePeriodSeconds && o.scenario === 'delete' ? plan.terminationGracePeriodSeconds : undefined,
    durationMs: 0,
    notes: [...plan.notes],
    pulls: [],
    init: [],
    claimFiles: {},
  };
  const began = performance.now();
  let t0 = began;
  const now = () => Math.round(performance.now() - t0);
  const ev = (e: Omit<ReplayEvent, 't'>) => result.events.push({ t: now(), ...e });
  const pauseName = `${o.name}-pause`;
  const helperName = `${o.name}-probe`;
  const nameOf = (c: ContainerPlan) => `${o.name}-${c.name}`;
  const fillName = `${o.name}-fill`;
  const volumeOf = (v: string) => {
    const vol = plan.volumes.find((x) => x.name === v);
    return vol?.kind === 'pvc' ? (o.claimVolume?.(vol.claim) ?? `${o.name}-${v}`) : `${o.name}-${v}`;
  };
  const done = new AbortController();
  o.signal?.addEventListener('abort', () => done.abort(), { once: true });
  const runs: Run[] = [];
  const tasks: Promise<void>[] = [];

  // A replay that died half-way (the process was killed) may have left its containers.
  const clear = async () => {
    for (const c of [...plan.initContainers, ...plan.containers]) await removeContainer(api, nameOf(c)).catch(() => undefined);
    await removeContainer(api, helperName).catch(() => undefined);
    await removeContainer(api, fillName).catch(() => undefined);
    await removeContainer(api, pauseName).catch(() => undefined);
    // A claim's volume outlives the pod (that is what a PersistentVolumeClaim is for); the others go with it.
    for (const v of plan.volumes) if (v.kind !== 'pvc') await removeVolume(api, volumeOf(v.name)).catch(() => undefined);
  };

  const pullScale = Math.max(0.005, Math.floor((Math.min(window, PULL_WINDOW_MS) / 610_000) * 10_000) / 10_000);
  /**
   * The image step of one container start, per imagePullPolicy. Against the lab's own registry
   * (127.0.0.1:port) the pull is real; a failing one is retried with the kubelet's back-off until
   * the back-off reaches its cap. Any other registry is out of reach: the local image stands for it.
   */
  const ensureImage = async (c: ContainerPlan, first: boolean, r?: Run): Promise<boolean> => {
    const local = await imageExists(api, c.image);
    const lab = onLabRegistry(c.image);
    if (c.pullPolicy === 'Never' || (!lab && !local)) {
      if (local) return true;
      const never = c.pullPolicy === 'Never';
      ev({ kind: never ? 'pullNever' : 'pullMissing', container: c.name, reason: c.image });
      result.pullError = { container: c.name, reason: never ? 'ErrImageNeverPull' : 'ErrImagePull', image: c.image, backOffs: [] };
      return false;
    }
    if (c.pullPolicy === 'IfNotPresent' && local) {
      result.pulls.push({ container: c.name, image: c.image, pulled: false });
      if (first) ev({ kind: 'pullLocal', container: c.name, reason: c.image });
      return true;
    }
    if (!lab) {
      result.pulls.push({ container: c.name, image: c.image, pulled: false });
      if (first) ev({ kind: 'pullAlwaysLocal', container: c.name, reason: c.image });
      return true;
    }
    const backOffs: number[] = [];
    for (let n = 0; ; n++) {
      const p = await pullImage(api, c.image);
      if (p.ok) {
        result.pulls.push({ container: c.name, image: c.image, pulled: true, digest: p.digest, status: p.status });
        if (r) r.pulls++;
        ev({ kind: 'pulled', container: c.name, reason: `${c.image}${p.digest ? `, ${p.digest.slice(0, 19)}…` : ''}${p.status ? `: ${p.status}` : ''}` });
        return true;
      }
      ev({ kind: 'pullFailed', container: c.name, reason: p.error ?? '' });
      const last = backOffs.at(-1);
      if (last === 300 || done.signal.aborted) {
        result.pullError = { container: c.name, reason: n > 0 ? 'ImagePullBackOff' : 'ErrImagePull', image: c.image, message: p.error, backOffs };
        return false;
      }
      const wait = backOffSeconds(n);
      backOffs.push(wait);
      ev({ kind: 'pullBackOff', container: c.name, code: wait, ms: Math.round(wait * 1000 * pullScale) });
      await sleep(wait * 1000 * pullScale, done.signal);
    }
  };

  const readClaims = async (): Promise<Record<string, string | null>> => {
    const out: Record<string, string | null> = {};
    for (const f of o.readClaimFiles ?? []) {
      const [claim, ...rest] = f.split(':');
      const vol = o.claimVolume?.(claim);
      out[f] = vol ? await fileInVolume(api, fillName, vol, PAUSE_IMAGE, rest.join(':')).catch(() => null) : null;
    }
    return out;
  };

  try {
    await clear();
    // What the claims held before this pod: a claim keeps an earlier pod's files too.
    if (o.readClaimFiles?.length) result.claimFilesBefore = await readClaims();
    // The kubelet's image step for every container, at once: a pull that keeps failing blocks the pod.
    for (const c of [...plan.initContainers, ...plan.containers]) if (!(await ensureImage(c, true))) return result;

    // Volumes: emptyDir empty, a ConfigMap's or Secret's keys as files, a claim's named volume (made once, kept).
    for (const v of plan.volumes) {
      if (v.kind === 'pvc') {
        if (!o.claimVolume?.(v.claim)) {
          result.startError = { container: plan.containers[0]?.name ?? '', reason: 'FailedMount', message: `persistentvolumeclaim "${v.claim}" not found` };
          ev({ kind: 'configError', container: plan.containers[0]?.name, reason: `FailedMount: ${result.startError.message}` });
          return result;
        }
        await api.json('POST', '/volumes/create', { body: { Name: volumeOf(v.name) } });
        continue;
      }
      if (v.kind !== 'emptyDir') {
        const src = o.data?.[v.kind][v.ref];
        if (!src && !v.optional) {
          result.startError = { container: plan.containers[0]?.name ?? '', reason: 'FailedMount', message: `${v.kind.toLowerCase()} "${v.ref}" not found` };
          ev({ kind: 'configError', container: plan.containers[0]?.name, reason: `FailedMount: ${result.startError.message}` });
          return result;
        }
        const files: Record<string, string> = {};
        for (const it of v.items ?? Object.keys(src ?? {}).map((k) => ({ key: k, path: k }))) {
          if (src && it.key in src) files[it.path] = src[it.key];
          else if (!v.optional) {
            result.startError = { container: plan.containers[0]?.name ?? '', reason: 'FailedMount', message: `configuration key "${it.key}" not found in ${v.kind} ${plan.namespace}/${v.ref}` };
            ev({ kind: 'configError', container: plan.containers[0]?.name, reason: `FailedMount: ${result.startError.message}` });
            return result;
          }
        }
        await api.json('POST', '/volumes/create', { body: { Name: volumeOf(v.name) } });
        if (Object.keys(files).length) await fillVolume(api, fillName, volumeOf(v.name), PAUSE_IMAGE, files);
        continue;
      }
      await api.json('POST', '/volumes/create', { body: { Name: volumeOf(v.name) } });
    }
    const pauseId = await createContainer(api, pauseName, { Image: PAUSE_IMAGE, Cmd: ['sleep', '3600'], HostConfig: { Init: true } });
    await start(api, pauseId);
    const ns = `container:${pauseId}`;
    const podIP = await ipOf(api, pauseId);
    // Each container's environment as the kubelet builds it: envFrom first, then env (which wins).
    const envs = new Map<string, string[]>();
    for (const c of [...plan.initContainers, ...plan.containers]) {
      const e = resolveEnv(c, plan, o, podIP);
      if ('error' in e) {
        result.startError = { container: c.name, reason: 'CreateContainerConfigError', message: e.error };
        ev({ kind: 'configError', container: c.name, reason: `CreateContainerConfigError: ${e.error}` });
        return result;
      }
      envs.set(c.name, e.env);
    }
    const needsHelper = plan.containers.some((c) => [c.readiness, c.liveness, c.startup].some((p) => p && (p.handler.kind === 'httpGet' || p.handler.kind === 'tcpSocket')) || [c.postStart, c.preStop].some((h) => h && (h.kind === 'httpGet' || h.kind === 'tcpSocket')));
    let helperId = '';
    if (needsHelper) {
      // A busybox in the pod's network namespace: httpGet and tcpSocket reach the pod's 127.0.0.1 from it.
      helperId = await createContainer(api, helperName, { Image: PAUSE_IMAGE, Cmd: ['sleep', '3600'], HostConfig: { NetworkMode: ns, Init: true } });
      await start(api, helperId);
    }

    const body = (c: ContainerPlan) => ({
      Image: c.image,
      ...(c.command ? { Entrypoint: c.command } : {}),
      ...(c.args ? { Cmd: c.args } : {}),
      Env: envs.get(c.name) ?? [],
      HostConfig: {
        NetworkMode: ns,
        Mounts: c.mounts.map((m) => ({ Type: 'volume', Source: volumeOf(m.volume), Target: m.path, ReadOnly: m.readOnly })),
      },
    });

    /**
     * One handler run, as a hook or a probe: ok, and why not. httpGet and tcpSocket run wget/nc in
     * the helper; their exit code says only "failed", so their stderr goes to a file of the helper,
     * read after a failure to tell a refused connection from an HTTP status (the kubelet's words).
     */
    let handlerRuns = 0;
    const runHandler = async (h: Handler, r: Run, timeoutMs: number): Promise<{ ok: boolean; code?: number; reason?: string; failure?: ProbeFailure }> => {
      const secs = Math.max(1, Math.ceil(timeoutMs / 1000));
      let res: { code: number | null; error?: string };
      const errFile = `/tmp/handler-${++handlerRuns}.err`;
      switch (h.kind) {
        case 'exec':
          res = await execIn(api, r.id, h.command, timeoutMs);
          break;
        case 'httpGet':
          // The URL and the file as arguments, never spliced into the script: the path is the learner's text.
          res = await execIn(api, helperId, ['sh', '-c', 'wget -q -O /dev/null "$1" 2>"$2"', 'probe', `http://127.0.0.1:${h.port}${h.path}`, errFile], timeoutMs + 500);
          break;
        case 'tcpSocket':
          res = await execIn(api, helperId, ['sh', '-c', `nc -w ${secs} 127.0.0.1 "$1" </dev/null 2>"$2"`, 'probe', String(h.port), errFile], timeoutMs + 500);
          break;
        case 'sleep':
          await sleep(Math.min(h.seconds * 1000, timeoutMs), done.signal);
          return { ok: true, code: 0 };
        case 'unsupported':
          return { ok: false, reason: h.what };
      }
      if (res.error) return { ok: false, reason: res.error };
      if (res.code === null) return { ok: false, reason: 'timeout', failure: h.kind === 'httpGet' || h.kind === 'tcpSocket' ? { kind: 'timeout' } : undefined };
      if (res.code !== 0 && (h.kind === 'httpGet' || h.kind === 'tcpSocket')) {
        const failure = probeFailureOf(h.port, await fileIn(api, helperId, errFile).catch(() => null)) ?? undefined;
        return { ok: false, code: res.code, failure };
      }
      return { ok: res.code === 0, code: res.code };
    };

    const alive = (r: Run, gen: number) => !done.signal.aborted && r.gen === gen;

    /** The kubelet's termination of one container: preStop, SIGTERM, SIGKILL at the end of the grace period (counted from the start). */
    const terminate = async (r: Run, grace = graceSeconds) => {
      const began = performance.now();
      const graceMs = grace * 1000;
      if (r.plan.preStop) {
        const h = await runHandler(r.plan.preStop, r, graceMs);
        const ms = Math.round(performance.now() - began);
        if (h.reason === 'timeout') ev({ kind: 'preStopOverran', container: r.plan.name, ms });
        else ev({ kind: 'preStop', container: r.plan.name, ms, code: h.code, reason: h.ok ? undefined : h.reason });
      }
      // A preStop that used the whole grace period gets a one-off 2 s more for the app (as the kubelet does).
      const left = Math.max(graceMs - (performance.now() - began), 2000);
      ev({ kind: 'sigterm', container: r.plan.name });
      await signal(api, r.id, 'SIGTERM');
      const deadline = performance.now() + left;
      for (;;) {
        const s = await state(api, r.id);
        if (!s || !s.Running) {
          r.exitCode = s?.ExitCode;
          if (s) r.exitCodes.push(s.ExitCode);
          ev({ kind: 'exited', container: r.plan.name, code: s?.ExitCode });
          return;
        }
        if (performance.now() >= deadline) break;
        await sleep(Math.min(100, deadline - performance.now()));
      }
      ev({ kind: 'sigkill', container: r.plan.name });
      r.killed = true;
      await signal(api, r.id, 'SIGKILL');
      for (let i = 0; i < 100; i++) {
        const s = await state(api, r.id);
        if (!s || !s.Running) {
          r.exitCode = s?.ExitCode;
          if (s) r.exitCodes.push(s.ExitCode);
          ev({ kind: 'exited', container: r.plan.name, code: s?.ExitCode });
          return;
        }
        await sleep(50);
      }
    };

    const startRun = async (r: Run) => {
      await start(api, r.id);
      r.exitCode = undefined;
      r.killed = false;
      ev({ kind: 'started', container: r.plan.name });
      const gen = r.gen;
      if (r.plan.postStart) {
        // The kubelet holds the container in "waiting" until postStart returns: no probe runs before.
        const t = performance.now();
        const h = await runHandler(r.plan.postStart, r, window);
        const ms = Math.round(performance.now() - t);
        if (!h.ok) {
          ev({ kind: 'postStartFailed', container: r.plan.name, ms, code: h.code, reason: h.reason, failure: h.failure });
          tasks.push(restart(r, gen));
          return;
        }
        ev({ kind: 'postStart', container: r.plan.name, ms });
      }
      tasks.push(probes(r, gen));
    };

    const restart = async (r: Run, gen: number) => {
      if (!alive(r, gen)) return;
      r.gen++;
      r.busy = true;
      r.ready = false;
      const grace = Math.min(plan.terminationGracePeriodSeconds, MAX_RESTART_GRACE_SECONDS);
      if (grace < plan.terminationGracePeriodSeconds && !result.notes.some((n) => n.key === 'noteLivenessGrace')) {
        result.notes.push({ key: 'noteLivenessGrace', from: plan.terminationGracePeriodSeconds, to: grace });
      }
      await terminate(r, grace);
      if (done.signal.aborted) return;
      await recreate(r);
    };

    /** The kubelet's restart: a new container (the old one's files are gone, a volume's are not), pulled again under Always. */
    const recreate = async (r: Run) => {
      await removeContainer(api, r.id);
      if (r.plan.pullPolicy === 'Always' && !(await ensureImage(r.plan, false, r))) return;
      r.id = await createContainer(api, r.name, body(r.plan));
      r.restarts++;
      ev({ kind: 'restarted', container: r.plan.name, code: r.restarts });
      r.busy = false;
      await startRun(r);
    };

    const probeLoop = async (r: Run, gen: number, which: 'readiness' | 'liveness' | 'startup', p: ProbePlan): Promise<boolean> => {
      await sleep(p.initialDelaySeconds * 1000 * scale, done.signal);
      let fails = 0;
      let oks = 0;
      while (alive(r, gen)) {
        const h = await runHandler(p.handler, r, p.timeoutSeconds * 1000);
        if (!alive(r, gen)) return false;
        if (h.ok) {
          fails = 0;
          oks++;
          ev({ kind: 'probeOk', container: r.plan.name, probe: which });
          if (which === 'startup') return true;
          if (which === 'readiness' && !r.ready && oks >= p.successThreshold) {
            r.ready = true;
            r.readyAt ??= now();
            ev({ kind: 'ready', container: r.plan.name });
          }
        } else {
          oks = 0;
          fails++;
          ev({ kind: 'probeFailed', container: r.plan.name, probe: which, code: h.code, reason: h.reason, failure: h.failure });
          if (which === 'readiness' && r.ready && fails >= p.failureThreshold) {
            r.ready = false;
            ev({ kind: 'notReady', container: r.plan.name });
          }
          if (which !== 'readiness' && fails >= p.failureThreshold) {
            ev({ kind: 'livenessKill', container: r.plan.name, probe: which, code: fails });
            await restart(r, gen);
            return false;
          }
        }
        await sleep(p.periodSeconds * 1000 * scale, done.signal);
      }
      return false;
    };

    // A grpc probe is not replayed (the note says so): it is left out, not failed, so it neither restarts nor holds back.
    const replayed = (p?: ProbePlan) => (p && !(p.handler.kind === 'unsupported' && p.handler.what === 'grpc') ? p : undefined);
    const probes = async (r: Run, gen: number) => {
      const startup = replayed(r.plan.startup);
      const readiness = replayed(r.plan.readiness);
      const liveness = replayed(r.plan.liveness);
      if (startup && !(await probeLoop(r, gen, 'startup', startup))) return;
      if (!readiness && alive(r, gen)) {
        r.ready = true;
        r.readyAt ??= now();
        ev({ kind: 'ready', container: r.plan.name });
      }
      await Promise.all([
        readiness ? probeLoop(r, gen, 'readiness', readiness) : null,
        liveness ? probeLoop(r, gen, 'liveness', liveness) : null,
      ]);
    };

    // A container that ends by itself is restarted by the restart policy (after a back-off).
    const watch = async () => {
      while (!done.signal.aborted) {
        for (const r of runs) {
          if (r.busy || r.exitCode !== undefined) continue;
          const s = await state(api, r.id);
          if (!s || s.Running || done.signal.aborted || r.busy) continue;
          r.exitCode = s.ExitCode;
          r.exitCodes.push(s.ExitCode);
          r.ready = false;
          ev({ kind: 'exited', container: r.plan.name, code: s.ExitCode });
          if (plan.restartPolicy === 'Always' || (plan.restartPolicy === 'OnFailure' && s.ExitCode !== 0)) {
            r.gen++;
            r.busy = true;
            // CrashLoopBackOff: 10 s before the first restart, doubling each time, at most 300 s.
            const wait = backOffSeconds(r.backOffs.length);
            r.backOffs.push(wait);
            ev({ kind: 'backOff', container: r.plan.name, code: wait, ms: Math.round(wait * 1000 * scale) });
            void (async () => {
              await sleep(wait * 1000 * scale, done.signal);
              if (done.signal.aborted) return;
              await recreate(r);
            })().catch(() => undefined);
          } else {
            r.over = true;
            ev({ kind: 'ended', container: r.plan.name, reason: plan.restartPolicy });
          }
        }
        await sleep(200, done.signal);
      }
    };

    // initContainers: one after the other, each to completion, before any app container is made.
    t0 = performance.now();
    const initDeadline = performance.now() + window;
    for (const ic of plan.initContainers) {
      const rec = { name: ic.name, exitCodes: [] as number[], done: false };
      result.init.push(rec);
      const name = nameOf(ic);
      for (let n = 0; ; n++) {
        if (n > 0 && ic.pullPolicy === 'Always' && !(await ensureImage(ic, false))) return result;
        await removeContainer(api, name);
        const id = await createContainer(api, name, body(ic));
        await start(api, id);
        ev({ kind: 'started', container: ic.name });
        let s = await state(api, id);
        while (s?.Running && performance.now() < initDeadline && !done.signal.aborted) {
          await sleep(100, done.signal);
          s = await state(api, id);
        }
        await removeContainer(api, id);
        if (!s || s.Running) {
          ev({ kind: 'initFailed', container: ic.name, reason: 'running' });
          return result;
        }
        rec.exitCodes.push(s.ExitCode);
        ev({ kind: 'exited', container: ic.name, code: s.ExitCode });
        if (s.ExitCode === 0) {
          rec.done = true;
          ev({ kind: 'initDone', container: ic.name });
          break;
        }
        if (plan.restartPolicy === 'Never') {
          ev({ kind: 'initFailed', container: ic.name, reason: 'Never' });
          return result;
        }
        const wait = backOffSeconds(n);
        if (performance.now() + wait * 1000 * scale > initDeadline) {
          ev({ kind: 'initFailed', container: ic.name, reason: 'window' });
          return result;
        }
        ev({ kind: 'backOff', container: ic.name, code: wait, ms: Math.round(wait * 1000 * scale) });
        await sleep(wait * 1000 * scale, done.signal);
      }
    }

    for (const c of plan.containers) {
      const name = nameOf(c);
      runs.push({ plan: c, name, id: await createContainer(api, name, body(c)), ready: false, restarts: 0, gen: 0, busy: false, killed: false, exitCodes: [], backOffs: [], pulls: result.pulls.filter((p) => p.container === c.name && p.pulled).length, over: false });
    }
    if (!plan.initContainers.length) t0 = performance.now();
    // The kubelet starts a pod's containers in order, each after the previous one's postStart.
    for (const r of runs) await startRun(r);
    const watcher = watch();

    const ended = () =>
      o.scenario === 'liveness'
        ? runs.some((r) => r.restarts >= (o.restarts ?? 1))
        : o.scenario === 'crash'
          ? runs.some((r) => r.restarts >= (o.restarts ?? 1)) || runs.every((r) => r.over)
          : runs.every((r) => r.ready);
    const deadline = performance.now() + window;
    while (!ended() && performance.now() < deadline && !done.signal.aborted) await sleep(100, done.signal);

    if (o.scenario === 'delete') {
      result.deleteAt = now();
      ev({ kind: 'delete' });
      for (const r of runs) {
        r.gen++;
        r.busy = true;
      }
      await Promise.all(runs.map((r) => terminate(r)));
    }
    done.abort();
    await watcher;
    await Promise.allSettled(tasks);
    for (const r of runs) {
      const files: Record<string, string | null> = {};
      for (const f of o.readFiles ?? []) files[f] = await fileIn(api, r.id, f);
      const facts = await containerFacts(api, r.id);
      result.containers[r.plan.name] = {
        restarts: r.restarts,
        readyAt: r.readyAt,
        exitCode: r.exitCode,
        killed: r.killed,
        exitCodes: r.exitCodes,
        backOffs: r.backOffs,
        pulls: r.pulls,
        imageId: facts?.image,
        env: facts?.env,
        files,
      };
    }
    return result;
  } finally {
    done.abort();
    await clear();
    // The claims' volumes are still there, the pod is gone: what did it leave in them?
    result.claimFiles = await readClaims();
    result.durationMs = Math.round(performance.now() - began);
  }
}
