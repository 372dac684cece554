import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { UserError } from '../errors';
import { yamlLine } from '../lessons/yaml-line';
import type { Lesson } from '../lessons/schema';
import { lessonsRoot } from '../paths';
import { readGroupConfig } from './group-config';
import { COURSE_FORMAT_VERSION, CourseData, type Course } from './schema';

/** A problem in a course file, as `file:line message`. */
export interface CourseProblem {
  file: string;
  line: number;
  message: string;
}

export const formatCourseProblem = (p: CourseProblem) => `${p.file}:${p.line} ${p.message}`;

/**
 * Parse and check a course file against the lessons that exist. Every problem is collected (with
 * its line) so an author fixes them in one go.
 */
export function parseCourse(text: string, file: string, lessonIds: string[]): { course: Course | null; problems: CourseProblem[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length) {
    return { course: null, problems: doc.errors.map((e) => ({ file, line: e.linePos?.[0].line ?? 1, message: `not valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}` })) };
  }
  const at = (path: (string | number)[]) => (doc.contents ? yamlLine(doc.contents, path, lc) : 1);
  const raw = doc.toJS() as unknown;
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== undefined && version !== COURSE_FORMAT_VERSION) {
    return { course: null, problems: [{ file, line: at(['formatVersion']), message: `formatVersion ${String(version)} is not one this ctr-learn knows (${COURSE_FORMAT_VERSION}): update ctr-learn, or write the file in format ${COURSE_FORMAT_VERSION}` }] };
  }
  const parsed = CourseData.safeParse(raw);
  if (!parsed.success) {
    return {
      course: null,
      problems: parsed.error.issues.map((i) => {
        // An unknown key is reported on its parent: point at the key itself.
        const path = [...i.path, ...(i.code === 'unrecognized_keys' ? i.keys.slice(0, 1) : [])] as (string | number)[];
        return { file, line: at(path), message: `${i.path.join('.') || '(top)'}: ${i.message}` };
      }),
    };
  }
  const problems: CourseProblem[] = [];
  const known = new Set(lessonIds);
  const seenWeeks = new Map<number, number>();
  const seenLessons = new Map<string, number>();
  parsed.data.weeks.forEach((w, wi) => {
    if (seenWeeks.has(w.week)) problems.push({ file, line: at(['weeks', wi, 'week']), message: `week ${w.week} is listed twice (first as weeks[${seenWeeks.get(w.week)}]): merge them or renumber` });
    seenWeeks.set(w.week, wi);
    w.lessons.forEach((id, li) => {
      const line = at(['weeks', wi, 'lessons', li]);
      if (!known.has(id)) problems.push({ file, line, message: `week ${w.week}: no lesson "${id}" (the lessons are: ${lessonIds.join(', ')})` });
      else if (seenLessons.has(id)) problems.push({ file, line, message: `week ${w.week}: lesson "${id}" is already in week ${seenLessons.get(id)}: list each lesson once` });
      seenLessons.set(id, w.week);
    });
  });
  if (problems.length) return { course: null, problems };
  const weeks = [...parsed.data.weeks].sort((a, b) => a.week - b.week);
  return { course: { ...parsed.data, weeks, file }, problems };
}

/** The course made from the lessons' own `week` and `order` fields, when no course file exists. */
export function courseFromLessons(lessons: Pick<Lesson, 'id' | 'week' | 'order' | 'track'>[]): Course {
  const byWeek = new Map<number, typeof lessons>();
  for (const l of lessons) byWeek.set(l.week, [...(byWeek.get(l.week) ?? []), l]);
  const weeks = [...byWeek.entries()]
    .sort(([a], [b]) => a - b)
    .map(([week, ls]) => ({ week, lessons: [...ls].sort((a, b) => a.track.localeCompare(b.track) || a.order - b.order).map((l) => l.id) }));
  return { formatVersion: COURSE_FORMAT_VERSION, weeks, file: null };
}

/** The shipped default: course.yaml next to the lesson folders. */
export const defaultCoursePath = (root = lessonsRoot()) => join(root, 'course.yaml');

/** Read and check one course file; a broken one is a UserError listing every problem as file:line. */
export function loadCourseFile(file: string, lessonIds: string[]): Course {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`Cannot read the course file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`, 'check the path, or run ctr-learn course use default');
  }
  const { course, problems } = parseCourse(text, file, lessonIds);
  if (!course) throw new UserError(`The course file has ${problems.length} problem(s):\n${problems.map(formatCourseProblem).join('\n')}`, 'fix the lines above, then run the command again');
  return course;
}

/**
 * The course in use: --course FILE, else the one saved with `ctr-learn course use`, else the
 * shipped course.yaml, else one made from the lessons' `week` fields (another lessons folder).
 */
export function resolveCourse(lessons: Lesson[], flag?: string | boolean, cwd = process.cwd()): Course {
  const ids = lessons.map((l) => l.id);
  if (typeof flag === 'string') return loadCourseFile(resolve(cwd, flag), ids);
  const saved = readGroupConfig().course;
  if (saved) return loadCourseFile(saved, ids);
  const shipped = defaultCoursePath();
  if (existsSync(shipped)) return loadCourseFile(shipped, ids);
  return courseFromLessons(lessons);
}
