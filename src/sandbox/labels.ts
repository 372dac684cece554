import { hostname } from 'node:os';

/** Labels ctr-learn puts on everything a learner creates. Never put on a base image. */
export const LABEL = {
  session: 'ctr-learn.session',
  lesson: 'ctr-learn.lesson',
  /** Owner process, so the next start can tell a dead session's leftovers from a live one's. */
  pid: 'ctr-learn.pid',
  host: 'ctr-learn.host',
} as const;

export interface SessionIdentity {
  id: string;
  pid: number;
  host: string;
}

export function newIdentity(): SessionIdentity {
  const id = `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return { id, pid: process.pid, host: hostname() };
}

export function labelsFor(who: SessionIdentity, lessonId: string): Record<string, string> {
  return {
    [LABEL.session]: who.id,
    [LABEL.lesson]: lessonId,
    [LABEL.pid]: String(who.pid),
    [LABEL.host]: who.host,
  };
}

/** Which sandbox objects a check or a reset looks at. */
export interface Scope {
  lessonId: string;
  /** One session only (verify); all live sessions of the lesson if omitted (check from another terminal). */
  sessionId?: string;
}

export function scopeLabelFilter(scope: Scope): string[] {
  const f = [`${LABEL.lesson}=${scope.lessonId}`];
  if (scope.sessionId) f.push(`${LABEL.session}=${scope.sessionId}`);
  return f;
}

export function sessionLabelFilter(sessionId: string): string {
  return `${LABEL.session}=${sessionId}`;
}

export function filtersParam(filters: Record<string, string[]>): string {
  return JSON.stringify(filters);
}
