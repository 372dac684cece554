import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/lessons/catalog';
import { verifyLesson } from '../../src/verify/verify';
import { engineForTests, ensureImages } from '../helpers/engine';

/**
 * The Kubernetes lessons with tier-2 steps (a pod replayed on docker through the sandbox) hold
 * four ways on a real engine, for two learners side by side, as `ctr-learn verify` proves them.
 */
const api = await engineForTests();
const lessons = loadCatalog().lessons.filter((l) => l.steps.some((s) => s.checks.some((c) => c.kind === 'pod-replay')));

describe.skipIf(!api)('the lessons that replay pods on docker', () => {
  it('are the hooks, probes, images, config and storage lessons', () => {
    expect(lessons.map((l) => l.id).sort()).toEqual(['kube-config', 'kube-hooks', 'kube-images', 'kube-probes', 'kube-storage']);
  });

  for (const lesson of lessons) {
    it(`${lesson.id} holds: blank fails, reference passes, alternatives pass, near-misses fail at the replay`, async () => {
      await ensureImages(api!);
      const v = await verifyLesson(api!, lesson);
      const bad = [...v.blank, ...v.reference, ...v.alternatives, ...v.nearMisses, ...v.sideBySide].filter((p) => !p.ok).map((p) => `${p.stepId} ${p.case}: ${p.detail}`);
      expect([...v.errors, ...bad]).toEqual([]);
      expect(v.ok).toBe(true);
      // A replay's near-miss says what happened on its timeline, and that it was not a cluster.
      for (const p of v.nearMisses.filter((n) => n.failed?.id === 'replay')) {
        expect(p.failed?.actual, `${p.stepId} ${p.case}`).toMatch(/container contract replayed on docker/);
        expect(p.failed?.actual, `${p.stepId} ${p.case}`).toMatch(/\.yaml/);
      }
    }, 180_000);
  }
});
