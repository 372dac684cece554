import type { EngineApi } from '../../engine/api';
import { createContainer, execIn, fileIn, imageExists, removeContainer, removeVolume, signal, sleep, start, state } from './engine';
import type { ContainerPlan, Handler, PodPlan, ProbePlan, ReplayNote } from './plan';

/**
 * The container contract replayed on docker, the way the kubelet ran a pod on docker: a pause
 * container holds the pod's network namespace, each container joins it (so 127.0.0.1 is the pod),
 * hooks and probes fire with the manifest's handlers and timings, a failing liveness probe
 * restarts the container, deletion runs preStop, SIGTERM, and SIGKILL at the end of the grace
 * period. No controller is imitated: one pod, run once, removed afterwards.
 */

export type Scenario = 'start' | 'delete' | 'liveness';

export type ReplayEventKind =
  | 'pullNever'
  | 'pullMissing'
  | 'pullAlwaysLocal'
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
}

export interface ContainerOutcome {
  restarts: number;
  /** First time the container was ready (ms), if it was. */
  readyAt?: number;
  /** Its last run's exit code, if it ended. */
  exitCode?: number;
  killed: boolean;
  /** Files read from the container after it ended (the path → content, null: not there). */
  files: Record<string, string | null>;
}

export interface ReplayResult {
  object: string;
  scenario: Scenario;
  events: ReplayEvent[];
  containers: Record<string, ContainerOutcome>;
  /** The pull failed: nothing ran. */
  pullError?: { container: string; reason: 'ErrImageNeverPull' | 'ErrImagePull'; image: string };
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
  signal?: AbortSignal;
}

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
}

const PAUSE_IMAGE = 'busybox:1.36';

/** Seconds the probes of a scenario would need as written, to see whether they must be scaled. */
function probeNeeds(plan: PodPlan, o: ReplayOptions): number {
  const need = (p: ProbePlan | undefined, rounds: number) => (p ? p.initialDelaySeconds + p.periodSeconds * rounds + p.timeoutSeconds : 0);
  let s = 0;
  for (const c of plan.containers) {
    s = Math.max(s, need(c.startup, c.startup?.failureThreshold ?? 0));
    const base = c.startup ? c.startup.initialDelaySeconds + c.startup.periodSeconds : 0;
    if (o.scenario === 'liveness') s = Math.max(s, base + need(c.liveness, c.liveness?.failureThreshold ?? 0) * Math.max(1, o.restarts ?? 1));
    else s = Math.max(s, base + need(c.readiness, c.readiness?.successThreshold ?? 1));
  }
  return s;
}

