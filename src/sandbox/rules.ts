import type { EngineApi } from '../engine/api';
import { normalizeRef } from '../engine/objects';
import type { ContainerInspect, ImageInspect, NetworkInspect, VolumeInspect } from '../engine/types';
import { LABEL } from './labels';
import type { SandboxState } from './state';

/** What the proxy does with one request. */
export type Decision =
  | { kind: 'pass' }
  | { kind: 'refuse'; message: string }
  | {
      kind: 'rewrite';
      /** New JSON body, if changed. */
      body?: unknown;
      /** New path + query, if changed. */
      url?: string;
      after?: After;
    }
  | { kind: 'watch'; after: After };

interface After {
  /** Runs after the engine answered with success. */
  onSuccess?: () => void;
  /** Sees the streamed response (to learn what `docker load` loaded). */
  scanOutput?: (text: string) => void;
}

const BUILTIN_NETWORKS = new Set(['bridge', 'host', 'none']);

interface Req {
  method: string;
  url: string;
  body: Buffer | null;
  api: EngineApi;
  state: SandboxState;
}

/**
 * The sandbox rules, one place: which requests get labels, which are refused, which are watched.
 * Reads are never refused; changes must target the sandbox's own objects.
 */
export async function decide(req: Req): Promise<Decision> {
  const u = new URL(req.url, 'http://engine');
  const path = u.pathname.replace(/^\/v[0-9.]+/, '');
  const q = u.searchParams;
  const m = req.method.toUpperCase();
  const seg = path.split('/').filter(Boolean).map(decodeURIComponent);
  const { state, api } = req;
  const json = () => (req.body && req.body.length ? (JSON.parse(req.body.toString('utf8')) as Record<string, unknown>) : {});
  const withQuery = (params: URLSearchParams) => `${u.pathname}?${params.toString()}`;

  if (m === 'GET' || m === 'HEAD') {
    // `docker ps` in the sandbox lists the sandbox's containers only.
    if (path === '/containers/json') return { kind: 'rewrite', url: withQuery(addLabelFilter(q, state)) };
    return { kind: 'pass' };
  }

  // ---- creation: add labels ----
  if (m === 'POST' && path === '/containers/create') {
    const body = json();
    body.Labels = { ...((body.Labels as Record<string, string>) ?? {}), ...state.labels() };
    const problem = await labelNamedVolumes(body, api, state);
    if (problem) return { kind: 'refuse', message: problem };
    return { kind: 'rewrite', body };
  }
  if (m === 'POST' && (path === '/networks/create' || path === '/volumes/create')) {
    const body = json();
    body.Labels = { ...((body.Labels as Record<string, string>) ?? {}), ...state.labels() };
    return { kind: 'rewrite', body };
  }
  if (m === 'POST' && path === '/commit') {
    const container = q.get('container') ?? '';
    if (!(await ownsContainer(api, state, container))) return refuseContainer(container, 'commit');
    const ref = q.get('repo') ? normalizeRef(`${q.get('repo')}${q.get('tag') ? `:${q.get('tag')}` : ''}`) : null;
    if (ref && state.preexistingRefs.has(ref) && !state.imageRefs.has(ref)) return refuseRef(ref);
    const body = json();
    body.Labels = { ...((body.Labels as Record<string, string>) ?? {}), ...state.labels() };
    return { kind: 'rewrite', body, after: { onSuccess: () => ref && state.trackImageRef(ref) } };
  }
  if (m === 'POST' && path === '/build') {
    const refs = q.getAll('t').map(normalizeRef);
    const taken = refs.find((r) => state.preexistingRefs.has(r) && !state.imageRefs.has(r));
    if (taken) return refuseRef(taken);
    const labels = { ...safeJson(q.get('labels')), ...state.labels() };
    q.set('labels', JSON.stringify(labels));
    return { kind: 'rewrite', url: withQuery(q), after: { onSuccess: () => refs.forEach((r) => state.trackImageRef(r)) } };
  }
  if (m === 'POST' && path === '/images/create') {
    const name = q.get('fromImage') ?? q.get('repo');
    const tag = q.get('tag');
    const ref = name ? normalizeRef(tag && !tag.startsWith('sha256:') ? `${name}:${tag}` : name) : null;
    return { kind: 'watch', after: { onSuccess: () => ref && state.trackImageRef(ref) } };
  }
  if (m === 'POST' && path === '/images/load') {
    let text = '';
    return {
      kind: 'watch',
      after: {
        scanOutput: (chunk) => (text += chunk),
        onSuccess: () => {
          for (const match of text.matchAll(/Loaded image: ([^\s"\\]+)/g)) state.trackImageRef(match[1]);
        },
      },
    };
  }
  if (m === 'POST' && seg[0] === 'images' && seg.at(-1) === 'tag') {
    const repo = q.get('repo') ?? '';
    const ref = normalizeRef(`${repo}${q.get('tag') ? `:${q.get('tag')}` : ''}`);
    if (state.preexistingRefs.has(ref) && !state.imageRefs.has(ref)) return refuseRef(ref);
    return { kind: 'watch', after: { onSuccess: () => state.trackImageRef(ref) } };
  }

  // ---- prune: only the sandbox's objects ----
  if (m === 'POST' && seg.length === 2 && seg[1] === 'prune') {
    if (seg[0] === 'build') {
      return { kind: 'refuse', message: 'the build cache is shared with everything on this engine, so the sandbox does not prune it.' };
    }
    return { kind: 'rewrite', url: withQuery(addLabelFilter(q, state)) };
  }

  // ---- changes to existing objects: only the sandbox's ----
  if (seg[0] === 'containers' && seg[1]) {
    const id = seg[1];
    if (!(await ownsContainer(api, state, id))) return refuseContainer(id, seg[2] ?? (m === 'DELETE' ? 'rm' : m));
    if (m === 'DELETE' && q.get('v') !== '1' && q.get('v') !== 'true') {
      // Anonymous volumes outlive a container removed without -v: remember them for cleanup.
      const c = await api.maybe<ContainerInspect>('GET', `/containers/${encodeURIComponent(id)}/json`);
      const anon = (c?.Mounts ?? []).filter((mt) => mt.Type === 'volume' && mt.Name && /^[0-9a-f]{64}$/.test(mt.Name));
      return { kind: 'watch', after: { onSuccess: () => anon.forEach((mt) => state.trackVolume(mt.Name!)) } };
    }
    return { kind: 'pass' };
  }
  if (seg[0] === 'exec') return { kind: 'pass' }; // exec instances exist only for containers already allowed
  if (seg[0] === 'networks' && seg[1]) {
    const id = seg[1];
    if (seg[2] === 'connect' || seg[2] === 'disconnect') {
      const container = String(json().Container ?? '');
      if (!(await ownsContainer(api, state, container))) return refuseContainer(container, `network ${seg[2]}`);
      if (BUILTIN_NETWORKS.has(id)) return { kind: 'pass' };
    }
    const n = await api.maybe<NetworkInspect>('GET', `/networks/${encodeURIComponent(id)}`);
    if (n && !state.ownsLabels(n.Labels)) {
      return { kind: 'refuse', message: `network "${n.Name}" is not part of this sandbox (it existed before, or it is yours), so it is left untouched. Create your own: docker network create NAME` };
    }
    return { kind: 'pass' };
  }
  if (seg[0] === 'volumes' && seg[1] && m === 'DELETE') {
    const v = await api.maybe<VolumeInspect>('GET', `/volumes/${encodeURIComponent(seg[1])}`);
    if (v && !state.ownsLabels(v.Labels) && !state.volumes.has(v.Name)) {
      return { kind: 'refuse', message: `volume "${v.Name}" is not part of this sandbox, so it is left untouched.` };
    }
    return { kind: 'pass' };
  }
  if (seg[0] === 'images' && m === 'DELETE') {
    const name = seg.slice(1).join('/');
    const ref = name.startsWith('sha256:') || /^[0-9a-f]{12,64}$/.test(name) ? name : normalizeRef(name);
    if (state.imageRefs.has(ref)) return { kind: 'watch', after: { onSuccess: () => state.forgetImageRef(ref) } };
    const img = await api.maybe<ImageInspect>('GET', `/images/${encodeURIComponent(name)}/json`);
    if (img && (!state.ownsLabels(img.Config?.Labels) || state.preexistingImageIds.has(img.Id))) {
      return { kind: 'refuse', message: `image "${name}" is not part of this sandbox (it existed before the lesson), so it is left untouched.` };
    }
    return { kind: 'pass' };
  }
  if (['swarm', 'services', 'nodes', 'secrets', 'configs', 'plugins'].includes(seg[0])) {
    return { kind: 'refuse', message: `${seg[0]} changes are outside what the sandbox allows.` };
  }
  return { kind: 'pass' };
}

async function ownsContainer(api: EngineApi, state: SandboxState, id: string): Promise<boolean> {
  if (!id) return false;
  const c = await api.maybe<ContainerInspect>('GET', `/containers/${encodeURIComponent(id)}/json`);
  // A name the engine does not know: let the engine answer "No such container" itself.
  return !c || state.ownsLabels(c.Config.Labels);
}

function refuseContainer(id: string, action: string): Decision {
  return {
    kind: 'refuse',
    message: `container "${id}" is not part of this sandbox (it existed before the lesson, or it is yours), so "${action}" was not sent. The sandbox only changes containers created in it.`,
  };
}

function refuseRef(ref: string): Decision {
  return {
    kind: 'refuse',
    message: `the tag "${ref}" existed before this lesson; the sandbox will not move it. Choose another name, e.g. ${ref.replace(/:[^:/]*$/, '')}:mine`,
  };
}

function addLabelFilter(q: URLSearchParams, state: SandboxState): URLSearchParams {
  const filters = safeJson(q.get('filters')) as Record<string, unknown>;
  const label = filters.label;
  const own = `${LABEL.session}=${state.identity.id}`;
  // The CLI sends filters either as {"name":["web"]} or as {"name":{"web":true}}; the engine
  // refuses a mix of the two forms, so the label filter follows whatever form the others use.
  const mapForm = Object.values(filters).some((v) => v && typeof v === 'object' && !Array.isArray(v));
  if (Array.isArray(label)) filters.label = [...label, own];
  else if (label && typeof label === 'object') filters.label = { ...(label as object), [own]: true };
  else filters.label = mapForm ? { [own]: true } : [own];
  const out = new URLSearchParams(q);
  out.set('filters', JSON.stringify(filters));
  return out;
}

function safeJson(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * `-v name:/path` creates a volume implicitly, without labels. Create it first, with labels, so it
 * belongs to the sandbox. Mounting a volume that exists outside the sandbox is refused: the
 * container could change what it holds.
 */
async function labelNamedVolumes(body: Record<string, unknown>, api: EngineApi, state: SandboxState): Promise<string | null> {
  const hc = (body.HostConfig ?? {}) as { Binds?: string[]; Mounts?: { Type?: string; Source?: string }[] };
  const names = new Set<string>();
  for (const b of hc.Binds ?? []) {
    const src = b.split(':')[0];
    if (src && !src.startsWith('/') && b.includes(':')) names.add(src);
  }
  for (const mt of hc.Mounts ?? []) if (mt.Type === 'volume' && mt.Source) names.add(mt.Source);
  for (const name of names) {
    const v = await api.maybe<VolumeInspect>('GET', `/volumes/${encodeURIComponent(name)}`);
    if (!v) {
      await api.json('POST', '/volumes/create', { body: { Name: name, Labels: state.labels() } });
    } else if (!state.ownsLabels(v.Labels) && !state.volumes.has(name)) {
      return `volume "${name}" exists outside this sandbox; mounting it could change your data. Use another volume name.`;
    }
  }
  return null;
}
