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
 *   ConfigMap, Secret, PersistentVolumeClaim;
 * - refused as cluster-scoped: Namespace, Node, PersistentVolume (it can point at a node's disk),
 *   RuntimeClass, StorageClass, PriorityClass, ClusterRole, ClusterRoleBinding,
 *   CustomResourceDefinition, the webhook configurations; as granting permissions: Role,
 *   RoleBinding, ServiceAccount; DaemonSet (a pod on every node), and any kind not listed;
 * - in a pod: hostPath volumes, hostNetwork / hostPID / hostIPC, privileged containers, hostPort;
 * - a Service of type NodePort or LoadBalancer (a port outside the namespace) and externalIPs.
 * A manifest may leave metadata.namespace out (it goes into the learner's) or name the learner's.
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

/** Every reason not to apply these objects into `namespace` (empty: they may go). */
export function checkBoundary(objects: KubeObject[], namespace: string): Refusal[] {
  const out: Refusal[] = [];
  for (const o of objects) {
    if (!(APPLIED_KINDS as readonly string[]).includes(o.kind)) {
      const why: LiveKey = CLUSTER_SCOPED.has(o.kind) ? 'whyClusterScoped' : RBAC.has(o.kind) ? 'whyRbac' : 'whyNotListed';
      out.push(refusal(o, ['kind'], 'value', 'refusedKind', { kind: o.kind, kinds: APPLIED_KINDS.join(', ') }, why));
      continue;
    }
    const meta = isObj(o.data.metadata) ? o.data.metadata : {};
    if (meta.namespace !== undefined && meta.namespace !== namespace) {
      out.push(refusal(o, ['metadata', 'namespace'], 'value', 'refusedNamespace', { ns: String(meta.namespace), mine: namespace }));
    }
    if (o.kind === 'Service' && isObj(o.data.spec)) {
      const type = o.data.spec.type;
      if (type === 'NodePort' || type === 'LoadBalancer') out.push(refusal(o, ['spec', 'type'], 'value', 'refusedServiceType', { type }));
      if (Array.isArray(o.data.spec.externalIPs) && o.data.spec.externalIPs.length) out.push(refusal(o, ['spec', 'externalIPs'], 'key', 'refusedHost', { field: 'spec.externalIPs', what: 'external IPs' }));
    }
    const ps = podSpecOf(o) ?? (o.kind === 'StatefulSet' || o.kind === 'Job' ? templateOf(o) : null);
    if (ps) out.push(...podRefusals(o, ps.spec, ps.path));
  }
  return out;
}

function templateOf(o: KubeObject): { spec: Obj; path: FieldPath } | null {
  const t = isObj(o.data.spec) && isObj(o.data.spec.template) ? o.data.spec.template : null;
  return t && isObj(t.spec) ? { spec: t.spec, path: ['spec', 'template', 'spec'] } : null;
}

function podRefusals(o: KubeObject, spec: Obj, path: FieldPath): Refusal[] {
  const out: Refusal[] = [];
  for (const f of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (spec[f] === true) out.push(refusal(o, [...path, f], 'key', 'refusedHost', { field: f, what: 'the node\'s namespaces' }));
  }
  (Array.isArray(spec.volumes) ? spec.volumes : []).forEach((v, i) => {
    if (isObj(v) && v.hostPath !== undefined) out.push(refusal(o, [...path, 'volumes', i, 'hostPath'], 'key', 'refusedHost', { field: 'hostPath', what: 'a folder of the node' }));
  });
  for (const list of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    (Array.isArray(spec[list]) ? spec[list] : []).forEach((c, i) => {
      if (!isObj(c)) return;
      if (isObj(c.securityContext) && c.securityContext.privileged === true) {
        out.push(refusal(o, [...path, list, i, 'securityContext', 'privileged'], 'key', 'refusedHost', { field: 'securityContext.privileged', what: 'every device of the node' }));
      }
      (Array.isArray(c.ports) ? c.ports : []).forEach((p, j) => {
        if (isObj(p) && p.hostPort !== undefined) out.push(refusal(o, [...path, list, i, 'ports', j, 'hostPort'], 'key', 'refusedHost', { field: 'hostPort', what: 'a port of the node' }));
      });
    });
  }
  return out;
}
