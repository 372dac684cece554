import type { Args } from '../cli/args';
import { printJson, println } from '../cli/output';
import { groupContext, parseWeek, type GroupContext } from '../course/context';
import { findWeek } from '../course/due';
import { UserError } from '../errors';
import { fill } from '../i18n/strings';
import { DEFAULT_MINUTES, meetingEnds, minutesLeft, type Meeting } from '../course/meeting';
import type { Lang } from '../lessons/schema';
import { localDateTime } from '../report/format';
import { closeMeeting, readMeeting, writeMeeting } from '../course/meeting-file';
import { groupKey } from './report';

/**
 * A group meeting, from the command line: `session start` records it (start, lessons, length)
 * and says what to do; `session end` closes it and writes this member's report for its lessons
 * and time window. The app shows an open meeting as a focused view with its timer, and closes it
 * itself when the time is up (course/meeting.ts).
 */
export async function run(args: Args): Promise<number> {
  const sub = args.positionals[0];
  if (sub === 'start') return start(args, await groupContext(args));
  if (sub === 'end') return end(args, await groupContext(args));
  if (sub === undefined && readMeeting()) return status(args, await groupContext(args));
  if (sub === undefined) throw new UserError('No session is open.', 'ctr-learn session start --week 1 --minutes 90, and at the end: ctr-learn session end');
  throw new UserError('session needs start or end.', 'ctr-learn session start --week 1 --minutes 90, and at the end: ctr-learn session end');
}

/** A clock time, with its date when it is not today's. */
const when = (d: Date, now: Date) => (d.toDateString() === now.toDateString() ? d.toTimeString().slice(0, 5) : localDateTime(d.toISOString()));

/** "1 minute", "12 minutes", "12분". */
export function minutesText(lang: Lang, minutes: number): string {
  if (lang === 'ko') return minutes < 1 ? '1분 미만' : `${minutes}분`;
  return minutes < 1 ? 'less than a minute' : minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** `ctr-learn session` alone: the open session's lessons, when it started and ends, the minutes left. */
function status(args: Args, ctx: GroupContext): number {
  const meeting = readMeeting()!;
  const now = new Date();
  const left = minutesLeft(meeting, now.getTime());
  if (args.flags.json) {
    printJson({ ...meeting, endsAt: new Date(meetingEnds(meeting)).toISOString(), minutesLeft: left });
    return 0;
  }
  const lang = ctx.lang;
  const leftText = left > 0 ? fill(lang, 'sessionLeft', { left: minutesText(lang, left) }) : fill(lang, 'sessionTimeUp');
  println(fill(lang, 'sessionOpen', { start: when(new Date(meeting.startedAt), now), end: when(new Date(meetingEnds(meeting)), now), left: leftText }));
  for (const id of meeting.lessons) println(`  ${id}  ${ctx.byId.get(id)?.title[lang] ?? ''}`.trimEnd());
  println(fill(lang, 'sessionTodo'));
  return 0;
}

function start(args: Args, ctx: GroupContext): number {
  const open = readMeeting();
  if (open) throw new UserError(`A session started at ${open.startedAt} is still open.`, 'ctr-learn session end');
  const minutes = typeof args.flags.minutes === 'string' ? Number(args.flags.minutes) : DEFAULT_MINUTES;
  if (!Number.isInteger(minutes) || minutes < 1) throw new UserError(`--minutes ${String(args.flags.minutes)}: give a whole number of minutes.`);
  const week = parseWeek(args.flags.week);
  let lessons: string[];
  if (typeof args.flags.lessons === 'string') {
    lessons = args.flags.lessons.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = lessons.filter((id) => !ctx.byId.has(id));
    if (unknown.length || lessons.length === 0) throw new UserError(`No lesson ${unknown.join(', ') || '(none given)'}.`, 'ctr-learn lessons lists them');
  } else {
    const w = week === undefined ? undefined : findWeek(ctx.course, week);
    if (week !== undefined && !w) throw new UserError(`The course has no week ${String(args.flags.week)}; its weeks are ${ctx.course.weeks.map((x) => x.week).join(', ')}.`);
    if (!w) throw new UserError('Which lessons?', 'ctr-learn session start --week 1 (or --lessons run-options,sigterm-trap)');
    lessons = w.lessons;
  }
  const meeting: Meeting = { startedAt: new Date().toISOString(), minutes, lessons, ...(week !== undefined ? { week } : {}) };
  writeMeeting(meeting);
  if (args.flags.json) {
    printJson(meeting);
    return 0;
  }
  const time = (d: Date) => d.toTimeString().slice(0, 5);
  const begun = new Date(meeting.startedAt);
  println(fill(ctx.lang, 'sessionStarted', { time: time(begun), minutes, end: time(new Date(begun.getTime() + minutes * 60_000)) }));
  for (const id of lessons) println(`  ${id}  ${ctx.byId.get(id)!.title[ctx.lang]}`);
  println(fill(ctx.lang, 'sessionTodo'));
  return 0;
}

function end(args: Args, ctx: GroupContext): number {
  const meeting = readMeeting();
  if (!meeting) throw new UserError('No session is open.', 'ctr-learn session start --week N');
  const now = new Date();
  const { file } = closeMeeting(ctx, meeting, { key: groupKey(args), format: args.flags.json ? 'json' : 'md', out: typeof args.flags.out === 'string' ? args.flags.out : undefined, lang: ctx.lang, now });
  const minutes = Math.round((now.getTime() - Date.parse(meeting.startedAt)) / 60_000);
  println(fill(ctx.lang, 'reportWritten', { file }));
  if (!args.flags.json) println(fill(ctx.lang, 'sessionEndedAfter', { duration: minutesText(ctx.lang, minutes), file }));
  return 0;
}
