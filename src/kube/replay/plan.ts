import { isObj, podSpecOf, type KubeObject, type Obj } from '../workspace';

/**
 * What the kubelet would run for one pod, read from the learner's manifest (a Pod, or the pod
 * template of a Deployment/ReplicaSet): the containers, their hooks and probes with the manifest's
 * timings, the grace period. Only what the container contract needs; the rest is noted.
 */
export type Handler =
  | { kind: 'exec'; command: string[] }
  | { kind: 'httpGet'; port: number; path: string }
  | { kind: 'tcpSocket'; port: number }
  | { kind: 'sleep'; seconds: number }
  /** A handler the replay cannot run (grpc, a port name the container does not declare). */
  | { kind: 'unsupported'; what: string };

export interface ProbePlan {
  handler: Handler;
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
  successThreshold: number;
}

export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

export interface ContainerPlan {
  name: string;
  image: string;
  /** As written, or the API server's default (Always for :latest or no tag, else IfNotPresent). */
  pullPolicy: PullPolicy;
  /** `command` (replaces the image's ENTRYPOINT) and `args` (its CMD). */
  command?: string[];
  args?: string[];
  env: string[];
  ports: number[];
  mounts: { volume: string; path: string; readOnly: boolean }[];
  readiness?: ProbePlan;
  liveness?: ProbePlan;
  startup?: ProbePlan;
  postStart?: Handler;
  preStop?: Handler;
}

/** Something the replay left out or changed, said on the timeline (timeline.ts words it). */
export type ReplayNote =
  | { key: 'noteVolume'; name: string }
  | { key: 'noteInit' }
  | { key: 'noteValueFrom'; name: string }
  | { key: 'noteEnvFrom' }
  | { key: 'noteLivenessGrace'; from: number; to: number };

export interface PodPlan {
  /** The object's name in the manifest (Pod/cache, Deployment/web). */
  object: string;
  containers: ContainerPlan[];
  terminationGracePeriodSeconds: number;
  restartPolicy: 'Always' | 'OnFailure' | 'Never';
  /** emptyDir volumes: shared by the pod's containers, gone with the pod. */
  emptyDirs: string[];
  /** What the manifest asks that the replay does not do (said in the timeline, in the learner's language). */
  notes: ReplayNote[];
}

const num = (v: unknown, dflt: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : dflt);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);

export function defaultPullPolicy(image: string): PullPolicy {
  if (image.includes('@')) return 'IfNotPresent';
  const last = image.split('/').pop() ?? image;
  const tag = last.includes(':') ? last.split(':').pop() : undefined;
  return !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function portOf(c: Obj, port: unknown): number | null {
  if (typeof port === 'number') return port;
  if (typeof port === 'string' && /^\d+$/.test(port)) return Number(port);
  const ports = (Array.isArray(c.ports) ? c.ports : []).filter(isObj);
  const p = ports.find((x) => x.name === port);
  return p && typeof p.containerPort === 'number' ? p.containerPort : null;
}

export function handlerOf(c: Obj, h: Obj): Handler {
  if (isObj(h.exec)) return { kind: 'exec', command: strings(h.exec.command) ?? [] };
  if (isObj(h.httpGet)) {
    const port = portOf(c, h.httpGet.port);
    if (port === null) return { kind: 'unsupported', what: `httpGet port ${String(h.httpGet.port)} (not a port the container declares)` };
    return { kind: 'httpGet', port, path: typeof h.httpGet.path === 'string' ? h.httpGet.path : '/' };
  }
  if (isObj(h.tcpSocket)) {
    const port = portOf(c, h.tcpSocket.port);
    if (port === null) return { kind: 'unsupported', what: `tcpSocket port ${String(h.tcpSocket.port)} (not a port the container declares)` };
    return { kind: 'tcpSocket', port };
  }
  if (isObj(h.sleep)) return { kind: 'sleep', seconds: num(h.sleep.seconds, 0) };
  if (isObj(h.grpc)) return { kind: 'unsupported', what: 'grpc' };
  return { kind: 'unsupported', what: 'no handler' };
}

function probeOf(c: Obj, p: unknown, liveness: boolean): ProbePlan | undefined {
  if (!isObj(p)) return undefined;
  return {
    handler: handlerOf(c, p),
    initialDelaySeconds: num(p.initialDelaySeconds, 0),
    periodSeconds: num(p.periodSeconds, 10),
    timeoutSeconds: num(p.timeoutSeconds, 1),
    failureThreshold: num(p.failureThreshold, 3),
    // Liveness and startup probes must have 1 (the API server refuses anything else).
    successThreshold: liveness ? 1 : num(p.successThreshold, 1),
  };
}

/** The pod the kubelet would run for this object, or null if it has no pod template. */
export function planPod(o: KubeObject): PodPlan | null {
  const ps = podSpecOf(o);
  if (!ps) return null;
  const spec = ps.spec;
  const notes: ReplayNote[] = [];
  const emptyDirs: string[] = [];
  for (const v of (Array.isArray(spec.volumes) ? spec.volumes : []).filter(isObj)) {
    if (isObj(v.emptyDir)) emptyDirs.push(String(v.name));
    else notes.push({ key: 'noteVolume', name: String(v.name) });
  }
  if (Array.isArray(spec.initContainers) && spec.initContainers.length) notes.push({ key: 'noteInit' });
  const containers: ContainerPlan[] = (Array.isArray(spec.containers) ? spec.containers : []).filter(isObj).map((c) => {
    const image = String(c.image ?? '');
    const env: string[] = [];
    for (const e of (Array.isArray(c.env) ? c.env : []).filter(isObj)) {
      if (typeof e.value === 'string') env.push(`${String(e.name)}=${e.value}`);
      else if (e.valueFrom !== undefined) notes.push({ key: 'noteValueFrom', name: String(e.name) });
      else env.push(`${String(e.name)}=`);
    }
    if (c.envFrom !== undefined) notes.push({ key: 'noteEnvFrom' });
    const lifecycle = isObj(c.lifecycle) ? c.lifecycle : {};
    return {
      name: String(c.name),
      image,
      pullPolicy: (typeof c.imagePullPolicy === 'string' ? c.imagePullPolicy : defaultPullPolicy(image)) as PullPolicy,
      command: strings(c.command),
      args: strings(c.args),
      env,
      ports: (Array.isArray(c.ports) ? c.ports : []).filter(isObj).map((p) => Number(p.containerPort)).filter(Number.isInteger),
      mounts: (Array.isArray(c.volumeMounts) ? c.volumeMounts : [])
        .filter(isObj)
        .filter((m) => emptyDirs.includes(String(m.name)))
        .map((m) => ({ volume: String(m.name), path: String(m.mountPath), readOnly: m.readOnly === true })),
      readiness: probeOf(c, c.readinessProbe, false),
      liveness: probeOf(c, c.livenessProbe, true),
      startup: probeOf(c, c.startupProbe, true),
      postStart: isObj(lifecycle.postStart) ? handlerOf(c, lifecycle.postStart) : undefined,
      preStop: isObj(lifecycle.preStop) ? handlerOf(c, lifecycle.preStop) : undefined,
    };
  });
  const restart = spec.restartPolicy;
  return {
    object: `${o.kind}/${o.name}`,
    containers,
    terminationGracePeriodSeconds: num(spec.terminationGracePeriodSeconds, 30),
    restartPolicy: restart === 'Never' || restart === 'OnFailure' ? restart : 'Always',
    emptyDirs,
    notes,
  };
}
