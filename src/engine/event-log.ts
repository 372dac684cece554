import type { IncomingMessage } from 'node:http';

/**
 * The engine keeps only its last 256 events; on a busy shared engine (health checks alone make
 * a few a second) an event a check needs can be gone a minute later: "the job removed itself",
 * "SIGTERM, then SIGKILL", "pulled after a delete". A process that grades (the app, verify) keeps
 * its own copy from the moment it starts: every engine event, as the engine streamed it. A past
 * events query then gets the engine's answer joined with the recorded events that match its
 * filters (each event once), so an event the engine dropped still counts, and one the stream has
 * not delivered yet is still in the engine's answer.
 */
export interface RawEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  timeNano: number;
}

/** At most this many events are kept (oldest dropped): hours of a lesson, a few MB. */
const MAX_EVENTS = 50_000;

export class EventLog {
  private readonly events: RawEvent[] = [];
  constructor(private readonly res: IncomingMessage) {
    let partial = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        try {
          this.events.push(JSON.parse(line) as RawEvent);
        } catch {
          /* not an event */
        }
      }
      if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
    });
    res.on('error', () => {});
  }

  close(): void {
    this.res.destroy();
  }

  /**
   * The recorded events between `since` and `until` (seconds) that match `filters`, or null when a
   * filter is one the log does not read. (Before the log began it holds nothing; what it holds is
   * only ever added to the engine's answer, so a log that began late adds less, never wrong.)
   */
  matching(since: number, until: number, filters: Record<string, string[]>): RawEvent[] | null {
    if (Object.keys(filters).some((k) => !MATCHERS[k])) return null;
    return this.events.filter((e) => {
      const t = e.timeNano / 1e9;
      return t >= since && t <= until && Object.entries(filters).every(([k, values]) => values.length === 0 || values.some((v) => MATCHERS[k](e, v)));
    });
  }
}

/** The engine's filters, as it reads them for events (moby daemon/events/filter.go). */
const MATCHERS: Record<string, (e: RawEvent, v: string) => boolean> = {
  type: (e, v) => e.Type === v,
  // "health_status: healthy" and "exec_start: sh" match by the part before the colon too.
  event: (e, v) => {
    const a = e.Action ?? e.status ?? '';
    return a === v || a.split(':')[0] === v;
  },
  container: (e, v) => e.Type === 'container' && (e.Actor?.ID === v || (v.length >= 12 && !!e.Actor?.ID?.startsWith(v)) || e.Actor?.Attributes?.name === v),
  label: (e, v) => {
    const attrs = e.Actor?.Attributes ?? {};
    const eq = v.indexOf('=');
    return eq < 0 ? v in attrs : attrs[v.slice(0, eq)] === v.slice(eq + 1);
  },
};

/** Each event once: the engine's answer and the log's can hold the same event. */
export const eventKey = (e: RawEvent) => `${e.timeNano}|${e.Type}|${e.Action ?? e.status}|${e.Actor?.ID ?? e.id}`;
