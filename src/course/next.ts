import type { ProgressData } from '../progress/store';
import { isDone, type StepIds } from './due';
import type { Course } from './schema';

/** What a lesson builds on (its `buildsOn` field), for the suggestion. */
export interface LessonDeps {
  id: string;
  buildsOn?: string[];
}

export interface Suggestion {
  lesson: string;
  /**
   * continue: already started, its prerequisites done (or none); ready: not started, everything
   * it builds on is done; blocked: nothing is ready, this is the earliest, `missing` says what to do first.
   */
  why: 'continue' | 'ready' | 'blocked';
  /** The lessons it builds on that are not done yet (only for `blocked`). */
  missing: string[];
}

/**
 * The next lesson to suggest, from what lessons build on rather than only from the order: among
 * the lessons not done, one whose prerequisites are all done, preferring one already started,
 * then course order. Null when everything is done. Pure, so the home screen can call it.
 */
export function suggestNext(lessons: LessonDeps[], course: Course, progress: ProgressData, stepIds: StepIds): Suggestion | null {
  const position = new Map<string, number>();
  course.weeks.forEach((w) => w.lessons.forEach((id) => position.set(id, position.size)));
  // Lessons outside the course come after it, in catalog order.
  lessons.forEach((l) => position.has(l.id) || position.set(l.id, position.size));
  const byId = new Map(lessons.map((l) => [l.id, l]));
  const open = [...byId.keys()].filter((id) => !isDone(progress, id, stepIds)).sort((a, b) => position.get(a)! - position.get(b)!);
  if (open.length === 0) return null;
  // A prerequisite that is not a lesson here (another lessons folder) cannot block.
  const missing = (id: string) => (byId.get(id)?.buildsOn ?? []).filter((p) => byId.has(p) && !isDone(progress, p, stepIds));
  const ready = open.filter((id) => missing(id).length === 0);
  const started = ready.find((id) => progress.lessons[id]?.startedAt);
  if (started) return { lesson: started, why: 'continue', missing: [] };
  if (ready.length) return { lesson: ready[0], why: 'ready', missing: [] };
  return { lesson: open[0], why: 'blocked', missing: missing(open[0]) };
}
