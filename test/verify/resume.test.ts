import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/engine/api';
import { loadCatalog } from '../../src/lessons/catalog';
import { engineForTests, ensureImages } from '../helpers/engine';
import { journey, type Journey } from './resume-journey';

const api = await engineForTests();
const { lessons } = loadCatalog();

/**
 * Coming back: for every shipped lesson, steps 1..k passed, quit, start again, step k+1's
 * reference solution passes: for every k at once (a quit and a restart before every step).
 * Lessons run one after another: a learner is their CTR_LEARN_HOME, which is process-wide.
 * Beside verify (its own file): the journeys' learner has values of its own (JOURNEY_LEARNER).
 */
describe.runIf(api)('a learner who quits and comes back carries on in every lesson', () => {
  const journeys = new Map<string, Journey>();
  beforeAll(async () => {
    await ensureImages(api!);
    // As the verify command and the app do: past events from a copy, not only the engine's last 256.
    await api!.recordEvents();
    for (const lesson of lessons) journeys.set(lesson.id, await journey(api as EngineApi, lesson));
  }, 1_800_000);

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
    // Ending the lab removed all of it (an imported image once stayed and broke the next run).
    expect(j.leftovers).toEqual([]);
  });
});

afterAll(() => api?.close());
