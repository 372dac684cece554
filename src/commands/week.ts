import type { Args } from '../cli/args';
import { paint, printJson, println } from '../cli/output';
import { groupContext, parseWeek } from '../course/context';
import { currentWeek, dueLessons, findWeek, isDone, weekStarts } from '../course/due';
import { suggestNext } from '../course/next';
import { titleIn } from '../course/schema';
import { UserError } from '../errors';
import { fill, t } from '../i18n/strings';
import { lessonStatus } from '../progress/status';

/**
 * `ctr-learn week [n]`: a course week's lessons with this learner's progress, what is due, and the
 * suggested next lesson. Without n: the group's current week. The app has no "open at a week"
 * entry yet, so at a terminal this prints the command to start with.
 */
export async function run(args: Args): Promise<number> {
  const ctx = await groupContext(args);
  const { course, progress, stepIds, lang } = ctx;
  const asked = parseWeek(args.positionals[0] ?? args.flags.week);
  const current = currentWeek(course, progress, stepIds);
  const weeks = course.weeks.map((w) => w.week).join(', ');
  const week = asked === undefined ? (current ?? course.weeks[0]) : findWeek(course, asked);
  if (!week) throw new UserError(fill('en', 'groupNoWeek', { week: String(asked), weeks }), `ctr-learn week <${weeks}>`).inEveryLanguage({
    en: { message: fill('en', 'groupNoWeek', { week: String(asked), weeks }), fix: `ctr-learn week ${course.weeks[0].week}`, fixLabel: 'Try' },
    ko: { message: fill('ko', 'groupNoWeek', { week: String(asked), weeks }), fix: `ctr-learn week ${course.weeks[0].week}`, fixLabel: '해 보기' },
  });
  const due = dueLessons(course, progress, stepIds);
  const next = suggestNext(ctx.lessons, course, progress, stepIds);
  const rows = week.lessons.map((id) => {
    const l = ctx.byId.get(id)!;
    const s = lessonStatus(progress, id, stepIds[id]);
    return { id, title: l.title[lang], buildsOn: l.buildsOn ?? [], steps: s.total, passed: s.passed, progress: s.state, due: due.some((d) => d.lesson === id) };
  });
  const from = weekStarts(course, week.week);
  if (args.flags.json) {
    printJson({
      course: course.file, week: week.week, title: titleIn(week.title, lang) ?? null, current: current?.week ?? null,
      starts: from?.toISOString().slice(0, 10) ?? null, lessons: rows, due, next,
    });
    return 0;
  }
  const dates = from ? `  ${paint('muted', fill(lang, 'groupWeekDates', { from: day(from), to: day(new Date(from.getTime() + 6 * 86_400_000)) }))}` : '';
  const isCurrent = current?.week === week.week ? paint('accent', ` (${t(lang, 'groupCurrentWeek')})`) : '';
  println(`${paint('accent', fill(lang, 'groupWeekHeading', { week: week.week }))}${isCurrent}${week.title ? `: ${titleIn(week.title, lang)}` : ''}${dates}`);
  for (const r of rows) {
    const mark = r.progress === 'done' ? paint('pass', '✔') : r.progress === 'in-progress' ? paint('accent', '…') : ' ';
    const deps = r.buildsOn.length ? ` · ${fill(lang, 'groupBuildsOn', { lessons: r.buildsOn.join(', ') })}` : '';
    println(`${mark} ${r.id.padEnd(20)} ${r.title}  ${paint('muted', `${r.passed}/${r.steps}${deps}`)}`);
  }
  println();
  if (!current && course.start) println(fill(lang, 'groupBeforeStart', { date: course.start }));
  else if (due.length) {
    println(t(lang, 'groupDueHeading'));
    for (const d of due) println(`  ${d.lesson} ${paint('muted', `(${fill(lang, 'weekShort', { week: d.week })})`)}`);
  } else println(t(lang, 'groupNothingDue'));
  if (next) {
    const key = next.why === 'continue' ? 'groupNextContinue' : next.why === 'ready' ? 'groupNextReady' : 'groupNextBlocked';
    println(paint('accent', fill(lang, key, { lesson: next.lesson, missing: next.missing.join(', ') })));
    println(paint('muted', fill(lang, 'groupOpenApp', { lesson: next.lesson })));
  } else if (rows.every((r) => isDone(progress, r.id, stepIds))) println(t(lang, 'groupAllDone'));
  return 0;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
