import { lessonsRoot } from '../paths';
import { formatProblem } from './problems';
import { lessonDirs, loadLesson } from './load';
import type { Lesson } from './schema';

/**
 * The lessons the app offers, sorted by track order. A malformed lesson is left out and reported,
 * never a crash: the others still work.
 */
export function loadCatalog(root = lessonsRoot()): { lessons: Lesson[]; broken: string[] } {
  const lessons: Lesson[] = [];
  const broken: string[] = [];
  for (const dir of lessonDirs(root)) {
    const { lesson, problems } = loadLesson(dir);
    if (lesson && problems.length === 0) lessons.push(lesson);
    else broken.push(...problems.map(formatProblem));
  }
  lessons.sort((a, b) => a.track.localeCompare(b.track) || a.order - b.order);
  return { lessons, broken };
}

export { findLesson } from './find';
