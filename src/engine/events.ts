import type { EngineApi } from './api';
import type { ContainerInspect } from './types';

export interface ContainerEvent {
  /** e.g. "die", "oom", "health_status: healthy" */
  status: string;
  /** seconds since the epoch, with the engine's nanosecond precision */
  time: number;
}

/** An event as the engine's /events gives it. */
export interface EngineEvent {
  Action: string;
  status?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  timeNano: number;
}

/**
 * The engine's past events matching `filters` (its /events filters: type, event, container,
 * label...), from `since` (seconds, sub-second precision kept) until a moment just past, oldest
 * first. The one place that asks: `until` has sub-second precision (a whole-second `until` in the
 * future makes the engine wait for it, one in the past can miss an event of this very second),
 * and the engine keeps only its last 256, which a grading process's EngineApi joins with its own
 * record (engine/event-log.ts).
 */
export async function pastEvents(api: EngineApi, filters: Record<string, string[]>, since = 1): Promise<EngineEvent[]> {
  const r = await api.request('GET', '/events', {
    query: {
      since: Math.max(1, Math.floor(since * 1000) / 1000).toFixed(3),
      until: (Date.now() / 1000 - 0.01).toFixed(3),
      filters: JSON.stringify(filters),
    },
  });
  return r.body
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EngineEvent)
    .filter((e) => e.timeNano / 1e9 >= Math.floor(since));
}

/** One container's past events of the given kinds, since its creation. */
export async function containerEvents(api: EngineApi, c: Pick<ContainerInspect, 'Id' | 'Created'>, kinds: string[]): Promise<ContainerEvent[]> {
  const events = await pastEvents(api, { container: [c.Id], event: kinds }, Math.floor(Date.parse(c.Created) / 1000));
  return events.map((e) => ({ status: String(e.status ?? e.Action ?? ''), time: Number(e.timeNano ?? 0) / 1e9 }));
}

/** A time from the engine in seconds, or null for its zero time ("0001-01-01…": never happened). */
export function engineTime(t: string | undefined): number | null {
  return !t || t.startsWith('0001-') ? null : Date.parse(t) / 1000;
}

/** The health statuses the engine reported for the container, each change once, oldest first. */
export async function healthChanges(api: EngineApi, c: Pick<ContainerInspect, 'Id' | 'Created'>): Promise<ContainerEvent[]> {
  const out: ContainerEvent[] = [];
  for (const e of await containerEvents(api, c, ['health_status'])) {
    const status = e.status.replace(/^health_status:\s*/, '');
    if (status && out.at(-1)?.status !== status) out.push({ status, time: e.time });
  }
  return out;
}

/**
 * Whether the container's current (or last) run was killed for memory. `.State.OOMKilled` alone is
 * not enough (measured on Docker 20.10 under load: about 1 in 16 OOM-killed containers report
 * `false` although the engine emitted the `oom` event for that run), so an `oom` event after
 * the last start counts too. Not one before it, however close: a restart policy starts the next
 * run ~100 ms after an OOM kill, and that kill belongs to the run before.
 */
export async function wasOomKilled(api: EngineApi, c: ContainerInspect): Promise<boolean> {
  if (c.State.OOMKilled) return true;
  const started = engineTime(c.State.StartedAt);
  if (started === null) return false;
  return (await containerEvents(api, c, ['oom'])).some((e) => e.time >= started);
}
