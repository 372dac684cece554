import type { V1Pod } from '@kubernetes/client-node';
import type { CheckOf, Lang } from '../../lessons/schema';
import type { Outcome } from '../../checks/types';
import { isObj, type KubeObject } from '../workspace';
import { applyObjects } from './apply';
import { openCluster, type Cluster } from './client';
import type { LiveMode } from './mode';
import { namespaceFor } from './namespace';
import { sayLive } from './say';
export { expectedOf } from './expected';
import { statusOf } from './status';

export type LiveCheck = CheckOf<'kube-live'>;

export interface LiveRun {
  mode: Extract<LiveMode, { state: 'on' }>;
  /** The applied file's objects (valid: tier 1 passed), and the one graded. */
  objects: KubeObject[];
  object: KubeObject;
  learner: { short: string; owner: string };
  lang?: Lang;
  signal?: AbortSignal;
  expected: string;
  /** For tests: how often the state is read again while waiting (default 1 s). */
  pollMs?: number;
}

/** The labels that find a workload's pods (a Pod is found by name). */
function selectorOf(o: KubeObject): string | null {
  const spec = isObj(o.data.spec) ? o.data.spec : {};
  // A Service finds pods by its plain selector; a workload by its selector's matchLabels.
  const sel = o.kind === 'Service' ? (isObj(spec.selector) ? spec.selector : null) : isObj(spec.selector) && isObj(spec.selector.matchLabels) ? spec.selector.matchLabels : isObj(spec.template) && isObj(spec.template.metadata) && isObj(spec.template.metadata.labels) ? spec.template.metadata.labels : null;
  return sel ? Object.entries(sel).map(([k, v]) => `${k}=${String(v)}`).join(',') : null;
}

const wantedPods = (o: KubeObject): number => (o.kind === 'Pod' ? 1 : isObj(o.data.spec) && typeof o.data.spec.replicas === 'number' ? o.data.spec.replicas : 1);

async function podsOf(c: Cluster, ns: string, o: KubeObject): Promise<V1Pod[]> {
  if (o.kind === 'Pod') {
    try {
      return [await c.core.readNamespacedPod({ name: o.name, namespace: ns })];
    } catch (err) {
      if (statusOf(err).code === 404) return [];
      throw err;
    }
  }
  const sel = selectorOf(o);
  if (!sel) return [];
  const list = await c.core.listNamespacedPod({ namespace: ns, labelSelector: sel });
  return list.items.filter((p) => !p.metadata?.deletionTimestamp);
}

const isReady = (p: V1Pod) => !!p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True');

interface Seen {
  facts: string[];
  pass: boolean;
}

