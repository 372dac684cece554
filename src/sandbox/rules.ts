import type { ContainerInspect, ImageInspect } from '../engine/types';
import { normalizeRef } from '../engine/refs';
import { BadPath, canonicalize, rebuild, type CanonicalRequest } from './door/canonical';
import { judgeCreate, judgeEndpoint, judgeStart, judgeUpdate, labelVolumes } from './door/create';
import { claimRef, refOf, tagsInArchive } from './door/images';
import { BadBody, canonical, parseObject } from './door/json-body';
import { say, why } from './door/messages';
import { BUILTIN_NETWORKS, inspectImage, notFound, notYours, ownContainer, ownExec, ownNetwork, ownVolume, Refusal, refuse, type DoorContext } from './door/owners';
import { matchRoute, type BodyKind, type Match } from './door/table';
import { heldMessage, suggestAnother } from './held-message';
import { LABEL } from './labels';
import { whoHolds } from './who-holds';

export type { DoorContext };

/** What the proxy does with one request. */
export type Decision =
  | { kind: 'refuse'; status: number; message: string }
  | {
      kind: 'forward';
      /** The path and query the engine receives: rebuilt from what was judged. */
      url: string;
      /** The body to send: judged JSON, a buffered archive, the client's stream, or nothing. */
      body: Buffer | 'stream' | null;
      after?: After;
    };

export interface After {
  /** Runs after the engine answered with success. */
  onSuccess?: () => void;
}

/** How the proxy should read the body of a request, before `decide` sees it. */
export function bodyKindOf(method: string, url: string): BodyKind {
  try {
    return matchRoute(method.toUpperCase(), canonicalize(url).segments)?.route.body ?? 'none';
  } catch {
    return 'none';
  }
}

/**
 * The sandbox's rules, one place: route the canonical path through the table (anything not in it
 * is refused), judge the body in the spelling the engine reads, and forward only what was judged.
 */
export async function decide(
  req: { method: string; url: string; body: Buffer | null; upgrade?: boolean },
  ctx: DoorContext,
): Promise<Decision> {
  try {
    return await judge(req, ctx);
  } catch (err) {
    if (err instanceof Refusal) return { kind: 'refuse', status: err.status, message: err.message };
    if (err instanceof BadPath) return { kind: 'refuse', status: 400, message: say(ctx.lang, 'badPath', { why: err.message }) };
    if (err instanceof BadBody) return { kind: 'refuse', status: 400, message: say(ctx.lang, 'badBody', { why: err.message }) };
    throw err;
  }
}

async function judge(req: { method: string; url: string; body: Buffer | null; upgrade?: boolean }, ctx: DoorContext): Promise<Decision> {
  const canon = canonicalize(req.url);
  const method = req.method.toUpperCase();
  const match = matchRoute(method, canon.segments);
  if (!match) refuse(ctx, 403, 'notInTable', { method, path: `/${canon.segments.join('/')}` });
  if (req.upgrade && match.route.cls !== 'upgrade') {
    throw new BadPath(`${method} /${canon.segments.join('/')} cannot be upgraded to a stream`);
  }
  const kind = match.route.body;
  let json: Record<string, unknown> | null = null;
  if (typeof kind === 'object') json = canonical(parseObject(req.body), kind.json) as Record<string, unknown>;
  const out = await RULES[match.route.rule]({ canon, match, json, body: req.body }, ctx);
  const segments = out.segments ?? canon.segments;
  const body = json ? Buffer.from(JSON.stringify(json)) : kind === 'buffer' ? req.body : kind === 'stream' ? 'stream' : null;
  return { kind: 'forward', url: rebuild(canon, segments, out.query ?? canon.query), body, after: out.after };
}

interface In {
  canon: CanonicalRequest;
  match: Match;
  /** The JSON body in canonical spelling; rules may change it before it is forwarded. */
  json: Record<string, unknown> | null;
  body: Buffer | null;
}
interface Out {
  segments?: string[];
  query?: URLSearchParams;
  after?: After;
}
type Rule = (i: In, ctx: DoorContext) => Promise<Out>;

/** Replace the object segment (index 1: /containers/ID/...) by the ID that was checked. */
const withId = (i: In, id: string): string[] => [i.canon.segments[0], id, ...i.canon.segments.slice(2)];
const action = (i: In) => i.canon.segments[2] ?? i.match.route.method.toLowerCase();

