import type { Lang } from '../../lessons/schema';
import { locate, type FieldPath } from '../load';
import { isObj, podSpecOf, type KubeObject, type Obj } from '../workspace';
import { sayLive, type LiveKey } from './say';

/**
 * What ctr-learn applies to a cluster, "default to no": only namespaced kinds the lessons use,
 * only into the learner's own namespace, and nothing that reaches into the node. Everything else is
 * refused here, before any request, with the learner's file:line and why.
 *
 * Decided:
 * - applied: Pod, Deployment, ReplicaSet, StatefulSet, Job, Service (ClusterIP or headless),
 *   ConfigMap, Secret, PersistentVolumeClaim; each under its own apiVersion only (a custom resource
 *   of another group may carry the same kind and be cluster-scoped), with a valid name (the name is
 *   a part of the request's path);
 * - refused as cluster-scoped: Namespace, Node, PersistentVolume (it can point at a node's disk),
 *   RuntimeClass, StorageClass, PriorityClass, ClusterRole, ClusterRoleBinding,
 *   CustomResourceDefinition, the webhook configurations; as granting permissions: Role,
 *   RoleBinding, ServiceAccount; DaemonSet (a pod on every node), and any kind not listed;
 * - on any object: metadata.ownerReferences and metadata.finalizers (an owner may be another's
 *   object, and a finalizer keeps the namespace from ever being deleted);
 * - in a pod (a Pod or any workload's template, every kind of container): hostPath and every volume
 *   but emptyDir, configMap, secret, downwardAPI, projected (of those three), persistentVolumeClaim
 *   and ephemeral; hostNetwork / hostPID / hostIPC, privileged containers, hostPort; what chooses a
 *   node, a runtime or a priority (nodeName, tolerations, priorityClassName, runtimeClassName,
 *   schedulerName, ...); another service account or the API token (a pod gets none: bodyOf);
 *   capabilities beyond the runtime's defaults, procMount, seccomp/AppArmor other than the
 *   runtime's default, SELinux options, sysctls, Windows host processes; a probe or hook with a
 *   `host` (the kubelet would connect from the node to it); any pod field not in POD_FIELDS;
 * - a Service of any type but ClusterIP (NodePort, LoadBalancer, ExternalName) and externalIPs;
 * - a Secret of a type that carries a credential of the cluster (a service account token);
 * - a claim (a PVC, a StatefulSet's claim template, an ephemeral volume) that picks or copies an
 *   existing volume: volumeName, selector, dataSource(Ref), storageClassName "";
 * - more than MAX_PODS replicas, or a Job's parallelism / completions above it; a pod's
 *   terminationGracePeriodSeconds above MAX_GRACE (a pod that never stops keeps reset from
 *   deleting the namespace). The namespace's ResourceQuota (namespace.ts) counts what files add up to.
 * A manifest may leave metadata.namespace out (it goes into the learner's) or name the learner's.
 * The namespace also carries Pod Security "baseline" enforcement (namespace.ts): the API server
 * refuses a pod that slips past these rules and reaches into the node.
 */
export const APPLIED_KINDS = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'Job', 'Service', 'ConfigMap', 'Secret', 'PersistentVolumeClaim'] as const;
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'RuntimeClass', 'StorageClass', 'PriorityClass', 'ClusterRole', 'ClusterRoleBinding',
  'CustomResourceDefinition', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'CSIDriver', 'IngressClass', 'APIService',
]);
const RBAC = new Set(['Role', 'RoleBinding', 'ServiceAccount']);

export interface Refusal {
  /** `Kind/name` */
  object: string;
  file: string;
  line: number;
  col: number;
  key: LiveKey;
  vars: Record<string, string | number>;
  /** For a refused kind: why (said in the learner's language). */
  why?: LiveKey;
}

function refusal(o: KubeObject, path: FieldPath, at: 'key' | 'value', key: LiveKey, vars: Record<string, string | number>, why?: LiveKey): Refusal {
  const { line, col } = locate(o.doc, path, at);
  return { object: `${o.kind}/${o.name}`, file: o.doc.file, line, col, key, vars, why };
}

