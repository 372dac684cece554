import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkStep } from '../checks/evaluate';
import type { CheckResult, StepResult } from '../checks/types';
import type { EngineApi } from '../engine/api';
import type { Lesson, Step } from '../lessons/schema';
import { openSandbox, type Lab } from '../sandbox';
import { runAutomatedCommand } from '../sandbox/run-command';
import { freshWorkspace, workspaceFor, writeAttemptFiles } from '../workspace/workspace';
import { saveAnswers } from '../workspace/answers';
import { normalizeRef } from '../engine/objects';
import { personalize, type Learner } from '../lessons/personalize';
import { liveMode } from '../kube/live/mode';
import { removeLiveLab } from '../kube/live/cleanup';
import { noEngineLab } from '../sandbox/no-engine';
import { reapDeadOf } from '../sandbox/reap';

/**
 * The learners verify proves as. Ada's lab proves the four ways; Bo's lab, on the same engine at
 * the same time, proves the lesson with values of its own and that a neighbour's answer (Cy's,
 * a learner whose lab is not running) pasted as it is fails. Their port ranges are fixed (and
 * unlike a real learner's, which start at 10000 + a multiple of 100 from a hash).
 */
export const VERIFY_LEARNERS = {
  ada: { short: 'ada', portBase: 31_700 },
  bo: { short: 'bo', portBase: 31_800 },
  cy: { short: 'cy', portBase: 31_900 },
} satisfies Record<string, Learner>;
const ownerOf = (l: Learner) => `verify-${l.short}`;

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
  /**
   * The second learner's lab, side by side with the first on one engine: each step's reference
   * with this learner's values passes, and a neighbour's answer pasted as it is fails.
   */
  sideBySide: Proof[];
  /** A reference command that failed, an engine error: the lesson cannot be proven. */
  errors: string[];
}

/** How long a push or pull to a registry that does not listen yet is tried again (see apply). */
const REGISTRY_WAIT_MS = 15_000;

/** A `docker push/pull/login` that failed because the registry's port did not answer (yet). */
function notListeningYet(cmd: string, r: { stdout: string; stderr: string }): boolean {
  return /^docker\s+(image\s+)?(push|pull|login)\b/.test(cmd.trim()) && /connection reset by peer|connection refused|: EOF\b/i.test(r.stderr + r.stdout);
}

/** The pause after an attempt's commands before its checks (see apply). */
const SETTLE_MS = 300;

const firstFail = (r: StepResult) => r.checks.find((c) => c.status === 'fail');

/**
 * Apply an attempt as a learner would: files, then answers to the step's question (saved in the
 * workspace, as the app and `ctr-learn answer` save them), then commands; returns failed commands.
 */
async function apply(sandbox: Lab | null, lesson: Lesson, ws: string, a: Pick<Step['solution'], 'files' | 'commands' | 'answers'>, signal?: AbortSignal): Promise<string[]> {
  writeAttemptFiles(lesson, ws, a.files);
  saveAnswers(ws, a.answers ?? {});
  const failures: string[] = [];
  // A lesson that needs no engine has no sandbox to run commands in.
  if (!sandbox) return a.commands.map((cmd) => `\`${cmd}\`: the lesson needs no engine (requires.engine: false), so it runs no commands`);
  for (const cmd of a.commands) {
    let r = await runAutomatedCommand(cmd, { cwd: ws, env: sandbox.env, timeoutMs: 60_000, signal });
    // A registry run a moment ago may not listen yet (on a loaded machine, seconds): a learner
    // reads the error and types the push again. So does verify, for a while, and only then.
    for (const until = Date.now() + REGISTRY_WAIT_MS; r.exitCode !== 0 && notListeningYet(cmd, r) && Date.now() < until && !signal?.aborted; ) {
      await new Promise((res) => setTimeout(res, 500));
      r = await runAutomatedCommand(cmd, { cwd: ws, env: sandbox.env, timeoutMs: 60_000, signal });
    }
    if (r.exitCode !== 0) {
      const lines = (r.stderr || r.stdout).trim().split('\n');
      failures.push(`\`${cmd}\` exited ${r.exitCode ?? r.signal}: ${lines.find((l) => /error/i.test(l)) ?? lines.pop()}`);
    }
  }
  // A learner checks at human speed: a container that fails at once has exited by then, a signal
  // sent has arrived. Checked within milliseconds, an answer could pass or fail by a race.
  if (a.commands.length) await new Promise((r) => setTimeout(r, SETTLE_MS));
  return failures;
}

