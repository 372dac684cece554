import type { KubernetesObject } from '@kubernetes/client-node';
import type { Lang } from '../../lessons/schema';
import { locate, type FieldPath } from '../load';
import { isObj, type KubeObject } from '../workspace';
import { checkBoundary, refusalText } from './boundary';
import type { Cluster } from './client';
import { statusOf } from './status';
import { ensureNamespace, NotOurNamespace, OWNER_LABEL } from './namespace';
import { sayLive } from './say';

export type Applied = { ok: true; created: boolean; replaced: string[] } | { ok: false; problems: string[] };

/** Objects others refer to first (a pod that starts after its Service gets its variables). */
const ORDER = ['ConfigMap', 'Secret', 'PersistentVolumeClaim', 'Service'];
const rank = (kind: string) => (ORDER.includes(kind) ? ORDER.indexOf(kind) : ORDER.length);

/** `spec.containers[0].image` → ['spec', 'containers', 0, 'image'] */
export function parseFieldPath(field: string): FieldPath {
  const out: FieldPath = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

/**
 * The body sent for one of the learner's objects: as written, into the learner's namespace, and a
 * pod (or a workload's pod template) without a token for the cluster's API unless it says
 * `automountServiceAccountToken` (the boundary lets only `false` through).
 */
export function bodyOf(o: KubeObject, namespace: string): KubernetesObject {
  const data = structuredClone(o.data) as unknown as KubernetesObject & { metadata: Record<string, unknown>; spec?: unknown };
  data.metadata = { ...(data.metadata ?? {}), namespace };
  const spec = isObj(data.spec) ? data.spec : null;
  const pod = o.kind === 'Pod' ? spec : spec && isObj(spec.template) && isObj(spec.template.spec) ? spec.template.spec : null;
  if (pod && pod.automountServiceAccountToken === undefined) pod.automountServiceAccountToken = false;
  return data;
}

/** An API error as the learner's `file:line:col`, where the server named a field. */
export function mapError(o: KubeObject, err: unknown, key: 'dryRunRefused' | 'applyFailed', lang: Lang | undefined): string[] {
  const s = statusOf(err);
  const fielded = s.causes.filter((c) => c.field);
  if (!fielded.length) {
    const p = locate(o.doc, [], 'value');
    return [`${o.doc.file}:${p.line}:${p.col} ${o.kind}/${o.name}: ${sayLive(lang, key, { message: s.message })}`];
  }
  return fielded.map((c) => {
    const p = locate(o.doc, parseFieldPath(c.field!), 'key');
    return `${o.doc.file}:${p.line}:${p.col} ${o.kind}/${o.name}: ${sayLive(lang, key, { message: `${c.field}: ${c.message ?? s.message}` })}`;
  });
}

/** A change a Pod cannot take in place (most of its spec is immutable): it is deleted and made anew. */
const podImmutable = (o: KubeObject, err: unknown) => {
  const s = statusOf(err);
  return o.kind === 'Pod' && s.code === 422 && /pod updates may not change|field is immutable/i.test(s.message);
};

async function gone(c: Cluster, namespace: string, name: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      await c.core.readNamespacedPod({ name, namespace });
    } catch (err) {
      if (statusOf(err).code === 404) return;
      throw err;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * The learner's objects into their namespace: the boundary first (no request for a refused
 * object), the namespace made if needed, a server-side dry run (dryRun=All) of every object, and
 * only when all of them pass, the server-side apply. A Pod whose spec changed in a way a pod cannot
 * take is deleted (grace 0) and applied anew.
 */
export async function applyObjects(c: Cluster, namespace: string, owner: string, objects: KubeObject[], lang: Lang | undefined): Promise<Applied> {
  const refused = checkBoundary(objects, namespace);
  if (refused.length) return { ok: false, problems: refused.map((r) => refusalText(r, lang)) };
  let created: boolean;
  try {
    created = (await ensureNamespace(c, namespace, owner)) === 'created';
  } catch (err) {
    if (err instanceof NotOurNamespace) return { ok: false, problems: [sayLive(lang, 'refusedNsNotOurs', { ns: namespace, label: OWNER_LABEL })] };
    throw err;
  }
  const ordered = [...objects].sort((a, b) => rank(a.kind) - rank(b.kind));
  const replaced: string[] = [];
  const problems: string[] = [];
  for (const o of ordered) {
    try {
      await c.apply(bodyOf(o, namespace), true);
    } catch (err) {
      if (podImmutable(o, err)) replaced.push(o.name);
      else if (statusOf(err).code !== undefined) problems.push(...mapError(o, err, 'dryRunRefused', lang));
      else throw err;
    }
  }
  if (problems.length) return { ok: false, problems };
  for (const name of replaced) {
    await c.core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 });
    await gone(c, namespace, name, 30_000);
  }
  for (const o of ordered) {
    try {
      await c.apply(bodyOf(o, namespace), false);
    } catch (err) {
      if (statusOf(err).code === undefined) throw err;
      return { ok: false, problems: mapError(o, err, 'applyFailed', lang) };
    }
  }
  return { ok: true, created, replaced };
}