/** `file:line:col Kind/name: why`, in the learner's language. */
export function refusalText(r: Refusal, lang: Lang | undefined): string {
  const vars = r.why ? { ...r.vars, why: sayLive(lang, r.why) } : r.vars;
  return `${r.file}:${r.line}:${r.col} ${r.object}: ${sayLive(lang, r.key, vars)}`;
}

/** The one apiVersion each applied kind goes in with (another group may hold a cluster-scoped kind of that name). */
const API_VERSION: Record<(typeof APPLIED_KINDS)[number], string> = {
  Pod: 'v1', Service: 'v1', ConfigMap: 'v1', Secret: 'v1', PersistentVolumeClaim: 'v1',
  Deployment: 'apps/v1', ReplicaSet: 'apps/v1', StatefulSet: 'apps/v1', Job: 'batch/v1',
};
/** A DNS subdomain (the API's object name); it is also a part of the request's path. */
const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Secret types that hold only the learner's data (not a token of the cluster). */
const SECRET_TYPES = new Set(['Opaque', 'kubernetes.io/tls', 'kubernetes.io/basic-auth', 'kubernetes.io/ssh-auth', 'kubernetes.io/dockerconfigjson', 'kubernetes.io/dockercfg']);
/** Volumes that live in the namespace (or the pod); every other source reaches a node, a server or a disk of the cluster. */
const VOLUMES = new Set(['name', 'emptyDir', 'configMap', 'secret', 'downwardAPI', 'projected', 'persistentVolumeClaim', 'ephemeral']);
const PROJECTED = new Set(['configMap', 'secret', 'downwardAPI']);
/** Capabilities a container may add: the Pod Security "baseline" list (the runtime's defaults), nothing that reaches the node. */
const CAPS = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
/** Pod fields that choose a node, a runtime or a priority over other people's pods. */
const SCHEDULING = ['nodeName', 'tolerations', 'priorityClassName', 'priority', 'preemptionPolicy', 'runtimeClassName', 'schedulerName', 'resourceClaims'] as const;
/**
 * The pod fields ctr-learn applies at all (the rest, and any a newer API adds, are refused): the
 * ones above are checked by value, the others keep to the pod and its namespace.
 */
const POD_FIELDS = new Set([
  'containers', 'initContainers', 'ephemeralContainers', 'volumes', 'restartPolicy', 'terminationGracePeriodSeconds', 'activeDeadlineSeconds',
  'dnsPolicy', 'dnsConfig', 'hostname', 'subdomain', 'setHostnameAsFQDN', 'hostAliases', 'nodeSelector', 'affinity', 'topologySpreadConstraints',
  'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'securityContext', 'imagePullSecrets', 'readinessGates',
  'enableServiceLinks', 'shareProcessNamespace', 'os', 'hostNetwork', 'hostPID', 'hostIPC', 'hostUsers', ...SCHEDULING,
]);
/** At most this many pods of one workload (replicas, a Job's parallelism and completions). */
export const MAX_PODS = 10;
/** The longest a pod may take to stop (seconds). */
export const MAX_GRACE = 300;

