import type { ProgressData } from '../progress/store';
import type { Course, CourseWeek } from './schema';

const DAY_MS = 86_400_000;

/** Steps of a lesson, for "done": a lesson is done when every one of its steps has passed. */
export type StepIds = Record<string, string[]>;

export function isDone(progress: ProgressData, lessonId: string, stepIds: StepIds): boolean {
  const steps = stepIds[lessonId] ?? [];
  const l = progress.lessons[lessonId];
  return steps.length > 0 && steps.every((s) => l?.steps[s]?.passedAt);
}

/** The first day of week n (UTC midnight of the start date + (n-1)*7 days), or null without a start. */
export function weekStarts(course: Course, week: number): Date | null {
  if (!course.start) return null;
  return new Date(Date.parse(`${course.start}T00:00:00Z`) + (week - 1) * 7 * DAY_MS);
}

/**
 * The group's current week. With a start date: the last course week that has begun (null before
 * the first one). Without: the first week with a lesson not done (self-paced), else the last week.
 */
export function currentWeek(course: Course, progress: ProgressData, stepIds: StepIds, now = new Date()): CourseWeek | null {
  if (course.start) {
    const begun = course.weeks.filter((w) => weekStarts(course, w.week)!.getTime() <= now.getTime());
    return begun.at(-1) ?? null;
  }
  return course.weeks.find((w) => w.lessons.some((id) => !isDone(progress, id, stepIds))) ?? course.weeks.at(-1) ?? null;
}

export interface DueLesson {
  lesson: string;
  week: number;
}

/** What is due: the lessons of past weeks and the current week that are not done, oldest first. */
export function dueLessons(course: Course, progress: ProgressData, stepIds: StepIds, now = new Date()): DueLesson[] {
  const current = currentWeek(course, progress, stepIds, now);
  if (!current) return [];
  return course.weeks
    .filter((w) => w.week <= current.week)
    .flatMap((w) => w.lessons.filter((id) => !isDone(progress, id, stepIds)).map((lesson) => ({ lesson, week: w.week })));
}

export function findWeek(course: Course, week: number): CourseWeek | undefined {
  return course.weeks.find((w) => w.week === week);
}
