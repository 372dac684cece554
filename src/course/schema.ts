import { z } from 'zod';

/**
 * A course file: which lessons a study group does in which week. YAML, validated by this schema
 * (the single source of truth for the types). The shipped default is lessons/course.yaml; a
 * group can use its own with `--course FILE` or `ctr-learn course use FILE`.
 */
export const COURSE_FORMAT_VERSION = 1;

const LessonId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lesson id (a-z, 0-9, -)');
/** One text, or one per language (the group's own file may be in one language). */
const Title = z.union([z.string().min(1), z.object({ en: z.string().min(1), ko: z.string().min(1) }).strict()]);
export type Title = z.infer<typeof Title>;

export const CourseWeek = z.object({
  /** The week's number: week 1 starts on `start`, week n starts (n-1)*7 days later. */
  week: z.number().int().min(1),
  /** What the meeting is about, e.g. "Run options and shutdown". */
  title: Title.optional(),
  /** The lessons of this week, in the order to do them. */
  lessons: z.array(LessonId).min(1),
}).strict();
export type CourseWeek = z.infer<typeof CourseWeek>;

export const CourseData = z.object({
  /** The course format; ctr-learn refuses versions it does not know. */
  formatVersion: z.literal(COURSE_FORMAT_VERSION),
  title: Title.optional(),
  /**
   * The day week 1 starts (YYYY-MM-DD, the group's first meeting). Without it there is no
   * calendar: the current week is the first one with a lesson not done (self-paced).
   */
  start: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD').optional(),
  weeks: z.array(CourseWeek).min(1),
}).strict();
export type CourseData = z.infer<typeof CourseData>;

/** A loaded course and where it came from (for messages and reports). */
export interface Course extends CourseData {
  /** The file, or null for a course made from the lessons' own `week` fields. */
  file: string | null;
}

export function titleIn(title: Title | undefined, lang: 'en' | 'ko'): string | undefined {
  return title === undefined ? undefined : typeof title === 'string' ? title : title[lang];
}