/**
 * Prove one lesson on the current engine, in sandboxes of its own, for two learners at once
 * (VERIFY_LEARNERS; see proveNeighbours for the second):
 *  1. blank: on a fresh sandbox every step fails;
 *  2. reference: each step's solution, applied in order, makes the step pass;
 *  3. alternatives: from a fresh sandbox with the earlier steps solved, each other right answer
 *     makes the step pass too (so no check leans on the reference's spelling);
 *  4. near-misses: from a fresh sandbox with the earlier steps solved, each near-miss answer makes
 *     the step fail, at the check it names, with expected and actual filled in.
 */
export async function verifyLesson(api: EngineApi, template: Lesson, opts: { signal?: AbortSignal } = {}): Promise<LessonVerdict> {
  const started = performance.now();
  // (A lesson that needs no engine is proven without one: nothing of it is on any engine.)
  if (template.requires.engine) await removeDeadVerifyLabs(api);
  const verdict: LessonVerdict = { lessonId: template.id, ok: false, ms: 0, blank: [], reference: [], alternatives: [], nearMisses: [], sideBySide: [], errors: [] };
  const { ada, bo, cy } = VERIFY_LEARNERS;
  await Promise.all([proveFourWays(api, personalize(template, ada), ada, verdict, opts), proveNeighbours(api, template, bo, cy, verdict, opts)]);
  // Tier 3 ran (a cluster answered): the verify learners' namespaces go with their labs.
  if (template.steps.some((s) => s.live?.length) && (await liveMode()).state === 'on') {
    for (const l of [ada, bo]) await removeLiveLab(ownerOf(l)).catch((err: Error) => verdict.errors.push(`live lab of ${l.short}: ${err.message}`));
  }
  const all = [...verdict.blank, ...verdict.reference, ...verdict.alternatives, ...verdict.nearMisses, ...verdict.sideBySide];
  verdict.ok = verdict.errors.length === 0 && all.every((p) => p.ok) && verdict.reference.length === template.steps.length;
  verdict.ms = performance.now() - started;
  return verdict;
}

/**
 * A verify killed half way (a CI timeout, Ctrl-C) leaves its learners' labs behind, and their
 * names are fixed (counter-ada): every later verify would find them held "by a session of yours
 * that has ended" for the 14 days a lab is kept. Before proving, remove the labs of verify's own
 * learners whose process is gone. Never a live verify's (another run beside this one), never a
 * person's: only objects labelled with a verify owner.
 */
export const removeDeadVerifyLabs = (api: EngineApi): Promise<string[]> => reapDeadOf(api, Object.values(VERIFY_LEARNERS).map(ownerOf));

/**
 * A fresh lab of `learner` for one lesson, its workspace in a folder of its own; `end` removes both.
 * A lesson that needs no engine (requires.engine: false) gets no sandbox: it is graded from the
 * workspace alone, and proven with no engine at all.
 */
