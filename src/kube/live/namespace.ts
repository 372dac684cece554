import { OWNER_LABEL as SANDBOX_OWNER_LABEL } from '../../sandbox/learner-values';
import type { Cluster } from './client';
import { statusOf } from './status';

/**
 * The learner's own namespace on a cluster: `ctr-learn-<short>` (the short form of the
 * per-learner values, src/lessons/personalize.ts: `ctr-learn-ada`), labelled as ctr-learn's and
 * the learner's (the same owner value the docker sandbox labels with, src/sandbox/learner-values.ts).
 * ctr-learn creates it, applies into it, and deletes only namespaces carrying both labels.
 */
export const MANAGED_BY = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_US = 'ctr-learn';
/** The label the docker sandbox puts the learner (OS user + ctr-learn home) in; here on the namespace. */
export const OWNER_LABEL = SANDBOX_OWNER_LABEL;

export function namespaceFor(short: string): string {
  // A DNS label: lowercase letters, digits and '-', at most 63; the short form is at most 8 [a-z0-9].
  const s = short.toLowerCase().replace(/[^a-z0-9-]/g, '').replace(/^-+|-+$/g, '').slice(0, 40);
  return `ctr-learn-${s || 'learner'}`;
}

/**
 * Pod Security admission (on in every cluster since 1.25) refuses, in a namespace so labelled, a pod
 * that reaches into the node (host namespaces, hostPath, privileged, added capabilities, ...): the
 * API server's own guard behind the boundary's rules (boundary.ts), for what they might miss.
 */
export const POD_SECURITY = 'pod-security.kubernetes.io/enforce';

export function namespaceLabels(owner: string): Record<string, string> {
  return { [MANAGED_BY]: MANAGED_BY_US, [OWNER_LABEL]: owner, [POD_SECURITY]: 'baseline' };
}

/** The label selector of this learner's namespaces (every one ctr-learn made for them). */
export const ownerSelector = (owner: string) => `${MANAGED_BY}=${MANAGED_BY_US},${OWNER_LABEL}=${owner}`;

export const isOurs = (labels: Record<string, string> | undefined, owner: string): boolean => labels?.[MANAGED_BY] === MANAGED_BY_US && labels?.[OWNER_LABEL] === owner;

export class NotOurNamespace extends Error {
  constructor(readonly namespace: string) {
    super(`namespace ${namespace} exists but is not ctr-learn's for this learner`);
  }
}

/**
 * What the learner's namespace may hold at most, whatever is applied into it over time (the
 * boundary counts one file; files add up): the nodes and the disks are shared. A ResourceQuota the
 * learner cannot change (the boundary refuses the kind).
 */
export const QUOTA_NAME = 'ctr-learn';
export const QUOTA = { pods: '20', persistentvolumeclaims: '5', 'requests.storage': '5Gi', services: '10', 'services.nodeports': '0', 'services.loadbalancers': '0', configmaps: '30', secrets: '30' };

async function ensureQuota(c: Cluster, namespace: string): Promise<void> {
  try {
    await c.core.createNamespacedResourceQuota({ namespace, body: { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: QUOTA_NAME, labels: { [MANAGED_BY]: MANAGED_BY_US } }, spec: { hard: QUOTA } } });
  } catch (err) {
    if (statusOf(err).code !== 409) throw err;
  }
  // Until the quota controller has counted what is there, the API server refuses any pod ("status
  // unknown for quota"): wait for its first count, at most 15 s.
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    const q = await c.core.readNamespacedResourceQuota({ name: QUOTA_NAME, namespace });
    if (q.status?.hard && Object.keys(q.status.hard).length) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Create the namespace (labelled) unless it is there; one that is there must carry our labels. */
export async function ensureNamespace(c: Cluster, name: string, owner: string): Promise<'created' | 'there'> {
  let there = false;
  let guarded = false;
  try {
    const ns = await c.core.readNamespace({ name });
    if (!isOurs(ns.metadata?.labels, owner)) throw new NotOurNamespace(name);
    // Deleted a moment ago (reset) and still terminating: wait for it to go, then make it anew.
    if (ns.status?.phase !== 'Terminating') {
      // Made by an older ctr-learn: give it the guards a new one gets (outside this try: its 404s are not the namespace's).
      guarded = ns.metadata?.labels?.[POD_SECURITY] === 'baseline';
      there = true;
    }
    const until = there ? 0 : Date.now() + 60_000;
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, 1000));
      try {
        await c.core.readNamespace({ name });
      } catch (err) {
        if (statusOf(err).code === 404) break;
        throw err;
      }
    }
  } catch (err) {
    if (err instanceof NotOurNamespace || statusOf(err).code !== 404) throw err;
  }
  if (there) {
    if (!guarded) {
      await c.core.patchNamespace({ name, body: [{ op: 'add', path: `/metadata/labels/${POD_SECURITY.replace('/', '~1')}`, value: 'baseline' }] });
      await ensureQuota(c, name);
    }
    return 'there';
  }
  await c.core.createNamespace({ body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: namespaceLabels(owner) } } });
  await ensureQuota(c, name);
  // A pod is refused until the namespace's `default` ServiceAccount exists (a controller makes it
  // a moment after the namespace): wait for it, at most 15 s, so the first dry run is not refused for that.
  const until = Date.now() + 15_000;
  for (;;) {
    try {
      await c.core.readNamespacedServiceAccount({ name: 'default', namespace: name });
      break;
    } catch (err) {
      if (statusOf(err).code !== 404 || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return 'created';
}

/** Delete this learner's namespaces (only those carrying both labels, checked again one by one). */
export async function removeNamespaces(c: Cluster, owner: string): Promise<string[]> {
  const list = await c.core.listNamespace({ labelSelector: ownerSelector(owner) });
  const gone: string[] = [];
  for (const ns of list.items) {
    const name = ns.metadata?.name;
    if (!name || !isOurs(ns.metadata?.labels, owner) || ns.status?.phase === 'Terminating') continue;
    await c.core.deleteNamespace({ name });
    gone.push(name);
  }
  return gone;
}
