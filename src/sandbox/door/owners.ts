import type { EngineApi } from '../../engine/api';
import type { ContainerInspect, ImageInspect, NetworkInspect, VolumeInspect } from '../../engine/types';
import type { Lang } from '../../lessons/schema';
import { LABEL } from '../labels';
import type { SandboxState } from '../state';
import { say, type MessageKey } from './messages';

/** What every rule may use: the engine, the session's state, the learner's language. */
export interface DoorContext {
  api: EngineApi;
  state: SandboxState;
  lang: Lang;
  /** Real path of the folder bind mounts may come from, or null: no bind mounts at all. */
  bindRoot: string | null;
}

export class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function refuse(ctx: DoorContext, status: number, key: MessageKey, params: Record<string, string> = {}): never {
  throw new Refusal(status, say(ctx.lang, key, params));
}

export const BUILTIN_NETWORKS = new Set(['bridge', 'host', 'none', 'default']);

const KIND_KO = { container: '컨테이너', network: '네트워크', volume: '볼륨', image: '이미지', exec: 'exec' } as const;
type Kind = keyof typeof KIND_KO;
const kindWord = (ctx: DoorContext, kind: Kind) => (ctx.lang === 'ko' ? KIND_KO[kind] : kind);

export function notFound(ctx: DoorContext, kind: Kind, name: string): never {
  return refuse(ctx, 404, 'noSuch', { kind: kindWord(ctx, kind), name });
}

export function notYours(ctx: DoorContext, kind: Kind, name: string, action: string): never {
  return refuse(ctx, 403, 'notYours', { kind: kindWord(ctx, kind), name, action });
}

/**
 * The sandbox's own container by name, ID or ID prefix, as the engine resolves it; returns the
 * full ID so the request forwarded names exactly the container that was checked. An object the
 * engine does not know is never "ours".
 */
export async function ownContainer(ctx: DoorContext, name: string, action: string): Promise<string> {
  if (!name) notFound(ctx, 'container', name);
  const c = await ctx.api.maybe<ContainerInspect>('GET', `/containers/${encodeURIComponent(name)}/json`);
  if (!c) notFound(ctx, 'container', name);
  if (!ctx.state.ownsLabels(c.Config.Labels)) {
    if (c.Config.Labels?.[LABEL.session]) refuse(ctx, 403, 'otherSession', { kind: kindWord(ctx, 'container'), name, action });
    notYours(ctx, 'container', name, action);
  }
  return c.Id;
}

/** The sandbox's own network (full ID), or a built-in one when `builtinOk`. */
export async function ownNetwork(ctx: DoorContext, name: string, action: string, builtinOk: boolean): Promise<string> {
  if (builtinOk && BUILTIN_NETWORKS.has(name)) return name;
  const n = await ctx.api.maybe<NetworkInspect>('GET', `/networks/${encodeURIComponent(name)}`);
  if (!n) notFound(ctx, 'network', name);
  if (builtinOk && BUILTIN_NETWORKS.has(n.Name)) return n.Id;
  if (!ctx.state.ownsLabels(n.Labels)) {
    if (n.Labels?.[LABEL.session]) refuse(ctx, 403, 'otherSession', { kind: kindWord(ctx, 'network'), name, action });
    notYours(ctx, 'network', name, action);
  }
  return n.Id;
}

/** A volume the sandbox made (labelled, or an anonymous one it tracks). */
export async function ownVolume(ctx: DoorContext, name: string, action: string): Promise<void> {
  const v = await ctx.api.maybe<VolumeInspect>('GET', `/volumes/${encodeURIComponent(name)}`);
  if (!v) notFound(ctx, 'volume', name);
  if (!ctx.state.ownsLabels(v.Labels) && !ctx.state.volumes.has(v.Name)) {
    if (v.Labels?.[LABEL.session]) refuse(ctx, 403, 'otherSession', { kind: kindWord(ctx, 'volume'), name, action });
    notYours(ctx, 'volume', name, action);
  }
}

/** An exec instance belongs to the sandbox when its container does. */
export async function ownExec(ctx: DoorContext, id: string, action: string): Promise<void> {
  const e = await ctx.api.maybe<{ ContainerID: string }>('GET', `/exec/${encodeURIComponent(id)}/json`);
  if (!e) notFound(ctx, 'exec', id);
  await ownContainer(ctx, e.ContainerID, action);
}

export async function inspectImage(ctx: DoorContext, name: string): Promise<ImageInspect | null> {
  return ctx.api.maybe<ImageInspect>('GET', `/images/${encodeURIComponent(name)}/json`);
}
