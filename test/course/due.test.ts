import { describe, expect, it } from 'vitest';
import { currentWeek, dueLessons } from '../../src/course/due';
import { suggestNext } from '../../src/course/next';
import type { Course } from '../../src/course/schema';
import type { ProgressData } from '../../src/progress/store';

const course: Course = {
  formatVersion: 1,
  file: null,
  start: '2026-03-02',
  weeks: [
    { week: 1, lessons: ['run', 'stop'] },
    { week: 2, lessons: ['images'] },
    { week: 3, lessons: ['health'] },
  ],
};
const stepIds = { run: ['a', 'b'], stop: ['a'], images: ['a'], health: ['a'] };
const passed = { passedAt: '2026-03-02T10:00:00Z', attempts: 1, hintsUsed: 0, solutionRevealed: false };
const progress = (done: Record<string, string[]>, started: string[] = []): ProgressData => ({
  version: 1,
  lessons: Object.fromEntries(
    [...new Set([...Object.keys(done), ...started])].map((id) => [id, { startedAt: '2026-03-02T09:00:00Z', steps: Object.fromEntries((done[id] ?? []).map((s) => [s, passed])) }]),
  ),
});
const at = (day: string) => new Date(`${day}T12:00:00Z`);

describe('current week and what is due', () => {
  it.for([
    ['2026-03-01', null],
    ['2026-03-02', 1],
    ['2026-03-08', 1],
    ['2026-03-09', 2],
    ['2026-03-16', 3],
    ['2027-01-01', 3],
  ] as [string, number | null][])('on %s the current week is %s', ([day, week]) => {
    expect(currentWeek(course, progress({}), stepIds, at(day))?.week ?? null).toBe(week);
  });

  it('due: lessons of past and current weeks not done (a half-done lesson is due)', () => {
    const p = progress({ run: ['a'], stop: ['a'] });
    expect(dueLessons(course, p, stepIds, at('2026-03-10'))).toEqual([{ lesson: 'run', week: 1 }, { lesson: 'images', week: 2 }]);
    expect(dueLessons(course, p, stepIds, at('2026-03-01'))).toEqual([]);
  });

  it('without a start date the current week is the first with a lesson not done', () => {
    const selfPaced = { ...course, start: undefined };
    expect(currentWeek(selfPaced, progress({ run: ['a', 'b'], stop: ['a'] }), stepIds)?.week).toBe(2);
    expect(currentWeek(selfPaced, progress({ run: ['a', 'b'], stop: ['a'], images: ['a'], health: ['a'] }), stepIds)?.week).toBe(3);
  });
});

describe('next lesson from what lessons build on', () => {
  const lessons = [
    { id: 'run' },
    { id: 'stop', buildsOn: ['run'] },
    { id: 'images', buildsOn: ['run'] },
    { id: 'health', buildsOn: ['stop'] },
  ];
  it('suggests a lesson whose prerequisites are done, not one further in the order', () => {
    // stop is started but run is not done: stop is not ready, run is.
    expect(suggestNext(lessons, course, progress({}, ['stop']), stepIds)).toEqual({ lesson: 'run', why: 'ready', missing: [] });
  });
  it('prefers a started lesson that is ready', () => {
    expect(suggestNext(lessons, course, progress({ run: ['a', 'b'] }, ['images']), stepIds)).toEqual({ lesson: 'images', why: 'continue', missing: [] });
  });
  it('skips a lesson in the order whose prerequisite is not done', () => {
    // Order says health is before... course order: run, stop, images, health. With run and images done, stop is next, health waits for it.
    const order = { ...course, weeks: [{ week: 1, lessons: ['run', 'health', 'stop', 'images'] }] };
    expect(suggestNext(lessons, order, progress({ run: ['a', 'b'] }), stepIds)?.lesson).toBe('stop');
  });
  it('a cycle is reported as blocked with what is missing; all done is null', () => {
    const cyc = [{ id: 'run', buildsOn: ['stop'] }, { id: 'stop', buildsOn: ['run'] }];
    const c2 = { ...course, weeks: [{ week: 1, lessons: ['run', 'stop'] }] };
    expect(suggestNext(cyc, c2, progress({}), stepIds)).toEqual({ lesson: 'run', why: 'blocked', missing: ['stop'] });
    expect(suggestNext(cyc, c2, progress({ run: ['a', 'b'], stop: ['a'] }), stepIds)).toBeNull();
  });
});
