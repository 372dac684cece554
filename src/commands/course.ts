import { resolve } from 'node:path';
import type { Args } from '../cli/args';
import { printJson, println } from '../cli/output';
import { groupContext } from '../course/context';
import { writeGroupConfig } from '../course/group-config';
import { loadCourseFile } from '../course/load';
import { titleIn } from '../course/schema';
import { UserError } from '../errors';
import { quickCatalog } from '../lessons/cache';

/**
 * `ctr-learn course`: the course in use and its weeks. `course use FILE` checks the file and keeps
 * it for every later command (`course use default` goes back to the shipped one).
 */
export async function run(args: Args): Promise<number> {
  const [sub, file] = args.positionals;
  if (sub === 'use') {
    if (!file) throw new UserError('Which course file?', 'ctr-learn course use my-group.yaml (or: ctr-learn course use default)');
    if (file === 'default') {
      writeGroupConfig({ course: null });
      println('Using the shipped course.');
      return 0;
    }
    const path = resolve(file);
    const { lessons } = await quickCatalog();
    const course = loadCourseFile(path, lessons.map((l) => l.id));
    writeGroupConfig({ course: path });
    println(`Using ${path}: ${course.weeks.length} week(s).`);
    return 0;
  }
  if (sub !== undefined) throw new UserError(`course ${sub}: unknown.`, 'ctr-learn course, or ctr-learn course use FILE');
  const { course, lang } = await groupContext(args);
  if (args.flags.json) {
    printJson(course);
    return 0;
  }
  println(`${titleIn(course.title, lang) ?? 'Course'}  (${course.file ?? 'from the lessons\' weeks'})${course.start ? `, starts ${course.start}` : ', self-paced'}`);
  for (const w of course.weeks) println(`  week ${w.week}${w.title ? `: ${titleIn(w.title, lang)}` : ''}\n    ${w.lessons.join(', ')}`);
  return 0;
}
