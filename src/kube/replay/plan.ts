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

/** One `env` entry: a literal, a key of a ConfigMap/Secret, or a field of the pod. */
export type EnvVar =
  | { name: string; value: string }
  | { name: string; from: 'ConfigMap' | 'Secret'; ref: string; key: string; optional: boolean }
  | { name: string; field: string }
  /** resourceFieldRef and anything else the replay does not resolve. */
  | { name: string; unsupported: string };

/** One `envFrom` entry: every key of a ConfigMap/Secret, with a prefix. */
export interface EnvFrom {
  from: 'ConfigMap' | 'Secret';
  ref: string;
  prefix: string;
  optional: boolean;
}

/** A volume the replay makes: emptyDir (gone with the pod), files of a ConfigMap/Secret, or a claim's named volume (kept). */
export type VolumePlan =
  | { name: string; kind: 'emptyDir' }
  | { name: string; kind: 'ConfigMap' | 'Secret'; ref: string; items?: { key: string; path: string }[]; optional: boolean }
  | { name: string; kind: 'pvc'; claim: string };

export interface ContainerPlan {
  name: string;
  image: string;
  /** As written, or the API server's default (Always for :latest or no tag, else IfNotPresent). */
  pullPolicy: PullPolicy;
  /** `command` (replaces the image's ENTRYPOINT) and `args` (its CMD). */
  command?: string[];
  args?: string[];
  env: EnvVar[];
  envFrom: EnvFrom[];
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
  | { key: 'noteHostPath'; name: string }
  | { key: 'noteValueFrom'; name: string }
  | { key: 'noteGrpc'; name: string }
  | { key: 'noteLivenessGrace'; from: number; to: number };

export interface PodPlan {
  /** The object's name in the manifest (Pod/cache, Deployment/web). */
  object: string;
  /** metadata.name (a template's pods get a generated name) and metadata.namespace (default). */
  podName: string;
  namespace: string;
  /** Run in order, each to completion, before the app containers start. */
  initContainers: ContainerPlan[];
  containers: ContainerPlan[];
  terminationGracePeriodSeconds: number;
  restartPolicy: 'Always' | 'OnFailure' | 'Never';
  /** The volumes the replay makes (emptyDir, configMap, secret, persistentVolumeClaim). */
  volumes: VolumePlan[];
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

function envOf(c: Obj, notes: ReplayNote[]): { env: EnvVar[]; envFrom: EnvFrom[] } {
  const env: EnvVar[] = [];
  for (const e of (Array.isArray(c.env) ? c.env : []).filter(isObj)) {
    const name = String(e.name);
    if (typeof e.value === 'string') env.push({ name, value: e.value });
    else if (isObj(e.valueFrom)) {
      const vf = e.valueFrom;
      const ref = isObj(vf.configMapKeyRef) ? { from: 'ConfigMap' as const, r: vf.configMapKeyRef } : isObj(vf.secretKeyRef) ? { from: 'Secret' as const, r: vf.secretKeyRef } : null;
      if (ref) env.push({ name, from: ref.from, ref: String(ref.r.name ?? ''), key: String(ref.r.key ?? ''), optional: ref.r.optional === true });
      else if (isObj(vf.fieldRef)) env.push({ name, field: String(vf.fieldRef.fieldPath ?? '') });
      else {
        env.push({ name, unsupported: Object.keys(vf).join(', ') });
        notes.push({ key: 'noteValueFrom', name });
      }
    } else env.push({ name, value: '' });
  }
  const envFrom: EnvFrom[] = [];
  for (const e of (Array.isArray(c.envFrom) ? c.envFrom : []).filter(isObj)) {
    const prefix = typeof e.prefix === 'string' ? e.prefix : '';
    if (isObj(e.configMapRef)) envFrom.push({ from: 'ConfigMap', ref: String(e.configMapRef.name ?? ''), prefix, optional: e.configMapRef.optional === true });
    if (isObj(e.secretRef)) envFrom.push({ from: 'Secret', ref: String(e.secretRef.name ?? ''), prefix, optional: e.secretRef.optional === true });
  }
  return { env, envFrom };
}

function containerOf(c: Obj, volumes: VolumePlan[], notes: ReplayNote[]): ContainerPlan {
  const image = String(c.image ?? '');
  const lifecycle = isObj(c.lifecycle) ? c.lifecycle : {};
  const plan: ContainerPlan = {
    name: String(c.name),
    image,
    pullPolicy: (typeof c.imagePullPolicy === 'string' ? c.imagePullPolicy : defaultPullPolicy(image)) as PullPolicy,
    command: strings(c.command),
    args: strings(c.args),
    ...envOf(c, notes),
    ports: (Array.isArray(c.ports) ? c.ports : []).filter(isObj).map((p) => Number(p.containerPort)).filter(Number.isInteger),
    mounts: (Array.isArray(c.volumeMounts) ? c.volumeMounts : [])
      .filter(isObj)
      .filter((m) => volumes.some((v) => v.name === String(m.name)))
      .map((m) => {
        const v = volumes.find((x) => x.name === String(m.name))!;
        // configMap and secret volumes are always read-only, whatever the mount says.
        return { volume: String(m.name), path: String(m.mountPath), readOnly: m.readOnly === true || v.kind === 'ConfigMap' || v.kind === 'Secret' };
      }),
    readiness: probeOf(c, c.readinessProbe, false),
    liveness: probeOf(c, c.livenessProbe, true),
    startup: probeOf(c, c.startupProbe, true),
    postStart: isObj(lifecycle.postStart) ? handlerOf(c, lifecycle.postStart) : undefined,
    preStop: isObj(lifecycle.preStop) ? handlerOf(c, lifecycle.preStop) : undefined,
  };
  for (const p of [plan.readiness, plan.liveness, plan.startup]) {
    if (p?.handler.kind === 'unsupported' && p.handler.what === 'grpc' && !notes.some((n) => n.key === 'noteGrpc' && n.name === plan.name)) notes.push({ key: 'noteGrpc', name: plan.name });
  }
  return plan;
}

/** The pod the kubelet would run for this object, or null if it has no pod template. */
export function planPod(o: KubeObject): PodPlan | null {
  const ps = podSpecOf(o);
  if (!ps) return null;
  const spec = ps.spec;
  const notes: ReplayNote[] = [];
  const volumes: VolumePlan[] = [];
  for (const v of (Array.isArray(spec.volumes) ? spec.volumes : []).filter(isObj)) {
    const name = String(v.name);
    const items = (x: Obj) => (Array.isArray(x.items) ? x.items.filter(isObj).map((i) => ({ key: String(i.key), path: String(i.path) })) : undefined);
    if (isObj(v.emptyDir)) volumes.push({ name, kind: 'emptyDir' });
    else if (isObj(v.configMap)) volumes.push({ name, kind: 'ConfigMap', ref: String(v.configMap.name ?? ''), items: items(v.configMap), optional: v.configMap.optional === true });
    else if (isObj(v.secret)) volumes.push({ name, kind: 'Secret', ref: String(v.secret.secretName ?? ''), items: items(v.secret), optional: v.secret.optional === true });
    else if (isObj(v.persistentVolumeClaim)) volumes.push({ name, kind: 'pvc', claim: String(v.persistentVolumeClaim.claimName ?? '') });
    else if (isObj(v.hostPath)) notes.push({ key: 'noteHostPath', name });
    else notes.push({ key: 'noteVolume', name });
  }
  const initContainers = (Array.isArray(spec.initContainers) ? spec.initContainers : []).filter(isObj).map((c) => containerOf(c, volumes, notes));
  const containers = (Array.isArray(spec.containers) ? spec.containers : []).filter(isObj).map((c) => containerOf(c, volumes, notes));
  const restart = spec.restartPolicy;
  const meta = isObj(o.data.metadata) ? o.data.metadata : {};
  return {
    object: `${o.kind}/${o.name}`,
    podName: o.kind === 'Pod' ? o.name : `${o.name}-7d4b9c5f6-x2k8q`,
    namespace: typeof meta.namespace === 'string' ? meta.namespace : 'default',
    initContainers,
    containers,
    terminationGracePeriodSeconds: num(spec.terminationGracePeriodSeconds, 30),
    restartPolicy: restart === 'Never' || restart === 'OnFailure' ? restart : 'Always',
    volumes,
    notes,
  };
}
