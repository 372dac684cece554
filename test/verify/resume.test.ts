import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkStep } from '../../src/checks/evaluate';
import type { EngineApi } from '../../src/engine/api';
import { loadCatalog } from '../../src/lessons/catalog';
import type { Lesson } from '../../src/lessons/schema';
import { openSandbox, type Sandbox } from '../../src/sandbox';
import { runAutomatedCommand } from '../../src/sandbox/run-command';
import { workspaceFor, writeAttemptFiles } from '../../src/workspace/workspace';
import { engineForTests, ensureImages } from '../helpers/engine';

const api = await engineForTests();
const { lessons } = loadCatalog();

interface Journey {
  /** Per step: passed after the quit and restart before it, and the session that graded it. */
  steps: { stepId: string; passed: boolean; failed?: string; commandErrors: string[]; sessionId: string; adopted: boolean; kept: string }[];
}

/**
 * One learner (a home of their own) through one lesson as the app runs it: before every step
 * after the first, the session quits the way the app does (keep) and a new one starts the way the
 * app does (adopt, reap); the step's reference solution then passes in the new session.
 */
async function journey(engine: EngineApi, lesson: Lesson): Promise<Journey> {
  const home = mkdtempSync(join(tmpdir(), `ctr-resume-home-${lesson.id}-`));
  const root = mkdtempSync(join(tmpdir(), `ctr-resume-ws-${lesson.id}-`));
  const saved = process.env.CTR_LEARN_HOME;
  process.env.CTR_LEARN_HOME = home;
  const ws = workspaceFor(lesson, root);
  const start = () => openSandbox(engine, { lessonId: lesson.id, adopt: true, workspaceRoot: root });
  const out: Journey = { steps: [] };
  let sandbox: Sandbox = await start();
  try {
    for (const [k, step] of lesson.steps.entries()) {
      let kept = '';
      if (k > 0) {
        const k1 = await sandbox.keep();
        kept = JSON.stringify(k1);
        sandbox = await start();
      }
      writeAttemptFiles(lesson, ws, step.solution.files);
      const commandErrors: string[] = [];
      for (const cmd of step.solution.commands) {
        const r = await runAutomatedCommand(cmd, { cwd: ws, env: sandbox.env, timeoutMs: 60_000 });
        if (r.exitCode !== 0) commandErrors.push(`${cmd}: ${(r.stderr || r.stdout).trim().split('\n').pop()}`);
      }
      const r = await checkStep(step, { lab: sandbox.forLesson(lesson.id), workspace: ws });
      const f = r.checks.find((c) => c.status === 'fail');
      out.steps.push({ stepId: step.id, passed: r.passed, failed: f && `${f.id}: expected ${f.expected}, actual ${f.actual}`, commandErrors, sessionId: sandbox.sessionId, adopted: sandbox.adoptedFrom !== null, kept });
      if (!r.passed) break;
    }
  } finally {
    await sandbox.end();
    if (saved === undefined) delete process.env.CTR_LEARN_HOME;
    else process.env.CTR_LEARN_HOME = saved;
    rmSync(home, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  }
  return out;
}

/**
 * Coming back: for every shipped lesson, steps 1..k passed, quit, start again, step k+1's
 * reference solution passes: for every k at once (a quit and a restart before every step).
 * Lessons run one after another: a learner is their CTR_LEARN_HOME, which is process-wide.
 */
describe.runIf(api)('a learner who quits and comes back carries on in every lesson', () => {
  const journeys = new Map<string, Journey>();
  beforeAll(async () => {
    await ensureImages(api!);
    for (const lesson of lessons) journeys.set(lesson.id, await journey(api as EngineApi, lesson));
  }, 900_000);
  afterAll(() => api?.close());

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
