import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import { checkStep } from '../../src/checks/evaluate';
import type { CheckContext, CheckResult, StepResult } from '../../src/checks/types';
import type { EngineApi } from '../../src/engine/api';
export { freePort } from '../../src/engine/free-port';
import type { ContainerInspect } from '../../src/engine/types';
import { Check, Step } from '../../src/lessons/schema';
import type { RunResult } from '../../src/proc/run';
import { openSandbox, type Sandbox } from '../../src/sandbox';
import { runAutomatedCommand } from '../../src/sandbox/run-command';
import { ensureImages } from '../helpers/engine';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A check as a lesson author writes it, minus the id (the helpers number them). */
export type CheckSpec = DistributiveOmit<z.input<typeof Check>, 'id'> & { id?: string };

/** A one-step lesson step around these checks, parsed by the real schema so defaults apply. */
export function stepOf(...checks: CheckSpec[]): Step {
  return Step.parse({
    id: 'under-test',
    title: { en: 'under test', ko: '시험 중' },
    checks: checks.map((c, i) => ({ id: `c${i + 1}`, ...c })),
    hints: [],
    solution: {},
  });
}

/** Grade a step of the given checks exactly as `ctr-learn check` does. */
export function grade(ctx: CheckContext, ...checks: CheckSpec[]): Promise<StepResult> {
  return checkStep(stepOf(...checks), ctx);
}

/** Grade a single check; the result of that check. */
export async function gradeOne(check: CheckSpec, ctx: CheckContext): Promise<CheckResult> {
  return (await grade(ctx, check)).checks[0];
}

export interface Want {
  pass: boolean;
  /** What `actual` must say: the real state, not just "wrong". Required, so no case can be vague. */
  actual: RegExp;
  expected?: RegExp;
}

export function expectGrade(r: CheckResult, want: Want): void {
  const shown = `expected: ${r.expected}\nactual:   ${r.actual}`;
  expect(r.status, shown).toBe(want.pass ? 'pass' : 'fail');
  expect(r.actual, shown).toMatch(want.actual);
  if (want.expected) expect(r.expected, shown).toMatch(want.expected);
}

export interface Case extends Want {
  name: string;
  check: CheckSpec;
}

/** One test per case: grade the check against the state the suite built, assert pass/fail and the words. */
export function gradeCases(lab: Lab, cases: Case[]): void {
  for (const c of cases) {
    it(`${c.pass ? 'passes' : 'fails'}: ${c.name}`, async () => expectGrade(await gradeOne(c.check, lab.ctx), c));
  }
}

/** A sandbox, a workspace and a docker CLI pointed at the sandbox, for one test file. */
export interface Lab {
  readonly api: EngineApi;
  readonly sandbox: Sandbox;
  readonly ws: string;
  readonly ctx: CheckContext;
  /** A docker command as a learner types it, run through the sandbox. */
  docker(line: string): Promise<RunResult>;
  /** Like docker(), but a non-zero exit fails the test with the command's stderr. Returns stdout. */
  ok(line: string): Promise<string>;
  /** Several setup commands at once (independent ones only). */
  all(...lines: string[]): Promise<string[]>;
  inspect(name: string): Promise<ContainerInspect>;
  /** Poll the engine until the container satisfies `cond` (never a fixed sleep). */
  waitFor(name: string, cond: (c: ContainerInspect) => boolean, what: string, timeoutMs?: number): Promise<ContainerInspect>;
  /** Run before the sandbox ends (e.g. remove objects made outside the sandbox). */
  cleanup(fn: () => Promise<unknown>): void;
}

/** Register the hooks of a lab for the surrounding describe; fields are ready inside tests. */
export function useLab(api: EngineApi, lessonId: string): Lab {
  const ws = mkdtempSync(join(tmpdir(), `ctr-checks-${lessonId}-`));
  const cleanups: (() => Promise<unknown>)[] = [];
  let sandbox: Sandbox | undefined;

  beforeAll(async () => {
    await ensureImages(api);
    sandbox = await openSandbox(api, { lessonId, workspaceRoot: ws });
  });
  afterAll(async () => {
    for (const fn of cleanups) await fn().catch(() => undefined);
    await sandbox?.end();
    api.close();
    rmSync(ws, { recursive: true, force: true });
  });

  const lab: Lab = {
    api,
    ws,
    get sandbox() {
      if (!sandbox) throw new Error('the lab is used before beforeAll opened its sandbox');
      return sandbox;
    },
    get ctx() {
      return { lab: lab.sandbox.forLesson(lessonId), workspace: ws };
    },
    docker: (line) => runAutomatedCommand(line, { cwd: ws, env: lab.sandbox.env, timeoutMs: 60_000 }),
    async ok(line) {
      const r = await lab.docker(line);
      if (r.exitCode !== 0) throw new Error(`setup command failed (exit ${r.exitCode}): ${line}\n${r.stderr}`);
      return r.stdout;
    },
    all: (...lines) => Promise.all(lines.map((l) => lab.ok(l))),
    inspect: (name) => api.json<ContainerInspect>('GET', `/containers/${encodeURIComponent(name)}/json`),
    async waitFor(name, cond, what, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const c = await lab.inspect(name);
        if (cond(c)) return c;
        if (Date.now() > deadline) throw new Error(`${name}: still not ${what} after ${timeoutMs} ms (state ${JSON.stringify(c.State)})`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    cleanup: (fn) => void cleanups.push(fn),
  };
  return lab;
}

