import type { EngineApi } from './api';
import type { ContainerInspect, ContainerSummary, ImageInspect, NetworkInspect, VolumeInspect } from './types';
import { normalizeRef } from './refs';
import { filtersParam, LABEL, scopeLabelFilter, type Scope } from '../sandbox/labels';
import { isAlive, readRecords } from '../sandbox/session-file';

/** Sandbox lookups used by checks: always scoped by label, so a learner's own objects never count. */
export async function findContainer(api: EngineApi, scope: Scope, name: string): Promise<ContainerInspect | null> {
  const list = await api.json<ContainerSummary[]>('GET', '/containers/json', {
    query: { all: 1, filters: filtersParam({ label: scopeLabelFilter(scope), name: [`^/${escapeRe(name)}$`] }) },
  });
  if (list.length === 0) return null;
  return api.maybe<ContainerInspect>('GET', `/containers/${list[0].Id}/json`);
}

/** A container with that name that is NOT in the sandbox (e.g. the learner's own), for clearer messages. */
export async function outsideContainer(api: EngineApi, name: string): Promise<ContainerInspect | null> {
  return api.maybe<ContainerInspect>('GET', `/containers/${encodeURIComponent(name)}/json`);
}

export async function findNetwork(api: EngineApi, scope: Scope, name: string): Promise<NetworkInspect | null> {
  const list = await api.json<NetworkInspect[]>('GET', '/networks', {
    query: { filters: filtersParam({ label: scopeLabelFilter(scope), name: [name] }) },
  });
  return list.find((n) => n.Name === name) ?? null;
}

export async function findVolume(api: EngineApi, scope: Scope, name: string): Promise<VolumeInspect | null> {
  const r = await api.json<{ Volumes: VolumeInspect[] | null }>('GET', '/volumes', {
    query: { filters: filtersParam({ label: scopeLabelFilter(scope), name: [name] }) },
  });
  return (r.Volumes ?? []).find((v) => v.Name === name) ?? null;
}

/**
 * The image a sandbox session in scope made under this name (build -t, tag, pull, load: the
 * session's record, or the session's labels on a build), or null. A learner's own image of that
 * name, made outside the sandbox, is `outside`: it never counts.
 */
export async function findImage(api: EngineApi, scope: Scope, ref: string): Promise<{ image: ImageInspect | null; outside: boolean }> {
  const image = await inspectImage(api, ref);
  if (!image) return { image: null, outside: false };
  const r = normalizeRef(ref);
  const inScope = (session: string | undefined) => !scope.sessionId || session === scope.sessionId;
  const labels = image.Config?.Labels ?? {};
  const labelled = labels[LABEL.lesson] === scope.lessonId && inScope(labels[LABEL.session]);
  // The session files only when the image's own labels do not settle it (tag, pull, load).
  const tracked = labelled || readRecords().some((rec) => rec.imageRefs[r] === scope.lessonId && inScope(rec.id) && isAlive(rec.pid));
  return tracked ? { image, outside: false } : { image: null, outside: true };
}

export function inspectImage(api: EngineApi, ref: string): Promise<ImageInspect | null> {
  return api.maybe<ImageInspect>('GET', `/images/${encodeURIComponent(normalizeRef(ref))}/json`);
}

export { normalizeRef } from './refs';

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A health check is set (in the container's config, from `--health-cmd` or the image's HEALTHCHECK). */
export function hasHealthCheck(c: ContainerInspect): boolean {
  const test = c.Config.Healthcheck?.Test ?? [];
  return test.length > 0 && test[0] !== 'NONE';
}

/** Last value wins, as in the process environment the container gets. */
export function envValue(env: string[] | null, name: string): string | undefined {
  let value: string | undefined;
  for (const entry of env ?? []) {
    const eq = entry.indexOf('=');
    const k = eq < 0 ? entry : entry.slice(0, eq);
    if (k === name) value = eq < 0 ? '' : entry.slice(eq + 1);
  }
  return value;
}
