import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/engine/api';
import { loadCatalog } from '../../src/lessons/catalog';
import { verifyLessons, type LessonVerdict } from '../../src/verify/verify';
import { engineForTests, ensureImages } from '../helpers/engine';
import { journey, type Journey } from './resume-journey';

const api = await engineForTests();
const { lessons, broken } = loadCatalog();

/**
 * Every shipped lesson, proven four ways on the real engine: blank fails, reference passes, every
 * alternative right answer passes, and each near-miss fails at the check it names with expected
 * vs actual.
 */
describe.runIf(api)('every lesson holds on the real engine', () => {
  let verdicts: LessonVerdict[] = [];
  beforeAll(async () => {
    await ensureImages(api!);
    verdicts = await verifyLessons(api as EngineApi, lessons, { jobs: 2 });
  }, 600_000);

  it('loads every lesson without problems', () => {
    expect(broken).toEqual([]);
    expect(lessons.length).toBeGreaterThanOrEqual(3);
  });

  it.each(lessons.map((l) => [l.id]))('%s: blank fails, reference passes, alternatives pass, near-misses fail', (id) => {
    const v = verdicts.find((x) => x.lessonId === id)!;
    const bad = [...v.blank, ...v.reference, ...v.alternatives, ...v.nearMisses].filter((p) => !p.ok).map((p) => `${p.stepId} ${p.case}: ${p.detail}`);
    expect([...v.errors, ...bad]).toEqual([]);
    const lesson = lessons.find((l) => l.id === id)!;
    expect(v.reference.length).toBe(lesson.steps.length);
    // Every alternative and near-miss the lesson lists was run (none skipped), at least 2 and 3.
    expect(v.alternatives.length).toBe(lesson.steps.reduce((n, s) => n + s.alternatives.length, 0));
    expect(v.nearMisses.length).toBe(lesson.steps.reduce((n, s) => n + s.nearMisses.length, 0));
    expect(v.alternatives.length).toBeGreaterThanOrEqual(2);
    expect(v.nearMisses.length).toBeGreaterThanOrEqual(3);
    expect(v.ok).toBe(true);
  });
});

/**
 * Coming back: for every shipped lesson, steps 1..k passed, quit, start again, step k+1's
 * reference solution passes: for every k at once (a quit and a restart before every step).
 * Lessons run one after another: a learner is their CTR_LEARN_HOME, which is process-wide.
 * In this file, after verify: both use the lessons' fixed names on one engine, so never side by side.
 */
describe.runIf(api)('a learner who quits and comes back carries on in every lesson', () => {
  const journeys = new Map<string, Journey>();
  beforeAll(async () => {
    await ensureImages(api!);
    for (const lesson of lessons) journeys.set(lesson.id, await journey(api as EngineApi, lesson));
  }, 900_000);

  it.each(lessons.map((l) => [l.id]))('%s: every step passes after a quit and a restart before it, in the lab the first session made', (id) => {
    const lesson = lessons.find((l) => l.id === id)!;
    const j = journeys.get(id)!;
    const bad = j.steps.filter((s) => !s.passed || s.commandErrors.length).map((s) => `${s.stepId}: ${s.failed ?? ''} ${s.commandErrors.join('; ')}`);
    expect(bad).toEqual([]);
    expect(j.steps.map((s) => s.stepId)).toEqual(lesson.steps.map((s) => s.id));
    // Every restart took the kept lab over (the same session, its objects its own).
    expect(new Set(j.steps.map((s) => s.sessionId)).size).toBe(1);
    expect(j.steps.slice(1).every((s) => s.adopted)).toBe(true);
    expect(j.steps[0].adopted).toBe(false);
  });
});

afterAll(() => api?.close());
