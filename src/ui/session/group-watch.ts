import { describeError } from '../../errors';
import type { Lesson } from '../../lessons/schema';
import type { AppEvent } from '../state/events';
import type { AppState } from '../state/state';

/** How often the clock moves while a meeting is open: the timer shows whole minutes. */
const TICK_MS = 5_000;

/**
 * The study group, for the app (after its first frame): the course in use (the one kept with
 * `ctr-learn course use`, else the shipped one) and an open meeting, with a clock that moves
 * while the meeting is open. Stop it with the returned function.
 */
export async function watchGroup(lessons: Lesson[], dispatch: (e: AppEvent) => void): Promise<() => void> {
  const [{ resolveCourse }, { readMeeting }] = await Promise.all([import('../../course/load'), import('../../course/meeting-file')]);
  let course;
  try {
    course = resolveCourse(lessons, undefined);
  } catch {
    // A course file that does not load is for `ctr-learn course` to explain; the app lists the lessons.
    return () => {};
  }
  const meeting = readMeeting();
  dispatch({ type: 'groupLoaded', course, meeting });
  if (!meeting) return () => {};
  const timer = setInterval(() => dispatch({ type: 'tick', now: Date.now() }), TICK_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** The meeting's time is up: this member's report for it, as `session end` writes it. */
export async function closeMeetingNow(s: AppState, dispatch: (e: AppEvent) => void): Promise<void> {
  const meeting = s.group?.meeting;
  if (!s.group || !meeting) return;
  try {
    const [{ closeMeeting }, { readGroupKey }, { contextOf }] = await Promise.all([import('../../course/meeting-file'), import('../../course/group-config'), import('../../course/context')]);
    const { file } = closeMeeting(contextOf(s.lessons, s.group.course, s.progress, s.lang), meeting, { key: readGroupKey(), format: 'md', lang: s.lang });
    dispatch({ type: 'meetingClosed', file });
  } catch (err) {
    dispatch({ type: 'meetingClosed', error: describeError(err).split('\n')[0] });
  }
}