/** Every reason not to apply these objects into `namespace` (empty: they may go). */
export function checkBoundary(objects: KubeObject[], namespace: string): Refusal[] {
  const out: Refusal[] = [];
  for (const o of objects) {
    if (!(APPLIED_KINDS as readonly string[]).includes(o.kind)) {
      const why: LiveKey = CLUSTER_SCOPED.has(o.kind) ? 'whyClusterScoped' : RBAC.has(o.kind) ? 'whyRbac' : 'whyNotListed';
      out.push(refusal(o, ['kind'], 'value', 'refusedKind', { kind: o.kind, kinds: APPLIED_KINDS.join(', ') }, why));
      continue;
    }
    const want = API_VERSION[o.kind as keyof typeof API_VERSION];
    if (o.data.apiVersion !== want) out.push(refusal(o, ['apiVersion'], 'value', 'refusedApiVersion', { kind: o.kind, apiVersion: String(o.data.apiVersion), want }));
    if (o.name.length > 253 || !NAME.test(o.name)) out.push(refusal(o, ['metadata', 'name'], 'value', 'refusedName', { name: o.name }));
    const meta = isObj(o.data.metadata) ? o.data.metadata : {};
    if (meta.namespace !== undefined && meta.namespace !== namespace) {
      out.push(refusal(o, ['metadata', 'namespace'], 'value', 'refusedNamespace', { ns: String(meta.namespace), mine: namespace }));
    }
    for (const f of ['ownerReferences', 'finalizers'] as const) {
      if (meta[f] !== undefined) out.push(refusal(o, ['metadata', f], 'key', 'refusedMeta', { field: `metadata.${f}` }));
    }
    const spec = isObj(o.data.spec) ? o.data.spec : null;
    if (o.kind === 'Service' && spec) {
      const type = spec.type;
      if (type !== undefined && type !== 'ClusterIP') out.push(refusal(o, ['spec', 'type'], 'value', 'refusedServiceType', { type: String(type) }));
      if (Array.isArray(spec.externalIPs) && spec.externalIPs.length) out.push(refusal(o, ['spec', 'externalIPs'], 'key', 'refusedHost', { field: 'spec.externalIPs' }, 'whatExternalIPs'));
    }
    if (o.kind === 'Secret' && o.data.type !== undefined && !SECRET_TYPES.has(String(o.data.type))) {
      out.push(refusal(o, ['type'], 'value', 'refusedSecretType', { type: String(o.data.type) }));
    }
    if (o.kind === 'PersistentVolumeClaim' && spec) out.push(...claimRefusals(o, spec, ['spec']));
    if (o.kind === 'StatefulSet' && spec && Array.isArray(spec.volumeClaimTemplates)) {
      spec.volumeClaimTemplates.forEach((t, i) => {
        if (isObj(t) && isObj(t.spec)) out.push(...claimRefusals(o, t.spec, ['spec', 'volumeClaimTemplates', i, 'spec']));
        if (isObj(t) && isObj(t.metadata)) for (const f of ['ownerReferences', 'finalizers'] as const) if (t.metadata[f] !== undefined) out.push(refusal(o, ['spec', 'volumeClaimTemplates', i, 'metadata', f], 'key', 'refusedMeta', { field: `metadata.${f}` }));
      });
    }
    if (spec && o.kind !== 'Pod') {
      for (const f of ['replicas', 'parallelism', 'completions'] as const) {
        const n = spec[f];
        if (typeof n === 'number' && n > MAX_PODS) out.push(refusal(o, ['spec', f], 'value', 'refusedCount', { field: `spec.${f}`, n, max: MAX_PODS }));
      }
    }
    const ps = podSpecOf(o) ?? (o.kind === 'StatefulSet' || o.kind === 'Job' ? templateOf(o) : null);
    if (ps) {
      out.push(...podRefusals(o, ps.spec, ps.path));
      const mpath: FieldPath = o.kind === 'Pod' ? ['metadata'] : ['spec', 'template', 'metadata'];
      const pmeta = o.kind === 'Pod' ? meta : isObj(spec?.template) && isObj(spec.template.metadata) ? spec.template.metadata : {};
      out.push(...annotationRefusals(o, pmeta, mpath));
      if (o.kind !== 'Pod') for (const f of ['ownerReferences', 'finalizers'] as const) if (pmeta[f] !== undefined) out.push(refusal(o, [...mpath, f], 'key', 'refusedMeta', { field: `metadata.${f}` }));
    }
  }
  return out;
}

function templateOf(o: KubeObject): { spec: Obj; path: FieldPath } | null {
  const t = isObj(o.data.spec) && isObj(o.data.spec.template) ? o.data.spec.template : null;
  return t && isObj(t.spec) ? { spec: t.spec, path: ['spec', 'template', 'spec'] } : null;
}

