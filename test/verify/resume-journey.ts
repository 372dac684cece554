/** One learner's way through a lesson with a quit and a restart before every step (used by lessons.test.ts). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkStep } from '../../src/checks/evaluate';
import type { EngineApi } from '../../src/engine/api';
import { personalize, type Learner } from '../../src/lessons/personalize';
import type { Lesson } from '../../src/lessons/schema';
import { openSandbox, type Sandbox } from '../../src/sandbox';
import { runAutomatedCommand } from '../../src/sandbox/run-command';
import { workspaceFor, writeAttemptFiles } from '../../src/workspace/workspace';
import { saveAnswers } from '../../src/workspace/answers';

export interface Journey {
  /** Per step: passed after the quit and restart before it, and the session that graded it. */
  steps: { stepId: string; passed: boolean; failed?: string; commandErrors: string[]; sessionId: string; adopted: boolean; kept: string }[];
  /** Engine objects named for the learner still there after the lab ended (must be none). */
  leftovers?: string[];
}

/**
 * One learner (a home of their own) through one lesson as the app runs it: before every step
 * after the first, the session quits the way the app does (keep) and a new one starts the way the
 * app does (adopt, reap); the step's reference solution then passes in the new session.
 */
/** The journeys' learner: values of its own, beside verify's (VERIFY_LEARNERS) on one engine. */
export const JOURNEY_LEARNER: Learner = { short: 'dee', portBase: 31_600 };

/**
 * Engine objects whose names carry the learner's short form (`web-dee`, `journal-flat-dee:1`):
 * once the lab has ended, there must be none (the journeys' learner is nobody else).
 */
async function namedFor(engine: EngineApi, short: string): Promise<string[]> {
  const ours = new RegExp(`-${short}(?:$|[:/.-])`);
  const [containers, networks, volumes, images] = await Promise.all([
    engine.json<{ Names: string[] }[]>('GET', '/containers/json', { query: { all: 1 } }),
    engine.json<{ Name: string }[]>('GET', '/networks'),
    engine.json<{ Volumes: { Name: string }[] | null }>('GET', '/volumes'),
    engine.json<{ RepoTags: string[] | null }[]>('GET', '/images/json'),
  ]);
  return [
    ...containers.flatMap((c) => c.Names.map((n) => `container ${n.replace(/^\//, '')}`)),
    ...networks.map((n) => `network ${n.Name}`),
    ...(volumes.Volumes ?? []).map((v) => `volume ${v.Name}`),
    ...images.flatMap((i) => (i.RepoTags ?? []).map((t) => `image ${t}`)),
  ].filter((x) => ours.test(x.split(' ')[1]));
}

export async function journey(engine: EngineApi, template: Lesson): Promise<Journey> {
  const lesson = personalize(template, JOURNEY_LEARNER);
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
      // The answers to the step's question, saved as the app and `ctr-learn answer` save them.
      saveAnswers(ws, step.solution.answers ?? {});
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
    out.leftovers = await namedFor(engine, JOURNEY_LEARNER.short);
    if (saved === undefined) delete process.env.CTR_LEARN_HOME;
    else process.env.CTR_LEARN_HOME = saved;
    rmSync(home, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  }
  return out;
}

