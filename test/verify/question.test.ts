import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/engine/api';
import { lintLesson } from '../../src/lessons/lint';
import { loadLesson } from '../../src/lessons/load';
import { verifyLesson, type LessonVerdict } from '../../src/verify/verify';
import { engineForTests, ensureImages } from '../helpers/engine';

const api = await engineForTests();
const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));

/**
 * A lesson with a concept question, proven four ways on the real engine: verify writes each
 * attempt's answers into the workspace the way a learner's answer is saved, before checking.
 */
describe.runIf(api)('verify proves a question like any check (real engine)', () => {
  const { lesson, problems } = loadLesson(join(FIXTURES, 'question-verify'), FIXTURES);
  let v: LessonVerdict;
  beforeAll(async () => {
    await ensureImages(api!);
    v = await verifyLesson(api as EngineApi, lesson!);
  }, 180_000);
  afterAll(() => api?.close());

  it('the fixture lints clean', () => {
    expect([...problems, ...lintLesson(lesson!)]).toEqual([]);
  });

  it('holds: blank fails (not answered), the reference answer passes, wrong answers fail at the question', () => {
    const bad = [...v.blank, ...v.reference, ...v.alternatives, ...v.nearMisses, ...v.sideBySide].filter((p) => !p.ok).map((p) => `${p.stepId} ${p.case}: ${p.detail}`);
    expect([...v.errors, ...bad]).toEqual([]);
    expect(v.ok).toBe(true);

    const blank = v.blank.find((p) => p.stepId === 'who')!;
    expect(blank.failed).toMatchObject({ id: 'who-sent', expected: 'the right answer to the question', actual: 'not answered yet' });
    expect(v.reference.map((p) => [p.stepId, p.ok])).toEqual([['kill-it', true], ['who', true]]);

    const byItself = v.nearMisses.find((p) => p.case === 'by-itself')!;
    expect(byItself.failed).toMatchObject({
      id: 'who-sent',
      expected: 'the right answer to the question',
      actual: 'you answered a: The process returned 137 by itself. Why not: sleep ends with 0 when its time is up; 137 is 128 + 9, SIGKILL.',
    });
    // Each near-miss starts from a fresh workspace: the other wrong answer is not left behind.
    expect(v.nearMisses.find((p) => p.case === 'oom')!.failed?.actual).toMatch(/^you answered b: The kernel's OOM killer/);
    expect(v.nearMisses.find((p) => p.case === 'ended-itself')!.failed?.id).toBe('killed');
    // Side by side: a neighbour's pasted commands fail the engine step; a question's answer is the
    // same for everyone (its text may name a learner's value), so it is not a pasted-answer case.
    const pasted = v.sideBySide.filter((p) => p.case.includes('-pastes-'));
    expect(pasted.length).toBeGreaterThan(0);
    expect(pasted.every((p) => p.stepId === 'kill-it')).toBe(true);
  });
});
