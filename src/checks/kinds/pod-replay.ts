import { createHash } from 'node:crypto';
import { EngineApi } from '../../engine/api';
import { parseHostUrl } from '../../engine/endpoint';
import { CouldNotCheck } from '../../errors';
import { say } from '../../i18n/evidence';
import { fill } from '../../i18n/strings';
import { planPod, replayPod, timelineLines } from '../../kube/replay';
import { isOutcome, requireObject } from '../../kube/workspace';
import type { Evaluator, Outcome } from '../types';

/**
 * Tier 2 of the Kubernetes lessons: the manifest's pod replayed on docker through the learner's
 * sandbox door (src/kube/replay), graded by what happened; the timeline is in the evidence.
 */
export const podReplay: Evaluator<'pod-replay'> = async (check, ctx) => {
  const L = ctx.lang;
  const object = check.object;
  const parts: string[] = [];
  if (check.pull !== undefined) parts.push(check.pull === 'none' ? say(L, 'replayPulled') : say(L, 'replayPull', { reason: check.pull }));
  if (check.readyWithinMs !== undefined) parts.push(say(L, 'replayReady', { container: check.container ?? '', ms: check.readyWithinMs }).trimStart());
  if (check.notReadyBeforeMs !== undefined) parts.push(say(L, 'replayNotReadyBefore', { ms: check.notReadyBeforeMs }));
  if (check.restartsAtLeast !== undefined) parts.push(say(L, 'replayRestarts', { n: check.restartsAtLeast }));
  if (check.preStopBeforeTerm) parts.push(say(L, 'replayPreStop'));
  if (check.killedBySigkill !== undefined) parts.push(say(L, check.killedBySigkill ? 'replayKilled' : 'replayNotKilled'));
  if (check.exitCode !== undefined) parts.push(say(L, 'replayExitCode', { code: check.exitCode }));
  if (check.fileWritten) {
    const f = check.fileWritten;
    parts.push(f.contains !== undefined ? say(L, 'replayFileContains', { path: f.path, text: f.contains }) : say(L, 'replayFile', { path: f.path }));
  }
  const scenario = say(L, check.scenario === 'start' ? 'replayStart' : check.scenario === 'delete' ? 'replayDelete' : 'replayLiveness');
  const expected = `${scenario}: ${parts.length ? parts.join('; ') : say(L, 'replayPod', { object })}`;
  const fail = (actual: string): Outcome => ({ pass: false, expected, actual });

  // The object: valid, as the API server would take it (tier 1 first).
  const r0 = await requireObject(ctx.workspace, check.object, check.file, expected, L);
  if (isOutcome(r0)) return r0;
  const plan = planPod(r0.o);
  if (!plan) return fail(say(L, 'replayNoWorkload', { file: check.file }));
  const target = check.container ? plan.containers.find((c) => c.name === check.container) : plan.containers[0];
  if (!target) {
    return fail(say(L, 'replayNoContainer', { name: check.container ?? '', object: plan.object, names: plan.containers.map((c) => c.name).join(', ') }));
  }

  if (!ctx.lab.dockerHost) {
    const texts = {
      en: {
        message: 'A pod replay runs its containers through a lab session (the app, `ctr-learn shell`, verify); this check was asked from outside one.',
        fix: 'Check this step in the app, or run `ctr-learn check` inside `ctr-learn shell`.',
        fixLabel: fill('en', 'tryLabel'),
      },
      ko: {
        message: '파드 재현은 실습 세션(앱, `ctr-learn shell`, verify)을 거쳐 컨테이너를 실행해요. 이 확인은 세션 밖에서 요청됐어요.',
        fix: '이 단계는 앱에서 확인하거나, `ctr-learn shell` 안에서 `ctr-learn check` 를 실행하세요.',
        fixLabel: fill('ko', 'tryLabel'),
      },
    };
    throw new CouldNotCheck(texts.en.message, texts.en.fix).inEveryLanguage(texts);
  }
  const api = new EngineApi(parseHostUrl(ctx.lab.dockerHost, 'the sandbox'), 30_000);
  try {
    const r = await replayPod(api, plan, {
      // The lab's door is per session: its hash tells this lab's replay apart from a neighbour's.
      name: `${check.name ?? r0.o.name}-${createHash('sha256').update(ctx.lab.dockerHost).digest('hex').slice(0, 6)}`,
      scenario: check.scenario,
      windowMs: check.windowMs,
      restarts: check.restartsAtLeast,
      readFiles: check.fileWritten ? [check.fileWritten.path] : [],
      signal: ctx.signal,
    });
    const timeline = timelineLines({ ...r, object: `${r.object} (${check.file})` }, L).join('\n');
    const out = r.containers[target.name];
    const facts: string[] = [];
    let pass = true;
    if (r.pullError) {
      facts.push(say(L, 'replayActPull', { reason: r.pullError.reason, image: r.pullError.image }));
      pass = check.pull !== undefined && check.pull === r.pullError.reason;
      return { pass, expected, actual: `${facts.join('; ')}\n${timeline}` };
    }
    if (check.pull !== undefined) {
      facts.push(say(L, 'replayActPulled'));
      pass &&= check.pull === 'none';
    }
    const readyAt = out?.readyAt;
    if (check.readyWithinMs !== undefined || check.notReadyBeforeMs !== undefined) {
      facts.push(readyAt === undefined ? say(L, 'replayActNeverReady') : say(L, 'replayActReady', { ms: readyAt }));
      if (check.readyWithinMs !== undefined) pass &&= readyAt !== undefined && readyAt <= check.readyWithinMs;
      if (check.notReadyBeforeMs !== undefined) pass &&= readyAt === undefined || readyAt >= check.notReadyBeforeMs;
    }
    if (check.restartsAtLeast !== undefined) {
      facts.push(say(L, 'replayActRestarts', { n: out?.restarts ?? 0 }));
      pass &&= (out?.restarts ?? 0) >= check.restartsAtLeast;
    }
    const mine = r.events.filter((e) => e.container === target.name && e.t >= (r.deleteAt ?? Infinity));
    if (check.preStopBeforeTerm) {
      const pre = mine.find((e) => e.kind === 'preStop');
      const term = mine.find((e) => e.kind === 'sigterm');
      const ok = !!pre && !pre.reason && !!term && pre.t <= term.t;
      facts.push(!target.preStop ? say(L, 'replayActNoPreStop') : ok ? say(L, 'replayActPreStop', { ms: pre!.ms ?? 0 }) : say(L, 'replayActPreStopNot'));
      pass &&= ok;
    }
    if (check.killedBySigkill !== undefined) {
      const kill = mine.find((e) => e.kind === 'sigkill');
      facts.push(kill ? say(L, 'replayActKilled', { ms: kill.t - (r.deleteAt ?? 0) }) : say(L, 'replayActNotKilled'));
      pass &&= !!kill === check.killedBySigkill;
    }
    if (check.exitCode !== undefined) {
      facts.push(out?.exitCode === undefined ? say(L, 'replayActRunning') : say(L, 'replayActExit', { code: out.exitCode }));
      pass &&= out?.exitCode === check.exitCode;
    }
    if (check.fileWritten) {
      const f = check.fileWritten;
      const content = out?.files[f.path] ?? null;
      facts.push(content === null ? say(L, 'replayActNoFile', { path: f.path }) : say(L, 'replayActFile', { path: f.path, text: content.trim().slice(0, 60) }));
      pass &&= content !== null && (f.contains === undefined || content.includes(f.contains));
    }
    return { pass, expected, actual: `${facts.join('; ')}\n${timeline}` };
  } finally {
    api.close();
  }
};
