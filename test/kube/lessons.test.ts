import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineApi } from '../../src/engine/api';
import { loadCatalog } from '../../src/lessons/catalog';
import { verifyLesson } from '../../src/verify/verify';

const all = loadCatalog().lessons.filter((l) => l.track === 'kubernetes');
/** Lessons with a tier-2 step (a pod replayed on docker) need the engine: test/kube/replay-lessons.test.ts proves them. */
const replays = (l: (typeof all)[number]) => l.steps.some((s) => s.checks.some((c) => c.kind === 'pod-replay'));
const kube = all.filter((l) => !replays(l));

/**
 * The Kubernetes lessons hold four ways with no engine behind the socket: they are graded from
 * the workspace alone, like a strict API server, so verify opens no sandbox for them.
 */
describe('the kubernetes lessons, proven with no engine', () => {
  const socketPath = join(mkdtempSync(join(tmpdir(), 'ctr-no-engine-')), 'docker.sock');
  const api = new EngineApi({ url: `unix://${socketPath}`, socketPath, source: 'test' }, 2000);

  it('there are at least 8, English and Korean, each with 2+ alternatives and 3+ near-misses', () => {
    expect(all.length).toBeGreaterThanOrEqual(8);
    for (const l of all) {
      expect(l.requires.engine, l.id).toBe(replays(l));
      expect(l.steps.flatMap((s) => s.alternatives).length, l.id).toBeGreaterThanOrEqual(2);
      expect(l.steps.flatMap((s) => s.nearMisses).length, l.id).toBeGreaterThanOrEqual(3);
      for (const lang of ['en', 'ko'] as const) expect(l.intro[lang].markdown, `${l.id} ${lang}`).toMatch(/kind|k3d|minikube/);
    }
  });

  for (const lesson of kube) {
    it(`${lesson.id} holds: blank fails, reference passes, alternatives pass, near-misses fail at their check`, async () => {
      const v = await verifyLesson(api, lesson);
      const bad = [...v.blank, ...v.reference, ...v.alternatives, ...v.nearMisses].filter((p) => !p.ok).map((p) => `${p.stepId} ${p.case}: ${p.detail}`);
      expect([...v.errors, ...bad]).toEqual([]);
      expect(v.ok).toBe(true);
      expect(v.reference.length).toBe(lesson.steps.length);
      // Every near-miss of a manifest says where in the learner's file it went wrong.
      const questions = new Set(lesson.steps.flatMap((s) => s.checks.filter((c) => c.kind === 'question').map((c) => `${s.id}/${c.id}`)));
      for (const p of v.nearMisses) if (!questions.has(`${p.stepId}/${p.failed?.id}`)) expect(p.failed?.actual, `${p.stepId} ${p.case}`).toMatch(/\.yaml(:\d+)?/);
      // Concept questions, for what only a cluster shows.
      expect(questions.size, 'questions').toBeGreaterThanOrEqual(1);
    });
  }

  it('`ctr-learn verify` proves one from the command line', () => {
    const out = execFileSync(process.execPath, ['bin/ctr-learn.js', 'verify', 'kube-pods', '--jobs', '1'], { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: `unix://${socketPath}` } });
    expect(out).toMatch(/All 1 lesson\(s\) hold/);
  });
});