const RULES: Record<Match['route']['rule'], Rule> = {
  pass: async () => ({}),

  containerList: async (i, ctx) => ({ query: withOwnLabel(i.canon.query, ctx, 'filters') }),
  events: async (i, ctx) => ({ query: withOwnLabel(i.canon.query, ctx, 'filters') }),

  container: async (i, ctx) => {
    const id = await ownContainer(ctx, i.match.params.id, action(i));
    if (action(i) === 'start' || action(i) === 'restart') await judgeStart(ctx, id);
    return { segments: withId(i, id) };
  },

  containerDelete: async (i, ctx) => {
    const id = await ownContainer(ctx, i.match.params.id, 'rm');
    const q = i.canon.query;
    if (q.get('v') === '1' || q.get('v') === 'true') return { segments: withId(i, id) };
    // Anonymous volumes outlive a container removed without -v: remember them for cleanup.
    const c = await ctx.api.maybe<ContainerInspect>('GET', `/containers/${id}/json`);
    const anon = (c?.Mounts ?? []).filter((mt) => mt.Type === 'volume' && mt.Name && /^[0-9a-f]{64}$/.test(mt.Name));
    return { segments: withId(i, id), after: { onSuccess: () => anon.forEach((mt) => ctx.state.trackVolume(mt.Name!)) } };
  },

  containerCreate: async (i, ctx) => {
    const body = i.json!;
    await refuseIfHeld(ctx, body, i.canon.query.get('name'));
    const { volumesToCreate } = await judgeCreate(ctx, body);
    await labelVolumes(ctx, volumesToCreate);
    const autoRemove = ((body.HostConfig ?? {}) as { AutoRemove?: boolean }).AutoRemove === true;
    body.Labels = { ...((body.Labels as Record<string, string>) ?? {}), ...ctx.state.labels(), ...(autoRemove ? { [LABEL.autoRemove]: 'true' } : {}) };
    return {};
  },

  containerUpdate: async (i, ctx) => {
    const id = await ownContainer(ctx, i.match.params.id, 'update');
    judgeUpdate(ctx, i.json!);
    return { segments: withId(i, id) };
  },

  execCreate: async (i, ctx) => {
    const id = await ownContainer(ctx, i.match.params.id, 'exec');
    if (i.json!.Privileged) refuse(ctx, 403, 'option', { option: 'docker exec --privileged', why: why(ctx.lang, 'privileged') });
    return { segments: withId(i, id) };
  },

  exec: async (i, ctx) => {
    await ownExec(ctx, i.match.params.id, action(i));
    return {};
  },

  networkRead: async (i, ctx) => ({ segments: withId(i, await ownNetwork(ctx, i.match.params.id, 'inspect', true)) }),

  networkCreate: async (i, ctx) => {
    const body = i.json!;
    if (body.Driver && body.Driver !== 'bridge') refuse(ctx, 403, 'option', { option: `--driver ${body.Driver}`, why: why(ctx.lang, 'network') });
    if (body.ConfigFrom || body.ConfigOnly || body.Ingress) refuse(ctx, 403, 'option', { option: '--config-from / --config-only / --ingress', why: why(ctx.lang, 'network') });
    const opts = Object.keys((body.Options as Record<string, string> | null) ?? {});
    const safe = /^com\.docker\.network\.(bridge\.enable_icc|bridge\.enable_ip_masquerade|driver\.mtu)$/;
    const bad = opts.find((k) => !safe.test(k));
    if (bad) refuse(ctx, 403, 'option', { option: `--opt ${bad}`, why: why(ctx.lang, 'network') });
    const ipam = (body.IPAM as Record<string, unknown> | null) ?? {};
    if (ipam.Driver && ipam.Driver !== 'default') refuse(ctx, 403, 'option', { option: '--ipam-driver', why: why(ctx.lang, 'driver') });
    body.Labels = { ...((body.Labels as Record<string, string>) ?? {}), ...ctx.state.labels() };
    return {};
  },

  networkConnect: async (i, ctx) => {
    const body = i.json!;
    const netId = await ownNetwork(ctx, i.match.params.id, `network ${action(i)}`, true);
    body.Container = await ownContainer(ctx, String(body.Container ?? ''), `network ${action(i)}`);
    await judgeEndpoint(ctx, body.EndpointConfig as Record<string, unknown> | null);
    return { segments: withId(i, netId) };
  },

  networkDelete: async (i, ctx) => {
    if (BUILTIN_NETWORKS.has(i.match.params.id)) notYours(ctx, 'network', i.match.params.id, 'rm');
    return { segments: withId(i, await ownNetwork(ctx, i.match.params.id, 'rm', false)) };
  },

  volumeCreate: async (i, ctx) => {
    const body = i.json!;
    if ((body.Driver && body.Driver !== 'local') || Object.keys((body.DriverOpts as object | null) ?? {}).length || body.ClusterVolumeSpec) {
      refuse(ctx, 403, 'option', { option: body.Driver && body.Driver !== 'local' ? `--driver ${body.Driver}` : '--opt', why: why(ctx.lang, 'driver') });
    }
    body.Labels = { ...((body.Labels as Record<string, string>) ?? {}), ...ctx.state.labels() };
    return {};
  },

  volumeDelete: async (i, ctx) => {
    await ownVolume(ctx, i.match.params.name, 'rm');
    return {};
  },

  prune: async (i, ctx) => {
    const query = withOwnLabel(i.canon.query, ctx, 'filters');
    // `image prune -a` removes every tag of an unused image, and somebody may have tagged one the
    // sandbox built: only when every tag of what it would remove is the sandbox's does it go through.
    const dangling = (JSON.parse(query.get('filters')!) as Record<string, unknown>).dangling;
    if (i.canon.segments[0] === 'images' && dangling !== undefined && JSON.stringify(dangling).includes('false')) {
      const images = await ctx.api.json<{ RepoTags: string[] | null }[]>('GET', '/images/json', { query: { filters: query.get('filters')! } });
      const theirs = images.flatMap((img) => img.RepoTags ?? []).find((t) => t !== '<none>:<none>' && !ctx.state.imageRefs.has(normalizeRef(t)));
      if (theirs) refuse(ctx, 403, 'refusedArea', { what: 'docker image prune -a', why: why(ctx.lang, 'pruneAll').replace('{tag}', theirs) });
    }
    return { query };
  },

  imageCreate: async (i, ctx) => {
    const q = i.canon.query;
    const src = q.get('fromSrc');
    if (src !== null && src !== '-') refuse(ctx, 403, 'refusedArea', { what: 'docker import URL', why: why(ctx.lang, 'remote') });
    const repo = src === '-' ? q.get('repo') : q.get('fromImage');
    const tag = q.get('tag');
    if (!repo) return {}; // names nothing: the engine answers with its own error
    if (src !== '-' && !tag && !repo.includes('@') && !/:[^/]*$/.test(repo)) {
      refuse(ctx, 403, 'refusedArea', { what: 'docker pull --all-tags', why: why(ctx.lang, 'allTags') });
    }
    const ref = refOf(repo, tag)!;
    // A pull by digest makes no tag (a digest cannot be moved); remember it for the session's end.
    if (ref.includes('@')) return { after: { onSuccess: () => ctx.state.trackImageRef(ref) } };
    const r = await claimRef(ctx, ref);
    return { after: { onSuccess: () => ctx.state.trackImageRef(r) } };
  },

  imageLoad: async (i, ctx) => {
    let tags: string[];
    try {
      tags = await tagsInArchive(i.body ?? Buffer.alloc(0));
    } catch (err) {
      throw new BadBody(`the archive could not be read (${(err as Error).message})`);
    }
    const refs: string[] = [];
    for (const t of tags) refs.push(await claimRef(ctx, t));
    return { after: { onSuccess: () => refs.forEach((r) => ctx.state.trackImageRef(r)) } };
  },

  imageTag: async (i, ctx) => {
    const ref = refOf(i.canon.query.get('repo'), i.canon.query.get('tag'));
    if (!ref) return {}; // names nothing: the engine answers with its own error
    const r = await claimRef(ctx, ref);
    return { after: { onSuccess: () => ctx.state.trackImageRef(r) } };
  },

  imagePush: async (i, ctx) => {
    // Only what the session made goes out; with no tag (push --all-tags), every tag of the repository.
    const tag = i.canon.query.get('tag');
    const refs = tag
      ? [normalizeRef(refOf(i.match.params.name, tag)!)]
      : (await ctx.api.json<{ RepoTags: string[] | null }[]>('GET', '/images/json', { query: { filters: JSON.stringify({ reference: [i.match.params.name] }) } }))
          .flatMap((img) => img.RepoTags ?? [])
          .map(normalizeRef);
    const theirs = refs.find((r) => !ctx.state.imageRefs.has(r));
    if (theirs) notYours(ctx, 'image', theirs, 'push');
    return {};
  },

  imageDelete: async (i, ctx) => {
    const name = i.match.params.name;
    const ref = name.startsWith('sha256:') || /^[0-9a-f]{12,64}$/.test(name) ? name : normalizeRef(name);
    if (ctx.state.imageRefs.has(ref)) return { after: { onSuccess: () => ctx.state.forgetImageRef(ref) } };
    const img: ImageInspect | null = await inspectImage(ctx, ref);
    if (!img) notFound(ctx, 'image', name);
    // A name the session did not make is not its to remove, even on an image it built (somebody
    // may have tagged it). By ID: only an image this session built, every tag of it the session's.
    const byId = ref === name && (name.startsWith('sha256:') || /^[0-9a-f]{12,64}$/.test(name));
    const tags = (img.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
    if (!byId || !ctx.state.ownsLabels(img.Config?.Labels) || ctx.state.preexistingImageIds.has(img.Id) || tags.some((t) => !ctx.state.imageRefs.has(normalizeRef(t)))) {
      notYours(ctx, 'image', name, 'rmi');
    }
    return {};
  },

  build: async (i, ctx) => {
    const q = i.canon.query;
    // Only `t` (one per tag) may repeat: of any other key the rules below read the first, and a
    // parser that reads the last would build with what they never saw.
    const repeated = [...new Set(q.keys())].find((k) => k !== 't' && q.getAll(k).length > 1);
    if (repeated) refuse(ctx, 403, 'option', { option: `${repeated}= (twice)`, why: why(ctx.lang, 'repeated') });
    if (q.get('remote')) refuse(ctx, 403, 'option', { option: 'docker build URL', why: why(ctx.lang, 'remote') });
    const net = q.get('networkmode') ?? '';
    if (!['', 'default', 'bridge', 'none'].includes(net)) refuse(ctx, 403, 'option', { option: `--network ${net}`, why: why(ctx.lang, 'network') });
    if ((q.get('version') ?? '1') !== '1') refuse(ctx, 403, 'refusedArea', { what: 'BuildKit', why: why(ctx.lang, 'buildkit') });
    if (q.get('isolation') || q.get('cgroupparent')) refuse(ctx, 403, 'option', { option: '--isolation / --cgroup-parent', why: why(ctx.lang, 'kernel') });
    const refs: string[] = [];
    for (const t of q.getAll('t')) refs.push(await claimRef(ctx, t));
    const labels = { ...safeJson(q.get('labels')), ...ctx.state.labels() };
    const out = new URLSearchParams(q);
    out.set('labels', JSON.stringify(labels));
    // The classic builder keeps a failed step's container (and with --rm=false every step's). They
    // are made inside the engine, not through this door: they carry none of the session's labels,
    // so no reset, quit or reap would ever find them. Always removed, whatever was asked.
    out.set('rm', '1');
    out.set('forcerm', '1');
    return { query: out, after: { onSuccess: () => refs.forEach((r) => ctx.state.trackImageRef(r)) } };
  },

  commit: async (i, ctx) => {
    const q = i.canon.query;
    const id = await ownContainer(ctx, q.get('container') ?? '', 'commit');
    const ref = refOf(q.get('repo'), q.get('tag'));
    const r = ref ? await claimRef(ctx, ref) : null;
    const body = i.json!;
    body.Labels = { ...((body.Labels as Record<string, string>) ?? {}), ...ctx.state.labels() };
    const out = new URLSearchParams(q);
    out.set('container', id);
    return { query: out, after: { onSuccess: () => r && ctx.state.trackImageRef(r) } };
  },
};

/**
 * A name or a published host port somebody else holds: say who (another learner's live session,
 * another session of this learner, something outside the sandbox) and what to use instead, in
 * place of the engine's bare "Conflict" or "port is already allocated".
 */
async function refuseIfHeld(ctx: DoorContext, body: Record<string, unknown>, name: string | null): Promise<void> {
  const bindings = ((body.HostConfig as Record<string, unknown> | undefined)?.PortBindings ?? {}) as Record<string, { HostPort?: string }[] | null>;
  const ports = Object.values(bindings).flatMap((list) => (list ?? []).map((b) => Number(b.HostPort)).filter((p) => Number.isInteger(p) && p > 0));
  const asks: { containerName?: string; hostPort?: number }[] = [...(name ? [{ containerName: name.replace(/^\//, '') }] : []), ...[...new Set(ports)].map((hostPort) => ({ hostPort }))];
  for (const what of asks) {
    const holder = await whoHolds(ctx.api, what, ctx.state.identity);
    if (holder) throw new Refusal(409, heldMessage(holder, what, await suggestAnother(ctx.api, what), ctx.lang));
  }
}

/** Add the session's label to a `filters` query parameter, in whichever form the client used. */
function withOwnLabel(q: URLSearchParams, ctx: DoorContext, param: string): URLSearchParams {
  const raw = q.get(param);
  let filters: Record<string, unknown> = {};
  if (raw) {
    try {
      filters = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      throw new BadBody(`the ${param} parameter is not valid JSON`);
    }
    if (!filters || typeof filters !== 'object' || Array.isArray(filters)) throw new BadBody(`the ${param} parameter must be a JSON object`);
  }
  const own = `${LABEL.session}=${ctx.state.identity.id}`;
  const label = filters.label;
  // The CLI sends filters either as {"name":["web"]} or as {"name":{"web":true}}; the engine
  // refuses a mix of the two forms, so the label filter follows whatever form the others use.
  const mapForm = Object.values(filters).some((v) => v && typeof v === 'object' && !Array.isArray(v));
  if (Array.isArray(label)) filters.label = [...label, own];
  else if (label && typeof label === 'object') filters.label = { ...(label as object), [own]: true };
  else filters.label = mapForm ? { [own]: true } : [own];
  const out = new URLSearchParams(q);
  out.set(param, JSON.stringify(filters));
  return out;
}

function safeJson(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
