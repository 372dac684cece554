import type { Args } from '../cli/args';
import { pickLang } from '../i18n/lang';
import { quickCatalog } from '../lessons/cache';
import type { Lang, Lesson } from '../lessons/schema';
import { peekProgress } from '../progress/peek';
import type { ProgressData } from '../progress/store';
import type { StepIds } from './due';
import { resolveCourse } from './load';
import type { Course } from './schema';

/** What the group commands read: the lessons, the course in use, this learner's progress (read only). */
export interface GroupContext {
  lessons: Lesson[];
  byId: Map<string, Lesson>;
  course: Course;
  progress: ProgressData;
  stepIds: StepIds;
  lang: Lang;
}

export async function groupContext(args: Args): Promise<GroupContext> {
  const { lessons } = await quickCatalog();
  const peeked = peekProgress();
  // A file that looks wrong is for the store: it moves it aside and starts afresh.
  const progress = peeked.plausible ? peeked.data : (await import('../progress/store')).openProgress().store.data();
  return contextOf(lessons, resolveCourse(lessons, args.flags.course), progress, pickLang(args, progress.lang));
}

/** The context from what a caller already has (the app has the lessons, course and progress in its state). */
export function contextOf(lessons: Lesson[], course: Course, progress: ProgressData, lang: Lang): GroupContext {
  return {
    lessons,
    byId: new Map(lessons.map((l) => [l.id, l])),
    course,
    progress,
    stepIds: Object.fromEntries(lessons.map((l) => [l.id, l.steps.map((s) => s.id)])),
    lang,
  };
}

/** A week number from a flag or a positional; a UserError says which weeks there are. */
export function parseWeek(value: string | boolean | undefined): number | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  if (!/^\d+$/.test(value)) return NaN;
  return Number(value);
}
