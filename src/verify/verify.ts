import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkStep } from '../checks/evaluate';
import type { CheckResult, StepResult } from '../checks/types';
import type { EngineApi } from '../engine/api';
import type { Lesson, Step } from '../lessons/schema';
import { openSandbox, type Lab } from '../sandbox';
import { runAutomatedCommand } from '../sandbox/run-command';
import { restoreStarterFiles, workspaceFor, writeAttemptFiles } from '../workspace/workspace';
import { normalizeRef } from '../engine/objects';
import { noEngineLab } from '../sandbox/no-engine';

/** One proof: what was expected of a state and what the checks said. */
export interface Proof {
  stepId: string;
  /** "blank", "reference", or the alternative's or near-miss's id. */
  case: string;
  ok: boolean;
  /** Why it holds or not, in one line. */
  detail: string;
  failed?: Pick<CheckResult, 'id' | 'expected' | 'actual'>;
}

export interface LessonVerdict {
  lessonId: string;
  ok: boolean;
  ms: number;
  blank: Proof[];
  reference: Proof[];
  /** Each alternative right answer, from a fresh sandbox with the earlier steps solved: must pass. */
  alternatives: Proof[];
  nearMisses: Proof[];
  /** A reference command that failed, an engine error: the lesson cannot be proven. */
  errors: string[];
}

const firstFail = (r: StepResult) => r.checks.find((c) => c.status === 'fail');

/** Apply an attempt (files, then commands) as a learner would; returns failed commands. */
async function apply(sandbox: Lab | null, lesson: Lesson, ws: string, a: Pick<Step['solution'], 'files' | 'commands'>, signal?: AbortSignal): Promise<string[]> {
  writeAttemptFiles(lesson, ws, a.files);
  const failures: string[] = [];
  // A lesson that needs no engine has no sandbox to run commands in (lint refuses them).
  if (!sandbox) return a.commands.map((cmd) => `\`${cmd}\`: the lesson needs no engine (requires.engine: false), so it runs no commands`);
  for (const cmd of a.commands) {
    const r = await runAutomatedCommand(cmd, { cwd: ws, env: sandbox.env, timeoutMs: 60_000, signal });
    if (r.exitCode !== 0) {
      const lines = (r.stderr || r.stdout).trim().split('\n');
      failures.push(`\`${cmd}\` exited ${r.exitCode ?? r.signal}: ${lines.find((l) => /error/i.test(l)) ?? lines.pop()}`);
    }
  }
  return failures;
}

/**
 * Prove one lesson on the current engine, in sandboxes of its own:
 *  1. blank: on a fresh sandbox every step fails;
 *  2. reference: each step's solution, applied in order, makes the step pass;
 *  3. alternatives: from a fresh sandbox with the earlier steps solved, each other right answer
 *     makes the step pass too (so no check leans on the reference's spelling);
 *  4. near-misses: from a fresh sandbox with the earlier steps solved, each near-miss answer makes
 *     the step fail, at the check it names, with expected and actual filled in.
 */