/** One look at the live state: every fact the check is about, and whether all hold. */
async function look(c: Cluster, ns: string, chk: LiveCheck, run: LiveRun, container: string): Promise<Seen> {
  const L = run.lang;
  const facts: string[] = [];
  let pass = true;
  const pods = await podsOf(c, ns, run.object);
  if (!pods.length) {
    facts.push(sayLive(L, 'actNoPods', { object: chk.object, namespace: ns }));
    pass = false;
  } else {
    const phase = (p: V1Pod) => {
      const waiting = p.status?.containerStatuses?.find((s) => s.state?.waiting?.reason)?.state?.waiting?.reason;
      return `${p.metadata?.name} ${waiting ?? p.status?.phase ?? '?'}${isReady(p) ? ' Ready' : ''}`;
    };
    facts.push(sayLive(L, 'actPods', { pods: pods.map(phase).join(', ') }));
  }
  if (chk.podReady) pass &&= pods.length >= wantedPods(run.object) && pods.every(isReady);
  if (chk.restartsAtLeast) {
    const n = Math.max(0, ...pods.map((p) => p.status?.containerStatuses?.find((s) => s.name === container)?.restartCount ?? 0));
    facts.push(sayLive(L, 'actRestarts', { container, n }));
    pass &&= n >= chk.restartsAtLeast;
  }
  if (chk.event) {
    const names = new Set([run.object.name, ...pods.map((p) => p.metadata?.name ?? '')]);
    const list = await c.core.listNamespacedEvent({ namespace: ns });
    const about = list.items.filter((e) => names.has(e.involvedObject?.name ?? ''));
    const hit = about.find((e) => e.reason === chk.event!.reason && (!chk.event!.message || (e.message ?? '').includes(chk.event!.message)));
    const shown = [...new Set(about.map((e) => e.reason ?? '?'))].join(', ');
    facts.push(sayLive(L, 'actEvents', { events: hit ? `${hit.reason}: ${(hit.message ?? '').slice(0, 100)}` : shown || sayLive(L, 'actNoEvents') }));
    pass &&= !!hit;
  }
  if (chk.serviceEndpoints) {
    const e = chk.serviceEndpoints;
    let svc = true;
    try {
      await c.core.readNamespacedService({ name: e.service, namespace: ns });
    } catch (err) {
      if (statusOf(err).code !== 404) throw err;
      svc = false;
    }
    if (!svc) {
      facts.push(sayLive(L, 'actNoService', { service: e.service, namespace: ns }));
      pass = false;
    } else {
      const slices = await c.discovery.listNamespacedEndpointSlice({ namespace: ns, labelSelector: `kubernetes.io/service-name=${e.service}` });
      const eps = slices.items.flatMap((s) => s.endpoints ?? []);
      const ready = eps.filter((x) => x.conditions?.ready !== false).length;
      facts.push(sayLive(L, 'actEndpoints', { service: e.service, ready, notReady: eps.length - ready }));
      pass &&= (e.ready ? ready : eps.length) >= e.atLeast;
    }
  }
  if (chk.env) {
    const running = pods.find((p) => p.status?.containerStatuses?.some((s) => s.name === container && s.state?.running));
    if (!running) {
      facts.push(sayLive(L, 'actNotRunning', { container }));
      pass = false;
    } else {
      // The environment as the app sees it: the kubelet adds the Service variables when the container starts.
      const out = await c.exec(ns, running.metadata!.name!, container, ['env'], 10_000);
      const vars = new Map(out.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const));
      const v = vars.get(chk.env.name);
      if (v === undefined) {
        facts.push(sayLive(L, 'actNoEnv', { name: chk.env.name, container, names: [...vars.keys()].filter((k) => k.endsWith('_SERVICE_HOST')).join(', ') || '-' }));
        pass = false;
      } else {
        facts.push(sayLive(L, 'actEnv', { name: chk.env.name, value: v }) + sayLive(L, 'actEnvFrom'));
        pass &&= new RegExp(chk.env.matches).test(v);
      }
    }
  }
  return { facts, pass };
}

/**
 * Apply the file (boundary, dry run, apply) and wait, reading the state again every second, until
 * everything the check asks holds or `withinSeconds` ran out. The last look is the evidence.
 */
export async function gradeLive(chk: LiveCheck, run: LiveRun): Promise<Outcome> {
  const L = run.lang;
  const ns = namespaceFor(run.learner.short);
  const expected = run.expected;
  const c = await openCluster(run.mode.file, 10_000);
  if (!c) return { pass: false, expected, actual: sayLive(L, 'doctorNoContext', { file: run.mode.file }) };
  const applied = await applyObjects(c, ns, run.learner.owner, run.objects, L);
  if (!applied.ok) return { pass: false, expected, actual: applied.problems.slice(0, 4).join('\n') };
  const spec = isObj(run.object.data.spec) ? run.object.data.spec : {};
  const template = run.object.kind === 'Pod' ? spec : isObj(spec.template) && isObj(spec.template.spec) ? spec.template.spec : {};
  const containers = (Array.isArray(template.containers) ? template.containers : []).filter(isObj);
  const container = chk.container ?? String(containers[0]?.name ?? '');
  const started = Date.now();
  const until = started + chk.withinSeconds * 1000;
  let seen: Seen;
  for (;;) {
    seen = await look(c, ns, chk, run, container);
    if (seen.pass || Date.now() >= until || run.signal?.aborted) break;
    await new Promise((r) => setTimeout(r, Math.min(run.pollMs ?? 1000, Math.max(0, until - Date.now()))));
  }
  const waited = sayLive(L, 'actWaited', { s: Math.round((Date.now() - started) / 100) / 10 });
  return { pass: seen.pass, expected, actual: `${seen.facts.join('; ')} (${waited})` };
}
