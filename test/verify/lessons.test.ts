import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/engine/api';
import { loadCatalog } from '../../src/lessons/catalog';
import { verifyLessons, type LessonVerdict } from '../../src/verify/verify';
import { engineForTests, ensureImages } from '../helpers/engine';

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
    // As the verify command and the app do: past events from a copy, not only the engine's last 256.
    await api!.recordEvents();
    verdicts = await verifyLessons(api as EngineApi, lessons, { jobs: 2 });
    // Every lesson, two learners each: grows with the course (about a minute a lesson on a quiet CI machine).
  }, 3_600_000);

  it('loads every lesson without problems', () => {
    expect(broken).toEqual([]);
    expect(lessons.length).toBeGreaterThanOrEqual(3);
  });

  it.each(lessons.map((l) => [l.id]))('%s: blank fails, reference passes, alternatives pass, near-misses fail', (id) => {
    const v = verdicts.find((x) => x.lessonId === id)!;
    const bad = [...v.blank, ...v.reference, ...v.alternatives, ...v.nearMisses, ...v.sideBySide].filter((p) => !p.ok).map((p) => `${p.stepId} ${p.case}: ${p.detail}`);
    expect([...v.errors, ...bad]).toEqual([]);
    const lesson = lessons.find((l) => l.id === id)!;
    expect(v.reference.length).toBe(lesson.steps.length);
    // Every alternative and near-miss the lesson lists was run (none skipped), at least 2 and 3.
    expect(v.alternatives.length).toBe(lesson.steps.reduce((n, s) => n + s.alternatives.length, 0));
    expect(v.nearMisses.length).toBe(lesson.steps.reduce((n, s) => n + s.nearMisses.length, 0));
    expect(v.alternatives.length).toBeGreaterThanOrEqual(2);
    expect(v.nearMisses.length).toBeGreaterThanOrEqual(3);
    // Side by side: the second learner's reference passes at every step, with values of its own,
    // and where a step's checks name per-learner values, a neighbour's pasted answer fails.
    expect(v.sideBySide.filter((p) => p.case.endsWith('-reference')).map((p) => p.stepId)).toEqual(lesson.steps.map((s) => s.id));
    if (Object.keys(lesson.mine).length) expect(v.sideBySide.filter((p) => p.case.includes('-pastes-')).length).toBeGreaterThanOrEqual(1);
    expect(v.ok).toBe(true);
  });
});

afterAll(() => api?.close());