export async function verifyLesson(api: EngineApi, lesson: Lesson, opts: { signal?: AbortSignal } = {}): Promise<LessonVerdict> {
  const started = performance.now();
  const verdict: LessonVerdict = { lessonId: lesson.id, ok: false, ms: 0, blank: [], reference: [], alternatives: [], nearMisses: [], errors: [] };
  const root = mkdtempSync(join(tmpdir(), `ctr-verify-${lesson.id}-`));
  const ws = workspaceFor(lesson, root);
  // A lesson that needs no engine is graded from its workspace alone: no sandbox is opened.
  const sandbox = lesson.requires.engine ? await openSandbox(api, { lessonId: lesson.id, reap: false, workspaceRoot: root }) : null;
  const ctx = { lab: sandbox ? sandbox.forLesson(lesson.id) : noEngineLab(lesson.id), workspace: ws, signal: opts.signal };
  try {
    for (const step of lesson.steps) {
      const r = await checkStep(step, ctx);
      const f = firstFail(r);
      verdict.blank.push({ stepId: step.id, case: 'blank', ok: !r.passed, detail: r.passed ? 'passes on a blank sandbox' : `fails at ${f?.id}`, failed: f });
    }
    for (const step of lesson.steps) {
      const cmdErrors = await apply(sandbox, lesson, ws, step.solution, opts.signal);
      verdict.errors.push(...cmdErrors.map((e) => `${step.id} reference: ${e}`));
      const r = await checkStep(step, ctx);
      const f = firstFail(r);
      verdict.reference.push({ stepId: step.id, case: 'reference', ok: r.passed, detail: r.passed ? 'passes' : `fails at ${f?.id}: expected ${f?.expected}, actual ${f?.actual}`, failed: f });
      if (!r.passed) break;
    }
    // Alternatives and near-misses alike: a fresh sandbox, the earlier steps' answers, then the attempt.
    const fresh = async (k: number, caseId: string) => {
      const step = lesson.steps[k];
      await sandbox?.reset();
      restoreStarterFiles(lesson, ws);
      // The earlier steps' answers, checked (a check may be an action, e.g. a stop): a replay that
      // went wrong would make the attempt pass or fail for the wrong reason, so it is an error.
      for (const earlier of lesson.steps.slice(0, k)) {
        const replayErrors = await apply(sandbox, lesson, ws, earlier.solution, opts.signal);
        verdict.errors.push(...replayErrors.map((e) => `${step.id} ${caseId}: replaying ${earlier.id}: ${e}`));
        const replayed = await checkStep(earlier, ctx);
        if (!replayed.passed) verdict.errors.push(`${step.id} ${caseId}: replaying ${earlier.id} did not pass (${firstFail(replayed)?.id})`);
      }
    };
    for (const [k, step] of lesson.steps.entries()) {
      for (const alt of step.alternatives) {
        await fresh(k, alt.id);
        // A command of a right answer that fails is a broken alternative, not a learner's mistake.
        const cmdErrors = await apply(sandbox, lesson, ws, alt, opts.signal);
        verdict.errors.push(...cmdErrors.map((e) => `${step.id} ${alt.id}: ${e}`));
        const r = await checkStep(step, ctx);
        const f = firstFail(r);
        const detail = r.passed ? 'passes' : `fails at ${f?.id}: expected ${f?.expected}, actual ${f?.actual}`;
        verdict.alternatives.push({ stepId: step.id, case: alt.id, ok: r.passed && cmdErrors.length === 0, detail, failed: f });
      }
      for (const miss of step.nearMisses) {
        await fresh(k, miss.id);
        await apply(sandbox, lesson, ws, miss, opts.signal);
        const r = await checkStep(step, ctx);
        const f = firstFail(r);
        const ok = !r.passed && f?.id === miss.failsCheck && !!f.expected && !!f.actual && f.expected !== f.actual;
        const detail = r.passed
          ? 'PASSES, but it is a wrong answer'
          : f?.id !== miss.failsCheck
            ? `fails at ${f?.id}, not at ${miss.failsCheck}: expected ${f?.expected}, actual ${f?.actual}`
            : `fails at ${f.id}: expected ${f.expected}, actual ${f.actual}`;
        verdict.nearMisses.push({ stepId: step.id, case: miss.id, ok, detail, failed: f });
      }
    }
  } catch (err) {
    verdict.errors.push((err as Error).message);
  } finally {
    await sandbox?.end().catch((err: Error) => verdict.errors.push(`cleanup: ${err.message}`));
    rmSync(root, { recursive: true, force: true });
  }
  const all = [...verdict.blank, ...verdict.reference, ...verdict.alternatives, ...verdict.nearMisses];
  verdict.ok = verdict.errors.length === 0 && all.every((p) => p.ok) && verdict.reference.length === lesson.steps.length;
  verdict.ms = performance.now() - started;
  return verdict;
}

/**
 * Lessons that share no container, network, volume, image name or host port can be proven side by
 * side (an image name one session made is not another's to build over or remove).
 */
export function conflicts(a: Lesson, b: Lesson): boolean {
  const keys = (l: Lesson) =>
    new Set([
      ...l.uses.containers.map((x) => `c:${x}`),
      ...l.uses.networks.map((x) => `n:${x}`),
      ...l.uses.volumes.map((x) => `v:${x}`),
      ...l.uses.images.map((x) => `i:${normalizeRef(x)}`),
      ...l.uses.hostPorts.map((x) => `p:${x}`),
    ]);
  const ka = keys(a);
  return [...keys(b)].some((k) => ka.has(k));
}

/** Verify many lessons, `jobs` at a time, never two conflicting lessons at once. */
export async function verifyLessons(
  api: EngineApi,
  lessons: Lesson[],
  opts: { jobs?: number; signal?: AbortSignal; onVerdict?: (v: LessonVerdict) => void } = {},
): Promise<LessonVerdict[]> {
  const jobs = Math.max(1, opts.jobs ?? 2);
  const pending = [...lessons];
  const running = new Map<string, { lesson: Lesson; p: Promise<void> }>();
  const verdicts: LessonVerdict[] = [];
  while (pending.length || running.size) {
    const i = pending.findIndex((l) => ![...running.values()].some((r) => conflicts(r.lesson, l)));
    if (running.size < jobs && i >= 0) {
      const [lesson] = pending.splice(i, 1);
      const p = verifyLesson(api, lesson, opts).then((v) => {
        verdicts.push(v);
        opts.onVerdict?.(v);
        running.delete(lesson.id);
      });
      running.set(lesson.id, { lesson, p });
      continue;
    }
    await Promise.race([...running.values()].map((r) => r.p));
  }
  return lessons.map((l) => verdicts.find((v) => v.lessonId === l.id)!);
}
