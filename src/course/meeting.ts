/**
 * A group meeting (`ctr-learn session start`): when it started, how long it lasts, its lessons.
 * Kept in the state folder (course/meeting-file.ts), so the app and the commands see the same
 * one. (A "meeting" here, not a sandbox session: those are the engine-side ones.) Pure: the app's
 * reducer reads it before its first frame.
 */
export interface Meeting {
  startedAt: string;
  minutes: number;
  lessons: string[];
  week?: number;
}

export const DEFAULT_MINUTES = 60;

/** When the meeting's time is up (ms since the epoch). */
export const meetingEnds = (m: Meeting) => Date.parse(m.startedAt) + m.minutes * 60_000;

/** Whole minutes left (0 when the time is up), rounded up: "1 min left" until the last second. */
export const minutesLeft = (m: Meeting, now: number) => Math.max(0, Math.ceil((meetingEnds(m) - now) / 60_000));
