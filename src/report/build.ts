import type { Text } from '../lessons/schema';
import type { ProgressData } from '../progress/store';
import { REPORT_FORMAT, REPORT_FORMAT_VERSION, type LessonReport, type Report, type StepReport } from './types';

export interface ReportOptions {
  member: string;
  course: string | null;
  /** The lessons to report, in order, with their course week. */
  lessons: { lesson: { id: string; title: Text; steps: { id: string }[] }; week?: number }[];
  week?: number;
  window?: { from: string; to: string };
  now?: Date;
}

/** A report from the progress data (pure: tests feed it fixtures). */
export function buildReport(progress: ProgressData, o: ReportOptions): Report {
  const inWindow = (at: string) => !o.window || (Date.parse(at) >= Date.parse(o.window.from) && Date.parse(at) <= Date.parse(o.window.to));
  const lessons: LessonReport[] = o.lessons.map(({ lesson, week }) => {
    const lp = progress.lessons[lesson.id];
    const steps: StepReport[] = lesson.steps.map((st) => {
      const s = lp?.steps[st.id];
      const passed = Boolean(s?.passedAt && inWindow(s.passedAt));
      const r: StepReport = { id: st.id, passed, attempts: s?.attempts ?? 0, hintsUsed: s?.hintsUsed ?? 0, solutionRevealed: s?.solutionRevealed ?? false };
      if (s?.passedAt) r.passedAt = s.passedAt;
      if (s?.passedAt && !passed) r.passedBefore = Date.parse(s.passedAt) < Date.parse(o.window!.from);
      if (passed && s?.timeToPassMs !== undefined) r.timeToPassMs = s.timeToPassMs;
      if (passed && s?.evidence) r.evidence = s.evidence;
      return r;
    });
    const l: LessonReport = { id: lesson.id, title: lesson.title.en, stepsPassed: steps.filter((s) => s.passed).length, stepCount: steps.length, steps };
    if (week !== undefined) l.week = week;
    return l;
  });
  const all = lessons.flatMap((l) => l.steps);
  const report: Report = {
    format: REPORT_FORMAT,
    formatVersion: REPORT_FORMAT_VERSION,
    member: o.member,
    createdAt: (o.now ?? new Date()).toISOString(),
    course: o.course,
    lessons,
    totals: {
      lessonsDone: lessons.filter((l) => l.stepsPassed === l.stepCount).length,
      stepsPassed: all.filter((s) => s.passed).length,
      steps: all.length,
      attempts: sum(all.map((s) => s.attempts)),
      hintsUsed: sum(all.map((s) => s.hintsUsed)),
      solutionsRevealed: all.filter((s) => s.solutionRevealed).length,
    },
  };
  if (o.week !== undefined) report.week = o.week;
  if (o.window) report.window = o.window;
  return report;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
