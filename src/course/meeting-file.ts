import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../lessons/schema';
import { ensureDir, stateDir, writeJsonAtomically } from '../paths';
import { reportMarkdown } from '../report/format';
import { makeReport } from '../report/make';
import type { SignedReport } from '../report/types';
import type { GroupContext } from './context';
import { memberName } from './group-config';
import type { Meeting } from './meeting';

/** The open meeting's file, read and written by `session start/end` and the app. */
const meetingFile = () => join(stateDir(), 'meeting.json');

export function readMeeting(): Meeting | null {
  try {
    const m = JSON.parse(readFileSync(meetingFile(), 'utf8')) as Meeting;
    return typeof m.startedAt === 'string' && Number.isFinite(m.minutes) && Array.isArray(m.lessons) ? m : null;
  } catch {
    return null;
  }
}

export function writeMeeting(m: Meeting): void {
  writeJsonAtomically(join(ensureDir(stateDir()), 'meeting.json'), m);
}


/** Where a meeting's report goes by default: the state folder's reports/, by member and start. */
export function defaultReportPath(m: Meeting, format: 'md' | 'json'): string {
  const name = memberName().replace(/[^\w.-]+/g, '_');
  return join(ensureDir(join(stateDir(), 'reports')), `${name}-${m.startedAt.slice(0, 10)}-${m.startedAt.slice(11, 16).replace(':', '')}.${format}`);
}

/**
 * Close the meeting: this member's report for its lessons and time window, signed with the
 * group key when there is one, written to `out`; the meeting file is removed. Prints nothing
 * (the app calls it too).
 */
export function closeMeeting(ctx: GroupContext, m: Meeting, opts: { key: string | null; format: 'md' | 'json'; out?: string; lang: Lang; now?: Date }): { signed: SignedReport; file: string } {
  const now = opts.now ?? new Date();
  const signed = makeReport(ctx, { lessons: m.lessons, week: m.week, window: { from: m.startedAt, to: now.toISOString() } }, opts.key, now);
  const file = opts.out ?? defaultReportPath(m, opts.format);
  writeFileSync(file, opts.format === 'json' ? JSON.stringify(signed, null, 2) + '\n' : reportMarkdown(signed, opts.lang));
  rmSync(meetingFile(), { force: true });
  return { signed, file };
}