export async function replayPod(api: EngineApi, plan: PodPlan, o: ReplayOptions): Promise<ReplayResult> {
  const window = Math.min(o.windowMs ?? WINDOW_MS, 28_000);
  const needS = probeNeeds(plan, o);
  const scale = needS * 1000 > window ? Math.max(0.05, Math.floor((window / 1000 / needS) * 100) / 100) : 1;
  const graceSeconds = Math.min(plan.terminationGracePeriodSeconds, MAX_GRACE_SECONDS);
  const result: ReplayResult = {
    object: plan.object,
    scenario: o.scenario,
    events: [],
    containers: {},
    scale,
    graceSeconds,
    graceCappedFrom: graceSeconds < plan.terminationGracePeriodSeconds && o.scenario !== 'start' ? plan.terminationGracePeriodSeconds : undefined,
    durationMs: 0,
    notes: [...plan.notes],
  };
  const began = performance.now();
  let t0 = began;
  const now = () => Math.round(performance.now() - t0);
  const ev = (e: Omit<ReplayEvent, 't'>) => result.events.push({ t: now(), ...e });
  const pauseName = `${o.name}-pause`;
  const helperName = `${o.name}-probe`;
  const nameOf = (c: ContainerPlan) => `${o.name}-${c.name}`;
  const volumeOf = (v: string) => `${o.name}-${v}`;
  const done = new AbortController();
  o.signal?.addEventListener('abort', () => done.abort(), { once: true });
  const runs: Run[] = [];
  const tasks: Promise<void>[] = [];

  // A replay that died half-way (the process was killed) may have left its containers.
  const clear = async () => {
    for (const c of plan.containers) await removeContainer(api, nameOf(c)).catch(() => undefined);
    await removeContainer(api, helperName).catch(() => undefined);
    await removeContainer(api, pauseName).catch(() => undefined);
    for (const v of plan.emptyDirs) await removeVolume(api, volumeOf(v)).catch(() => undefined);
  };

  try {
    await clear();
    // Pull policy against the local images: no registry is reachable from a replay.
    for (const c of plan.containers) {
      const local = await imageExists(api, c.image);
      if (!local) {
        const reason = c.pullPolicy === 'Never' ? 'ErrImageNeverPull' : 'ErrImagePull';
        ev({ kind: c.pullPolicy === 'Never' ? 'pullNever' : 'pullMissing', container: c.name, reason: c.image });
        result.pullError = { container: c.name, reason, image: c.image };
        return result;
      }
      if (c.pullPolicy === 'Always') ev({ kind: 'pullAlwaysLocal', container: c.name, reason: c.image });
    }

    for (const v of plan.emptyDirs) await api.json('POST', '/volumes/create', { body: { Name: volumeOf(v) } });
    const pauseId = await createContainer(api, pauseName, { Image: PAUSE_IMAGE, Cmd: ['sleep', '3600'], HostConfig: { Init: true } });
    await start(api, pauseId);
    const ns = `container:${pauseId}`;
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
      Env: c.env,
      HostConfig: {
        NetworkMode: ns,
        Mounts: c.mounts.map((m) => ({ Type: 'volume', Source: volumeOf(m.volume), Target: m.path, ReadOnly: m.readOnly })),
      },
    });

    /** One handler run, as a hook or a probe: ok, and why not. */
    const runHandler = async (h: Handler, r: Run, timeoutMs: number): Promise<{ ok: boolean; code?: number; reason?: string }> => {
      const secs = Math.max(1, Math.ceil(timeoutMs / 1000));
      let res: { code: number | null; error?: string };
      switch (h.kind) {
        case 'exec':
          res = await execIn(api, r.id, h.command, timeoutMs);
          break;
        case 'httpGet':
          res = await execIn(api, helperId, ['wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${h.port}${h.path}`], timeoutMs + 500);
          break;
        case 'tcpSocket':
          res = await execIn(api, helperId, ['sh', '-c', `nc -w ${secs} 127.0.0.1 ${h.port} </dev/null`], timeoutMs + 500);
          break;
        case 'sleep':
          await sleep(Math.min(h.seconds * 1000, timeoutMs), done.signal);
          return { ok: true, code: 0 };
        case 'unsupported':
          return { ok: false, reason: h.what };
      }
      if (res.error) return { ok: false, reason: res.error };
      if (res.code === null) return { ok: false, reason: 'timeout' };
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
          ev({ kind: 'postStartFailed', container: r.plan.name, ms, code: h.code, reason: h.reason });
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
      await removeContainer(api, r.id);
      // The kubelet makes a new container: the old one's files are gone (a volume's are not).
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
          ev({ kind: 'probeFailed', container: r.plan.name, probe: which, code: h.code, reason: h.reason });
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

    const probes = async (r: Run, gen: number) => {
      if (r.plan.startup && !(await probeLoop(r, gen, 'startup', r.plan.startup))) return;
      if (!r.plan.readiness && alive(r, gen)) {
        r.ready = true;
        r.readyAt ??= now();
        ev({ kind: 'ready', container: r.plan.name });
      }
      await Promise.all([
        r.plan.readiness ? probeLoop(r, gen, 'readiness', r.plan.readiness) : null,
        r.plan.liveness ? probeLoop(r, gen, 'liveness', r.plan.liveness) : null,
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
          r.ready = false;
          ev({ kind: 'exited', container: r.plan.name, code: s.ExitCode });
          if (plan.restartPolicy === 'Always' || (plan.restartPolicy === 'OnFailure' && s.ExitCode !== 0)) {
            r.gen++;
            r.busy = true;
            void (async () => {
              await sleep(10_000 * scale, done.signal);
              if (done.signal.aborted) return;
              await removeContainer(api, r.id);
              r.id = await createContainer(api, r.name, body(r.plan));
              r.restarts++;
              ev({ kind: 'restarted', container: r.plan.name, code: r.restarts });
              r.busy = false;
              await startRun(r);
            })().catch(() => undefined);
          }
        }
        await sleep(200, done.signal);
      }
    };

    for (const c of plan.containers) {
      const name = nameOf(c);
      runs.push({ plan: c, name, id: await createContainer(api, name, body(c)), ready: false, restarts: 0, gen: 0, busy: false, killed: false });
    }
    t0 = performance.now();
    // The kubelet starts a pod's containers in order, each after the previous one's postStart.
    for (const r of runs) await startRun(r);
    const watcher = watch();

    const ended = () =>
      o.scenario === 'liveness'
        ? runs.some((r) => r.restarts >= (o.restarts ?? 1))
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
      result.containers[r.plan.name] = { restarts: r.restarts, readyAt: r.readyAt, exitCode: r.exitCode, killed: r.killed, files };
    }
    return result;
  } finally {
    done.abort();
    await clear();
    result.durationMs = Math.round(performance.now() - began);
  }
}
