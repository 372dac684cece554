import type { EngineApi } from '../engine/api';
import { filtersParam, LABEL, sessionLabelFilter } from './labels';

/** Events that can change a step's outcome. `destroy` matters for "--rm removed it" checks. */
const WATCHED = ['start', 'die', 'destroy', 'health_status'];

/**
 * Follow one session's container events; `onLessons` gets the lessons of each batch of events.
 * Resolves when the engine ends the stream; rejects when it cannot be opened.
 */
export async function followSession(api: EngineApi, sessionId: string, onLessons: (ids: string[]) => void, signal: AbortSignal): Promise<void> {
  const filters = filtersParam({ type: ['container'], event: WATCHED, label: [sessionLabelFilter(sessionId)] });
  const res = await api.stream('GET', '/events', { query: { filters }, signal });
  let partial = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    const lessons = new Set<string>();
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        const msg = JSON.parse(line) as { Actor?: { Attributes?: Record<string, string> } };
        const lesson = msg.Actor?.Attributes?.[LABEL.lesson];
        if (lesson) lessons.add(lesson);
      } catch {
        /* a partial or foreign line: ignore */
      }
    }
    if (lessons.size) onLessons([...lessons]);
  });
  await new Promise<void>((resolve) => {
    res.on('end', resolve);
    res.on('close', resolve);
    res.on('error', () => resolve());
  });
}
