import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeLive } from '../../src/checks/kinds/kube-live';
import type { CheckContext } from '../../src/checks/types';
import { loadCatalog } from '../../src/lessons/catalog';
import type { Lesson } from '../../src/lessons/schema';
import { removeLiveLab } from '../../src/kube/live/cleanup';
import { detectLiveMode, forgetLiveMode, type LiveMode } from '../../src/kube/live/mode';
import { noEngineLab } from '../../src/sandbox/no-engine';
import { writeAttemptFiles } from '../../src/workspace/workspace';

/**
 * Tier 3 against a REAL cluster: every live check of the Kubernetes lessons, on the reference
 * answers (must pass) and on a few near-misses (must fail), in a namespace of a test learner of
 * its own, removed at the end.
 *
 * It runs only when the current kubeconfig context answers (kind, k3d, minikube...). Otherwise it
 * is SKIPPED, in CI too: no cluster can run on the machines ctr-learn is built on (no kind, no
 * image downloads), so this file has never run there. The "engine tests fail, never skip" rule is
 * about the docker engine, which every machine has.
 */
const mode: LiveMode = await detectLiveMode();
const why = mode.state === 'on' ? '' : `no cluster (${mode.state}${'reason' in mode ? `: ${mode.reason}` : ''}): start one (kind create cluster) to run tier 3`;
if (why) console.log(`test/kube/live.cluster.test.ts skipped: ${why}`);

const learner = { short: `t${Date.now().toString(36).slice(-6)}`, owner: `live-test-${process.pid}` };
const lessons = loadCatalog().lessons.filter((l) => l.track === 'kubernetes' && l.steps.some((s) => s.live?.length));

/** A workspace with the starter files, the earlier steps' reference files, and `files` of this step. */
function workspace(lesson: Lesson, upTo: number, files: Record<string, string>): string {
  const ws = mkdtempSync(join(tmpdir(), `ctr-live-${lesson.id}-`));
  if (existsSync(join(lesson.dir, 'files'))) cpSync(join(lesson.dir, 'files'), ws, { recursive: true });
  for (const s of lesson.steps.slice(0, upTo)) writeAttemptFiles(lesson, ws, s.solution.files);
  writeAttemptFiles(lesson, ws, files);
  return ws;
}

describe.skipIf(!!why)(`tier 3 on a real cluster (${mode.state === 'on' ? `context ${mode.context}` : why})`, () => {
  beforeAll(() => forgetLiveMode());
  afterAll(async () => {
    await removeLiveLab(learner.owner);
  }, 120_000);

  for (const lesson of lessons) {
    lesson.steps.forEach((step, i) => {
      if (!step.live?.length) return;
      it(`${lesson.id} ${step.id}: the reference passes every live check`, async () => {
        const ctx: CheckContext = { lab: noEngineLab(lesson.id), workspace: workspace(lesson, i, step.solution.files), learner, lang: 'en' };
        for (const check of step.live!) {
          const out = await kubeLive(check, ctx);
          expect(out.pass, `${check.id}: expected ${out.expected}; actual ${out.actual}`).toBe(true);
        }
      }, 600_000);
    });
  }

  // Near-misses the cluster must fail on too (a shorter wait: they never come right).
  const misses: [lessonId: string, stepId: string, nearMiss: string, check: string][] = [
    ['kube-probes', 'replay-hang', 'readiness', 'live-restarted'],
    ['kube-services', 'service', 'wrong-label', 'live-endpoints'],
  ];
  for (const [lessonId, stepId, missId, checkId] of misses) {
    it(`${lessonId} ${stepId}: near-miss ${missId} fails ${checkId} on the cluster`, async () => {
      const lesson = lessons.find((l) => l.id === lessonId)!;
      const i = lesson.steps.findIndex((s) => s.id === stepId);
      const miss = lesson.steps[i].nearMisses.find((n) => n.id === missId);
      expect(miss, `${lessonId} has near-miss ${missId}`).toBeDefined();
      const check = { ...lesson.steps[i].live!.find((c) => c.id === checkId)!, withinSeconds: 40 };
      const ctx: CheckContext = { lab: noEngineLab(lessonId), workspace: workspace(lesson, i, miss!.files), learner, lang: 'en' };
      const out = await kubeLive(check, ctx);
      expect(out.pass, out.actual).toBe(false);
    }, 300_000);
  }
});

// Always one test (the file says above why the rest did nothing): the lessons this suite plays on a cluster are there.
it('the lessons with live checks are the ones this suite plays on a cluster', () => {
  expect(lessons.map((l) => l.id).sort()).toEqual(['kube-hooks', 'kube-pods', 'kube-probes', 'kube-services']);
});
