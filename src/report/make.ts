import { basename } from 'node:path';
import type { GroupContext } from '../course/context';
import { findWeek } from '../course/due';
import { memberName } from '../course/group-config';
import { UserError } from '../errors';
import { buildReport } from './build';
import { sign } from './sign';
import type { SignedReport } from './types';

export interface ReportScope {
  week?: number;
  /** Only these lessons (a session's). */
  lessons?: string[];
  window?: { from: string; to: string };
}

/** This learner's signed report for a scope: a course week, some lessons, or all the course. */
export function makeReport(ctx: GroupContext, scope: ReportScope, key: string | null, now = new Date()): SignedReport {
  const weekOf = new Map(ctx.course.weeks.flatMap((w) => w.lessons.map((id) => [id, w.week] as const)));
  let ids: string[];
  if (scope.lessons) ids = scope.lessons;
  else if (scope.week !== undefined) {
    const w = findWeek(ctx.course, scope.week);
    if (!w) throw new UserError(`The course has no week ${scope.week}; its weeks are ${ctx.course.weeks.map((x) => x.week).join(', ')}.`);
    ids = w.lessons;
  } else ids = [...ctx.course.weeks.flatMap((w) => w.lessons), ...ctx.lessons.map((l) => l.id).filter((id) => !weekOf.has(id))];
  const lessons = ids.map((id) => {
    const lesson = ctx.byId.get(id);
    if (!lesson) throw new UserError(`No lesson "${id}".`, 'ctr-learn lessons lists them');
    return { lesson, week: weekOf.get(id) };
  });
  const report = buildReport(ctx.progress, {
    member: memberName(),
    course: ctx.course.file ? basename(ctx.course.file) : null,
    lessons,
    week: scope.week,
    window: scope.window,
    now,
  });
  return sign(report, key);
}