/** A claim gets a new volume from a storage class; it never picks or copies one that exists (volumes are cluster-wide). */
function claimRefusals(o: KubeObject, spec: Obj, path: FieldPath): Refusal[] {
  const out: Refusal[] = [];
  for (const f of ['volumeName', 'selector', 'dataSource', 'dataSourceRef'] as const) {
    if (spec[f] !== undefined) out.push(refusal(o, [...path, f], 'key', 'refusedClaim', { field: `spec.${f}` }));
  }
  // "" asks for a volume made beforehand (no storage class): only an existing PersistentVolume can match.
  if (spec.storageClassName === '') out.push(refusal(o, [...path, 'storageClassName'], 'key', 'refusedClaim', { field: 'spec.storageClassName' }));
  return out;
}

/** The older annotation forms of AppArmor and seccomp: only the runtime's default profile. */
function annotationRefusals(o: KubeObject, meta: Obj, path: FieldPath): Refusal[] {
  const out: Refusal[] = [];
  const ann = isObj(meta.annotations) ? meta.annotations : {};
  for (const [k, v] of Object.entries(ann)) {
    const profile = /^(container\.apparmor\.security\.beta\.kubernetes\.io\/|seccomp\.security\.alpha\.kubernetes\.io\/pod$|container\.seccomp\.security\.alpha\.kubernetes\.io\/)/.test(k);
    if (profile && v !== 'runtime/default' && v !== 'docker/default') out.push(refusal(o, [...path, 'annotations', k], 'key', 'refusedSecurity', { field: k, value: String(v) }));
  }
  return out;
}

/** A securityContext (the pod's or a container's): nothing that loosens the container's isolation from the node. */
function securityRefusals(o: KubeObject, sc: Obj, path: FieldPath): Refusal[] {
  const out: Refusal[] = [];
  const bad = (field: string, at: FieldPath, value: unknown) => out.push(refusal(o, [...path, ...at], 'key', 'refusedSecurity', { field, value: String(value) }));
  if (isObj(sc.capabilities) && Array.isArray(sc.capabilities.add)) {
    sc.capabilities.add.forEach((c, i) => {
      if (!CAPS.has(String(c).toUpperCase().replace(/^CAP_/, ''))) bad('capabilities.add', ['capabilities', 'add', i], c);
    });
  }
  if (sc.procMount !== undefined && sc.procMount !== 'Default') bad('procMount', ['procMount'], sc.procMount);
  if (isObj(sc.seccompProfile) && sc.seccompProfile.type !== 'RuntimeDefault') bad('seccompProfile.type', ['seccompProfile', 'type'], sc.seccompProfile.type);
  if (isObj(sc.appArmorProfile) && sc.appArmorProfile.type !== 'RuntimeDefault') bad('appArmorProfile.type', ['appArmorProfile', 'type'], sc.appArmorProfile.type);
  if (sc.seLinuxOptions !== undefined) bad('seLinuxOptions', ['seLinuxOptions'], JSON.stringify(sc.seLinuxOptions));
  if (isObj(sc.windowsOptions) && sc.windowsOptions.hostProcess === true) bad('windowsOptions.hostProcess', ['windowsOptions', 'hostProcess'], true);
  if (Array.isArray(sc.sysctls) && sc.sysctls.length) bad('sysctls', ['sysctls'], sc.sysctls.map((x) => (isObj(x) ? String(x.name) : '?')).join(','));
  return out;
}

/** Probes and hooks run by the kubelet, on the node: `host` would make it connect from there to anywhere. */
function handlerRefusals(o: KubeObject, c: Obj, path: FieldPath): Refusal[] {
  const out: Refusal[] = [];
  const handlers: [string, unknown][] = [['livenessProbe', c.livenessProbe], ['readinessProbe', c.readinessProbe], ['startupProbe', c.startupProbe]];
  if (isObj(c.lifecycle)) handlers.push(['lifecycle.postStart', c.lifecycle.postStart], ['lifecycle.preStop', c.lifecycle.preStop]);
  for (const [name, h] of handlers) {
    if (!isObj(h)) continue;
    for (const kind of ['httpGet', 'tcpSocket'] as const) {
      const a = h[kind];
      if (isObj(a) && a.host !== undefined) out.push(refusal(o, [...path, ...name.split('.'), kind, 'host'], 'key', 'refusedHost', { field: `${name}.${kind}.host` }, 'whatProbeHost'));
    }
  }
  return out;
}

