import { hostname } from 'node:os';
import { learnerId } from './learner-id';

/**
 * Labels ctr-learn puts on everything a learner creates. Never put on a base image. This scheme
 * is the sandbox's own business: nothing outside src/sandbox/ reads or writes these keys.
 */
export const LABEL = {
  session: 'ctr-learn.session',
  lesson: 'ctr-learn.lesson',
  /** Owner process, so the next start can tell a dead session's leftovers from a live one's. */
  pid: 'ctr-learn.pid',
  host: 'ctr-learn.host',
  /** The learner (OS user + ctr-learn home) whose session made it: reset, check and clean act on their own only. */
  owner: 'ctr-learn.owner',
  /**
   * Put on a container created with --rm (HostConfig.AutoRemove): once the engine has removed it,
   * its `destroy` event still carries the labels, so grading can tell "removed itself" from
   * "removed by hand" or "never there".
   */
  autoRemove: 'ctr-learn.auto-remove',
} as const;

/** The helper container a volume is read through (never a learner's object). */
export const HELPER_LABEL = 'ctr-learn.helper';

export interface SessionIdentity {
  id: string;
  pid: number;
  host: string;
  /** The learner the session belongs to (see learnerId). */
  owner: string;
}

export function newIdentity(env = process.env): SessionIdentity {
  const id = `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return { id, pid: process.pid, host: hostname(), owner: learnerId(env) };
}

export function labelsFor(who: SessionIdentity, lessonId: string): Record<string, string> {
  return {
    [LABEL.session]: who.id,
    [LABEL.lesson]: lessonId,
    [LABEL.pid]: String(who.pid),
    [LABEL.host]: who.host,
    [LABEL.owner]: who.owner,
  };
}

/** Does this key belong to the sandbox's bookkeeping (not to what the learner wrote)? */
export function isSandboxLabel(key: string): boolean {
  return key === HELPER_LABEL || (Object.values(LABEL) as string[]).includes(key);
}

/** Which sandbox objects a lookup, a check or a reset looks at. */
export interface Scope {
  lessonId: string;
  /** One learner's objects only. */
  owner: string;
  /** One session only (the app, verify, `ctr-learn shell`); else every live session of `owner`. */
  sessionId?: string;
  /** Where that learner's session files are (default: the current home's). */
  recordsDir?: string;
  /**
   * Engine events before this time (seconds since the epoch) are not the lab's current history:
   * the lesson was reset since (a destroyed container of an earlier attempt proves nothing now).
   */
  eventsSince?: () => number;
}

export function scopeLabelFilter(scope: Scope): string[] {
  const f = [`${LABEL.lesson}=${scope.lessonId}`, `${LABEL.owner}=${scope.owner}`];
  if (scope.sessionId) f.push(`${LABEL.session}=${scope.sessionId}`);
  return f;
}

export function sessionLabelFilter(sessionId: string): string {
  return `${LABEL.session}=${sessionId}`;
}

export function filtersParam(filters: Record<string, string[]>): string {
  return JSON.stringify(filters);
}
