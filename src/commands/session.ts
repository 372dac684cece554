import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Args } from '../cli/args';
import { printJson, println } from '../cli/output';
import { groupContext, parseWeek, type GroupContext } from '../course/context';
import { findWeek } from '../course/due';
import { memberName } from '../course/group-config';
import { UserError } from '../errors';
import { fill } from '../i18n/strings';
import { ensureDir, stateDir, writeJsonAtomically } from '../paths';
import { makeReport } from '../report/make';
import { groupKey, writeReport } from './report';

/**
 * A group meeting, from the command line: `session start` records it (start, lessons, length)
 * and says what to do; `session end` closes it and writes this member's report for its lessons
 * and time window. (A "meeting" here, not a sandbox session: those are the engine-side ones.)
 * The focused app view with a visible timer is not part of this: the app knows nothing of it yet.
 */
interface Meeting {
  startedAt: string;
  minutes: number;
  lessons: string[];
  week?: number;
}

const meetingFile = () => join(stateDir(), 'meeting.json');
export const DEFAULT_MINUTES = 60;

export async function run(args: Args): Promise<number> {
  const sub = args.positionals[0];
  if (sub === 'start') return start(args, await groupContext(args));
  if (sub === 'end') return end(args, await groupContext(args));
  throw new UserError('session needs start or end.', 'ctr-learn session start --week 1 --minutes 90, and at the end: ctr-learn session end');
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
  writeJsonAtomically(join(ensureDir(stateDir()), 'meeting.json'), meeting);
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
  const signed = makeReport(ctx, { lessons: meeting.lessons, week: meeting.week, window: { from: meeting.startedAt, to: now.toISOString() } }, groupKey(args), now);
  const name = memberName().replace(/[^\w.-]+/g, '_');
  const defaultOut = join(ensureDir(join(stateDir(), 'reports')), `${name}-${meeting.startedAt.slice(0, 10)}-${meeting.startedAt.slice(11, 16).replace(':', '')}.${args.flags.json ? 'json' : 'md'}`);
  const out = writeReport(signed, { ...args, flags: { ...args.flags, out: args.flags.out ?? defaultOut } }, ctx.lang)!;
  rmSync(meetingFile(), { force: true });
  const minutes = Math.round((now.getTime() - Date.parse(meeting.startedAt)) / 60_000);
  if (!args.flags.json) println(fill(ctx.lang, 'sessionEnded', { minutes, file: out }));
  return 0;
}

function readMeeting(): Meeting | null {
  try {
    return JSON.parse(readFileSync(meetingFile(), 'utf8')) as Meeting;
  } catch {
    return null;
  }
}