function podRefusals(o: KubeObject, spec: Obj, path: FieldPath): Refusal[] {
  const out: Refusal[] = [];
  for (const f of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (spec[f] === true) out.push(refusal(o, [...path, f], 'key', 'refusedHost', { field: f }, 'whatNodeNamespaces'));
  }
  // A pod that takes years to stop keeps its node's share and keeps reset from deleting the namespace.
  const grace = spec.terminationGracePeriodSeconds;
  if (typeof grace === 'number' && grace > MAX_GRACE) out.push(refusal(o, [...path, 'terminationGracePeriodSeconds'], 'value', 'refusedCount', { field: 'terminationGracePeriodSeconds', n: grace, max: MAX_GRACE }));
  for (const f of Object.keys(spec)) if (!POD_FIELDS.has(f)) out.push(refusal(o, [...path, f], 'key', 'refusedPodField', { field: f }));
  for (const f of SCHEDULING) if (spec[f] !== undefined) out.push(refusal(o, [...path, f], 'key', 'refusedScheduling', { field: f }));
  // The pod's token for the API: the namespace's default account only, and not mounted (bodyOf says so).
  for (const f of ['serviceAccountName', 'serviceAccount'] as const) {
    if (spec[f] !== undefined && spec[f] !== 'default') out.push(refusal(o, [...path, f], 'key', 'refusedToken', { field: f }));
  }
  if (spec.automountServiceAccountToken === true) out.push(refusal(o, [...path, 'automountServiceAccountToken'], 'key', 'refusedToken', { field: 'automountServiceAccountToken' }));
  if (isObj(spec.securityContext)) out.push(...securityRefusals(o, spec.securityContext, [...path, 'securityContext']));
  (Array.isArray(spec.volumes) ? spec.volumes : []).forEach((v, i) => {
    if (!isObj(v)) return;
    const at: FieldPath = [...path, 'volumes', i];
    if (v.hostPath !== undefined) out.push(refusal(o, [...at, 'hostPath'], 'key', 'refusedHost', { field: 'hostPath' }, 'whatNodeFolder'));
    for (const k of Object.keys(v)) if (!VOLUMES.has(k) && k !== 'hostPath') out.push(refusal(o, [...at, k], 'key', 'refusedVolume', { type: k }));
    if (isObj(v.projected) && Array.isArray(v.projected.sources)) {
      v.projected.sources.forEach((s, j) => {
        if (!isObj(s)) return;
        for (const k of Object.keys(s)) {
          if (PROJECTED.has(k)) continue;
          const sat: FieldPath = [...at, 'projected', 'sources', j, k];
          out.push(k === 'serviceAccountToken' ? refusal(o, sat, 'key', 'refusedToken', { field: 'serviceAccountToken' }) : refusal(o, sat, 'key', 'refusedVolume', { type: `projected ${k}` }));
        }
      });
    }
    if (isObj(v.ephemeral) && isObj(v.ephemeral.volumeClaimTemplate) && isObj(v.ephemeral.volumeClaimTemplate.spec)) {
      out.push(...claimRefusals(o, v.ephemeral.volumeClaimTemplate.spec, [...at, 'ephemeral', 'volumeClaimTemplate', 'spec']));
    }
  });
  for (const list of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    (Array.isArray(spec[list]) ? spec[list] : []).forEach((c, i) => {
      if (!isObj(c)) return;
      const at: FieldPath = [...path, list, i];
      if (isObj(c.securityContext)) {
        if (c.securityContext.privileged === true) out.push(refusal(o, [...at, 'securityContext', 'privileged'], 'key', 'refusedHost', { field: 'securityContext.privileged' }, 'whatNodeDevices'));
        out.push(...securityRefusals(o, c.securityContext, [...at, 'securityContext']));
      }
      (Array.isArray(c.ports) ? c.ports : []).forEach((p, j) => {
        if (isObj(p) && p.hostPort !== undefined) out.push(refusal(o, [...at, 'ports', j, 'hostPort'], 'key', 'refusedHost', { field: 'hostPort' }, 'whatNodePort'));
      });
      out.push(...handlerRefusals(o, c, at));
    });
  }
  return out;
}