async function labFor(api: EngineApi, lesson: Lesson, learner: Learner) {
  const root = mkdtempSync(join(tmpdir(), `ctr-verify-${lesson.id}-${learner.short}-`));
  const ws = workspaceFor(lesson, root);
  const sandbox = lesson.requires.engine ? await openSandbox(api, { lessonId: lesson.id, reap: false, workspaceRoot: root, owner: ownerOf(learner) }) : null;
  return {
    sandbox,
    ws,
    reader: sandbox ? sandbox.forLesson(lesson.id) : noEngineLab(lesson.id),
    async end(errors: string[]) {
      await sandbox?.end().catch((err: Error) => errors.push(`cleanup: ${err.message}`));
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A step's checks other than questions, as text (what can tell two learners' labs apart). */
const engineChecks = (step: Step) => JSON.stringify(step.checks.filter((c) => c.kind !== 'question'));

/**
 * The second learner, beside the first: on a fresh lab for each step, the earlier steps solved
 * with this learner's own values, a neighbour's answer to the step pasted as it is must fail
 * (when the step's checks involve per-learner values at all); then the learner's own reference
 * passes, step by step.
 */
async function proveNeighbours(api: EngineApi, template: Lesson, learner: Learner, neighbour: Learner, verdict: LessonVerdict, opts: { signal?: AbortSignal }): Promise<void> {
  const lesson = personalize(template, learner);
  const theirs = personalize(template, neighbour);
  const lab = await labFor(api, lesson, learner).catch((err: Error) => {
    verdict.errors.push(`${learner.short}: ${err.message}`);
    return null;
  });
  if (!lab) return;
  const { sandbox, ws } = lab;
  const ctx = { lab: lab.reader, workspace: ws, signal: opts.signal, learner: { short: `verify-${learner.short}`, owner: ownerOf(learner) } };
  const who = `${learner.short}`;
  try {
    for (const [k, step] of lesson.steps.entries()) {
      // Steps whose checks name nothing per-learner cannot tell two learners apart: nothing to prove.
      // (A question's answer is the same for everyone, even when its text names a learner's value.)
      if (engineChecks(step) === engineChecks(theirs.steps[k])) continue;
      // A step answered without commands or files (a concept question about the lab the earlier
      // steps built) leaves nothing of the neighbour's to paste.
      const answer = theirs.steps[k].solution;
      if (answer.commands.length === 0 && Object.keys(answer.files).length === 0) continue;
      await sandbox?.reset();
      freshWorkspace(lesson, ws);
      for (const earlier of lesson.steps.slice(0, k)) {
        const errs = await apply(sandbox, lesson, ws, earlier.solution, opts.signal);
        verdict.errors.push(...errs.map((e) => `${step.id} ${who}: replaying ${earlier.id}: ${e}`));
      }
      await apply(sandbox, theirs, ws, theirs.steps[k].solution, opts.signal);
      const r = await checkStep(step, ctx);
      const f = firstFail(r);
      verdict.sideBySide.push({
        stepId: step.id,
        case: `${who}-pastes-${neighbour.short}`,
        ok: !r.passed,
        detail: r.passed ? `${neighbour.short}'s answer pasted in ${who}'s lab PASSES` : `${neighbour.short}'s answer fails in ${who}'s lab at ${f?.id}: expected ${f?.expected}, actual ${f?.actual}`,
        failed: f,
      });
    }
    await sandbox?.reset();
    freshWorkspace(lesson, ws);
    for (const step of lesson.steps) {
      const errs = await apply(sandbox, lesson, ws, step.solution, opts.signal);
      verdict.errors.push(...errs.map((e) => `${step.id} ${who} reference: ${e}`));
      const r = await checkStep(step, ctx);
      const f = firstFail(r);
      verdict.sideBySide.push({ stepId: step.id, case: `${who}-reference`, ok: r.passed, detail: r.passed ? `passes with ${who}'s values` : `fails at ${f?.id}: expected ${f?.expected}, actual ${f?.actual}`, failed: f });
      if (!r.passed) break;
    }
  } catch (err) {
    verdict.errors.push(`${who}: ${(err as Error).message}`);
  } finally {
    await lab.end(verdict.errors);
  }
}

/** Blank, reference, alternatives and near-misses, in one learner's lab (see verifyLesson). */
async function proveFourWays(api: EngineApi, lesson: Lesson, learner: Learner, verdict: LessonVerdict, opts: { signal?: AbortSignal }): Promise<void> {
  const lab = await labFor(api, lesson, learner).catch((err: Error) => {
    verdict.errors.push(err.message);
    return null;
  });
  if (!lab) return;
  const { sandbox, ws } = lab;
  const ctx = { lab: lab.reader, workspace: ws, signal: opts.signal, learner: { short: `verify-${learner.short}`, owner: ownerOf(learner) } };
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
      freshWorkspace(lesson, ws);
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
    await lab.end(verdict.errors);
  }
}

/**
 * Lessons that share no container, network, volume, image name or host port can be proven side by
 * side (an image name one session made is not another's to build over or remove).
 */
export function conflicts(a: Lesson, b: Lesson): boolean {
  // Compared as one learner sees them: two lessons that both declare [[web]] share web-ada.
  const keys = (template: Lesson) => {
    const l = personalize(template, VERIFY_LEARNERS.ada);
    return new Set([
      ...l.uses.containers.map((x) => `c:${x}`),
      ...l.uses.networks.map((x) => `n:${x}`),
      ...l.uses.volumes.map((x) => `v:${x}`),
      ...l.uses.images.map((x) => `i:${normalizeRef(x)}`),
      ...l.uses.hostPorts.map((x) => `p:${x}`),
    ]);
  };
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
