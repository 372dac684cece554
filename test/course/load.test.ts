import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { courseFromLessons, defaultCoursePath, formatCourseProblem, parseCourse } from '../../src/course/load';
import { loadCatalog } from '../../src/lessons/catalog';
import { lessonsRoot } from '../../src/paths';

const IDS = ['run-options', 'sigterm-trap', 'network-drivers', 'images-registry'];
const parse = (text: string) => parseCourse(text, 'group.yaml', IDS);

describe('course file', () => {
  it('parses a valid file, weeks sorted by number', () => {
    const text = 'formatVersion: 1\nstart: 2026-03-02\nweeks:\n  - week: 2\n    lessons: [images-registry]\n  - week: 1\n    title: Run\n    lessons: [run-options, sigterm-trap]\n';
    const { course, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(course).toMatchObject({ start: '2026-03-02', file: 'group.yaml', weeks: [{ week: 1, title: 'Run', lessons: ['run-options', 'sigterm-trap'] }, { week: 2 }] });
  });

  /** [what, file text, the line the problem must point at, the message]. */
  const bad: [string, string, number, RegExp][] = [
    ['an unknown lesson', 'formatVersion: 1\nweeks:\n  - week: 1\n    lessons:\n      - run-options\n      - run-optoins\n', 6, /week 1: no lesson "run-optoins" \(the lessons are: run-options, /],
    ['week 0', 'formatVersion: 1\nweeks:\n  - week: 0\n    lessons: [run-options]\n', 3, /weeks\.0\.week: /],
    ['a week that is not a number', 'formatVersion: 1\nweeks:\n  - week: three\n    lessons: [run-options]\n', 3, /weeks\.0\.week: /],
    ['a week listed twice', 'formatVersion: 1\nweeks:\n  - week: 1\n    lessons: [run-options]\n  - week: 1\n    lessons: [sigterm-trap]\n', 5, /week 1 is listed twice/],
    ['a lesson in two weeks', 'formatVersion: 1\nweeks:\n  - week: 1\n    lessons: [run-options]\n  - week: 2\n    lessons: [run-options]\n', 6, /lesson "run-options" is already in week 1/],
    ['a bad start date', 'formatVersion: 1\nstart: March 2\nweeks:\n  - week: 1\n    lessons: [run-options]\n', 2, /start: a date YYYY-MM-DD/],
    ['an unknown field', 'formatVersion: 1\nweks: []\nweeks:\n  - week: 1\n    lessons: [run-options]\n', 2, /weks/],
    ['a newer format', 'formatVersion: 2\nweeks: []\n', 1, /formatVersion 2 is not one this ctr-learn knows/],
    ['broken YAML', 'formatVersion: 1\nweeks:\n  - week: 1\n    lessons: [x\n', 5, /not valid YAML/],
  ];
  it.for(bad)('%s is a problem at file:line', ([, text, line, message]) => {
    const { course, problems } = parse(text);
    expect(course).toBeNull();
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].message).toMatch(message);
    expect(formatCourseProblem(problems[0])).toMatch(new RegExp(`^group\\.yaml:${line} `));
  });

  it('the shipped course covers every shipped lesson once, in week/order of the lessons', () => {
    const { lessons, broken } = loadCatalog();
    expect(broken).toEqual([]);
    const text = readFileSync(defaultCoursePath(), 'utf8');
    const { course, problems } = parseCourse(text, 'course.yaml', lessons.map((l) => l.id));
    expect(problems.map(formatCourseProblem)).toEqual([]);
    const listed = course!.weeks.flatMap((w) => w.lessons);
    expect([...listed].sort()).toEqual(lessons.map((l) => l.id).sort());
    // The notes' order: the lessons' own week, then order.
    const byId = new Map(lessons.map((l) => [l.id, l]));
    const keys = listed.map((id) => byId.get(id)!.week * 1000 + byId.get(id)!.order);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(course!.weeks.map((w) => w.week)).toEqual(course!.weeks.map((_, i) => i + 1));
    // What a lesson builds on comes before it in the course.
    for (const [i, id] of listed.entries()) {
      for (const dep of byId.get(id)!.buildsOn ?? []) expect(listed.indexOf(dep), `${id} builds on ${dep}`).toBeLessThan(i);
    }
  });

  it('without a course file, the course is made from the lessons\' weeks', () => {
    const c = courseFromLessons([
      { id: 'b', week: 4, order: 2, track: 't' },
      { id: 'a', week: 3, order: 1, track: 't' },
      { id: 'c', week: 4, order: 1, track: 't' },
    ]);
    expect(c.weeks).toEqual([{ week: 3, lessons: ['a'] }, { week: 4, lessons: ['c', 'b'] }]);
    expect(c.file).toBeNull();
    expect(join(lessonsRoot(), 'course.yaml')).toBe(defaultCoursePath());
  });
});
