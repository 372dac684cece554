import { hostname } from 'node:os';
import type { EngineApi } from '../engine/api';
import { escapeRe, inspectImage, normalizeRef } from '../engine/objects';
import type { ContainerInspect, ContainerSummary, NetworkInspect, VolumeInspect } from '../engine/types';
import { pastEvents } from '../engine/events';
import { readFile } from './files';
import type { LabListing, LabReader, RemovedContainer } from './lab';
import { filtersParam, isSandboxLabel, LABEL, scopeLabelFilter, sessionLabelFilter, type Scope } from './labels';
import { isAlive, readRecords } from './session-file';

/**
 * Is the session that labelled an object still running? A session on another host cannot be
 * asked: it counts as live (never graded away, never removed as a leftover).
 */
export function labelledLive(labels: Record<string, string> | null | undefined): boolean {
  const host = labels?.[LABEL.host];
  if (host !== hostname()) return true;
  return isAlive(Number(labels?.[LABEL.pid]));
}

/**
 * The lookups of one scope: a session's objects of one lesson, or (no session in the scope) the
 * objects of every live session of that learner. Always by label, so a learner's own objects made
 * outside the sandbox never count.
 */
export function scopedReader(api: EngineApi, scope: Scope): LabReader {
  // A session that took a kept lab over runs under the lab's session id, while the lab's older
  // objects name the process that made them: the learner's session files say which sessions live.
  let liveSessions: Set<string> | null = null;
  const liveByRecord = (id: string | undefined) => {
    liveSessions ??= new Set(readRecords(scope.recordsDir).filter((r) => r.host === hostname() && isAlive(r.pid)).map((r) => r.id));
    return id !== undefined && liveSessions.has(id);
  };
  const inScope = (labels: Record<string, string> | null | undefined) =>
    scope.sessionId ? labels?.[LABEL.session] === scope.sessionId : labelledLive(labels) || liveByRecord(labels?.[LABEL.session]);
  const filters = (extra: Record<string, string[]> = {}, of: 'lesson' | 'session' = 'lesson') =>
    filtersParam({
      label: of === 'lesson' || !scope.sessionId ? scopeLabelFilter(scope) : [sessionLabelFilter(scope.sessionId)],
      ...extra,
    });

  const reader: LabReader = {
    lessonId: scope.lessonId,
    engine: api,
    async container(name) {
      const list = await api.json<ContainerSummary[]>('GET', '/containers/json', {
        query: { all: 1, filters: filters({ name: [`^/${escapeRe(name)}$`] }) },
      });
      const hit = list.find((c) => inScope(c.Labels));
      return hit ? api.maybe<ContainerInspect>('GET', `/containers/${hit.Id}/json`) : null;
    },
    outsideContainer: (name) => api.maybe<ContainerInspect>('GET', `/containers/${encodeURIComponent(name)}/json`),
    async removedContainers(name) {
      const since = scope.eventsSince?.() ?? 0;
      const events = (await pastEvents(api, { type: ['container'], event: ['kill', 'die', 'destroy'], label: scopeLabelFilter(scope) }, since)).filter((e) => e.timeNano / 1e9 >= since);
      const byId = new Map<string, RemovedContainer & { name: string; live: boolean }>();
      for (const e of events) {
        const id = e.Actor?.ID ?? '';
        const attrs = e.Actor?.Attributes ?? {};
        if (!byId.has(id)) byId.set(id, { id, name: attrs.name ?? '', autoRemove: false, signals: [], time: 0, live: inScope(attrs) });
        const r = byId.get(id)!;
        if (e.Action === 'kill') r.signals.push(Number(attrs.signal));
        if (e.Action === 'die') r.exitCode = Number(attrs.exitCode);
        if (e.Action === 'destroy') {
          r.time = e.timeNano / 1e9;
          r.autoRemove = attrs[LABEL.autoRemove] === 'true';
        }
      }
      return [...byId.values()].filter((r) => r.time > 0 && r.name === name && r.live).map(({ name: _n, live: _l, ...r }) => r);
    },
    async network(name) {
      const list = await api.json<NetworkInspect[]>('GET', '/networks', { query: { filters: filters({ name: [name] }) } });
      return list.find((n) => n.Name === name && inScope(n.Labels)) ?? null;
    },
    async volume(name) {
      const r = await api.json<{ Volumes: VolumeInspect[] | null }>('GET', '/volumes', { query: { filters: filters({ name: [name] }) } });
      return (r.Volumes ?? []).find((v) => v.Name === name && inScope(v.Labels)) ?? null;
    },
    async image(ref) {
      const image = await inspectImage(api, ref);
      if (!image) return { image: null, outside: false };
      const r = normalizeRef(ref);
      const labels = image.Config?.Labels ?? {};
      const labelled = labels[LABEL.lesson] === scope.lessonId && labels[LABEL.owner] === scope.owner && inScope(labels);
      // The session files (this learner's own) only when the image's labels do not settle it (tag, pull, load).
      const tracked =
        labelled ||
        readRecords(scope.recordsDir).some((rec) => rec.imageRefs[r] === scope.lessonId && (scope.sessionId ? rec.id === scope.sessionId : true) && isAlive(rec.pid));
      return tracked ? { image, outside: false } : { image: null, outside: true };
    },
    async list(of = 'lesson') {
      const f = filters({}, of);
      const [containers, networks, volumes] = await Promise.all([
        api.json<ContainerSummary[]>('GET', '/containers/json', { query: { all: 1, filters: f } }),
        api.json<NetworkInspect[]>('GET', '/networks', { query: { filters: f } }),
        api.json<{ Volumes: VolumeInspect[] | null }>('GET', '/volumes', { query: { filters: f } }),
      ]);
      const listing: LabListing = {
        containers: containers.filter((c) => inScope(c.Labels)),
        networks: networks.filter((n) => inScope(n.Labels)),
        volumes: (volumes.Volumes ?? []).filter((v) => inScope(v.Labels)),
      };
      return listing;
    },
    async readFile(where, path) {
      if ('container' in where) return readFile(api, { containerId: where.container }, path);
      const v = await reader.volume(where.volume);
      return v ? readFile(api, { volume: v.Name, lessonId: scope.lessonId, owner: scope.owner }, path) : null;
    },
    isLabLabel: isSandboxLabel,
  };
  return reader;
}


