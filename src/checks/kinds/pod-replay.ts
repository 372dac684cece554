import { createHash } from 'node:crypto';
import { EngineApi } from '../../engine/api';
import { parseHostUrl } from '../../engine/endpoint';
import { CouldNotCheck } from '../../errors';
import { say } from '../../i18n/evidence';
import { fill } from '../../i18n/strings';
import { planPod, replayPod, timelineLines } from '../../kube/replay';
import { imageId } from '../../kube/replay/engine';
import { isObj, isOutcome, readManifests, requireObject, type KubeObject } from '../../kube/workspace';
import type { Evaluator, Outcome } from '../types';

/**
 * Tier 2 of the Kubernetes lessons: the manifest's pod replayed on docker through the learner's
 * sandbox door (src/kube/replay), graded by what happened; the timeline is in the evidence.
 */
export const podReplay: Evaluator<'pod-replay'> = async (check, ctx) => {
  const L = ctx.lang;
  const object = check.object;
  const parts: string[] = [];
  if (check.pull !== undefined) parts.push(check.pull === 'none' ? say(L, 'replayPulled') : check.pull === 'ImagePullBackOff' ? say(L, 'replayPullBackOff') : say(L, 'replayPull', { reason: check.pull }));
  if (check.pulled !== undefined) parts.push(say(L, check.pulled ? 'replayPulledYes' : 'replayPulledNo'));
  if (check.pullsAtLeast !== undefined) parts.push(say(L, 'replayPullsAtLeast', { n: check.pullsAtLeast }));
  if (check.sameImageAs !== undefined) parts.push(say(L, 'replaySameImage', { ref: check.sameImageAs }));
  if (check.startError !== undefined) parts.push(say(L, 'replayStartError', { reason: check.startError }));
  if (check.initCompleted !== undefined) parts.push(say(L, 'replayInit', { names: check.initCompleted.join(', ') }));
  if (check.appStarted !== undefined) parts.push(say(L, check.appStarted ? 'replayAppStarted' : 'replayAppBlocked'));
  // Without a container named, the sentence has no subject: "Ready within 12000 ms", never "가 12000밀리초…".
  if (check.env !== undefined) {
    const vars = Object.entries(check.env).map(([k, v]) => `${k}=${v}`).join(', ');
    parts.push(check.container ? say(L, 'replayEnv', { container: check.container, vars }) : say(L, 'replayEnvPod', { vars }));
  }
  if (check.readyWithinMs !== undefined) parts.push(check.container ? say(L, 'replayReady', { container: check.container, ms: check.readyWithinMs }) : say(L, 'replayReadyPod', { ms: check.readyWithinMs }));
  if (check.notReadyBeforeMs !== undefined) parts.push(say(L, 'replayNotReadyBefore', { ms: check.notReadyBeforeMs }));
  if (check.restartsAtLeast !== undefined) parts.push(say(L, 'replayRestarts', { n: check.restartsAtLeast }));
  if (check.restartsAtMost !== undefined) parts.push(say(L, 'replayRestartsAtMost', { n: check.restartsAtMost }));
  if (check.backOffGrows) parts.push(say(L, 'replayBackOffGrows'));
  if (check.preStopBeforeTerm) parts.push(say(L, 'replayPreStop'));
  if (check.killedBySigkill !== undefined) parts.push(say(L, check.killedBySigkill ? 'replayKilled' : 'replayNotKilled'));
  if (check.exitCode !== undefined) parts.push(say(L, 'replayExitCode', { code: check.exitCode }));
  if (check.fileWritten) {
    const f = check.fileWritten;
    parts.push(f.contains !== undefined ? say(L, 'replayFileContains', { path: f.path, text: f.contains }) : say(L, 'replayFile', { path: f.path }));
  }
  if (check.claimFile) {
    const f = check.claimFile;
    parts.push(say(L, f.contains !== undefined ? 'replayClaimFileContains' : 'replayClaimFile', { claim: f.claim, path: f.path, text: f.contains ?? '' }));
  }
  const scenario = say(L, check.scenario === 'start' ? 'replayStart' : check.scenario === 'delete' ? 'replayDelete' : check.scenario === 'crash' ? 'replayCrash' : 'replayLiveness');
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
        fix: '이 단계는 앱에서 확인하거나, `ctr-learn shell` 안에서 `ctr-learn check`를 실행하세요.',
        fixLabel: fill('ko', 'tryLabel'),
      },
    };
    throw new CouldNotCheck(texts.en.message, texts.en.fix).inEveryLanguage(texts);
  }
  // The ConfigMaps, Secrets and claims of the whole workspace (a pod's config often sits in another file).
  const all = await readManifests(ctx.workspace);
  const data = { ConfigMap: {} as Record<string, Record<string, string>>, Secret: {} as Record<string, Record<string, string>> };
  for (const o of all.objects) if (o.kind === 'ConfigMap' || o.kind === 'Secret') data[o.kind][o.name] = dataOf(o);
  const claims = new Set(all.objects.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.name));
  const labTag = createHash('sha256').update(ctx.lab.dockerHost).digest('hex').slice(0, 6);
  const api = new EngineApi(parseHostUrl(ctx.lab.dockerHost, 'the sandbox'), 30_000);
  try {
    const r = await replayPod(api, plan, {
      // The lab's door is per session: its hash tells this lab's replay apart from a neighbour's.
      name: `${check.name ?? r0.o.name}-${labTag}`,
      scenario: check.scenario,
      windowMs: check.windowMs,
      restarts: check.restartsAtLeast,
      readFiles: check.fileWritten ? [check.fileWritten.path] : [],
      readClaimFiles: check.claimFile ? [`${check.claimFile.claim}:${check.claimFile.path}`] : [],
      data,
      // A claim is a named volume of the lab: made at its first replay, kept until the lab ends.
      // (named by the claim, not the pod: every pod of the lab that claims it finds the same data).
      claimVolume: (claim) => (claims.has(claim) ? `pvc-${claim}-${labTag}` : undefined),
      signal: ctx.signal,
    });
    const timeline = timelineLines({ ...r, object: `${r.object} (${check.file})` }, L).join('\n');
    const out = r.containers[target.name];
    const facts: string[] = [];
    let pass = true;
    if (r.pullError) {
      facts.push(say(L, 'replayActPull', { reason: r.pullError.reason, image: r.pullError.image }));
      if (r.pullError.backOffs.length) facts.push(say(L, 'replayActBackOffs', { list: r.pullError.backOffs.map((b) => `${b} s`).join(', ') }));
      // ImagePullBackOff comes after an ErrImagePull: asking for the first accepts the second.
      pass = check.pull !== undefined && (check.pull === r.pullError.reason || (check.pull === 'ErrImagePull' && r.pullError.reason === 'ImagePullBackOff'));
      return { pass, expected, actual: `${facts.join('; ')}\n${timeline}` };
    }
    if (check.pull !== undefined) {
      facts.push(say(L, 'replayActPulled'));
      pass &&= check.pull === 'none';
    }
    if (check.pulled !== undefined || check.pullsAtLeast !== undefined) {
      const n = r.pulls.filter((p) => p.container === target.name && p.pulled).length;
      facts.push(n ? say(L, 'replayActPulledYes', { n }) : say(L, 'replayActPulledNo'));
      if (check.pulled !== undefined) pass &&= check.pulled ? r.pulls.find((p) => p.container === target.name)?.pulled === true : n === 0;
      if (check.pullsAtLeast !== undefined) pass &&= n >= check.pullsAtLeast;
    }
    if (check.sameImageAs !== undefined) {
      const want = await imageId(api, check.sameImageAs);
      const got = out?.imageId;
      facts.push(say(L, 'replayActImage', { id: (got ?? '?').replace('sha256:', '').slice(0, 12), ref: check.sameImageAs, want: want ? want.replace('sha256:', '').slice(0, 12) : say(L, 'replayNone') }));
      pass &&= !!want && got === want;
    }
    if (check.startError !== undefined || r.startError) {
      facts.push(r.startError ? say(L, 'replayActStartError', { reason: r.startError.reason, message: r.startError.message }) : say(L, 'replayActStarted'));
      pass &&= r.startError?.reason === check.startError;
      if (r.startError) return { pass, expected, actual: `${facts.join('; ')}\n${timeline}` };
    }
    if (check.initCompleted !== undefined) {
      const doneNames = r.init.filter((i) => i.done).map((i) => i.name);
      facts.push(say(L, 'replayActInit', { names: doneNames.join(', ') || say(L, 'replayNone') }));
      pass &&= doneNames.join(',') === check.initCompleted.join(',');
    }
    if (check.appStarted !== undefined) {
      const started = Object.keys(r.containers).length > 0;
      facts.push(say(L, started ? 'replayActAppStarted' : 'replayActAppBlocked'));
      pass &&= started === check.appStarted;
    }
    if (check.env !== undefined) {
      const got = new Map((out?.env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)] as const));
      const shown = Object.keys(check.env).map((k) => (got.has(k) ? `${k}=${got.get(k)}` : say(L, 'replayActNoVar', { name: k }))).join(', ');
      facts.push(say(L, 'replayActEnv', { container: target.name, vars: shown }));
      pass &&= Object.entries(check.env).every(([k, v]) => got.get(k) === v);
    }
    const readyAt = out?.readyAt;
    if (check.readyWithinMs !== undefined || check.notReadyBeforeMs !== undefined) {
      facts.push(readyAt === undefined ? say(L, 'replayActNeverReady') : say(L, 'replayActReady', { ms: readyAt }));
      if (check.readyWithinMs !== undefined) pass &&= readyAt !== undefined && readyAt <= check.readyWithinMs;
      if (check.notReadyBeforeMs !== undefined) pass &&= readyAt === undefined || readyAt >= check.notReadyBeforeMs;
    }
    if (check.restartsAtLeast !== undefined || check.restartsAtMost !== undefined) {
      facts.push(say(L, 'replayActRestarts', { n: out?.restarts ?? 0 }));
      if (check.restartsAtLeast !== undefined) pass &&= (out?.restarts ?? 0) >= check.restartsAtLeast;
      if (check.restartsAtMost !== undefined) pass &&= (out?.restarts ?? 0) <= check.restartsAtMost;
    }
    if (check.backOffGrows) {
      const b = out?.backOffs ?? [];
      facts.push(b.length ? say(L, 'replayActBackOffs', { list: b.map((x) => `${x} s`).join(', ') }) : say(L, 'replayActNoBackOff'));
      pass &&= b.length >= 2 && b.every((x, i) => i === 0 || x === Math.min(b[i - 1] * 2, 300));
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
      const code = out?.exitCode ?? out?.exitCodes.at(-1);
      facts.push(code === undefined ? say(L, 'replayActRunning') : say(L, 'replayActExit', { code }));
      pass &&= code === check.exitCode;
    }
    if (check.fileWritten) {
      const f = check.fileWritten;
      const content = out?.files[f.path] ?? null;
      facts.push(content === null ? say(L, 'replayActNoFile', { path: f.path }) : say(L, 'replayActFile', { path: f.path, text: content.trim().slice(0, 60) }));
      pass &&= content !== null && (f.contains === undefined || content.includes(f.contains));
    }
    if (check.claimFile) {
      const f = check.claimFile;
      const key = `${f.claim}:${f.path}`;
      const content = r.claimFiles[key] ?? null;
      // An earlier replay's file does not count: this pod must have written it.
      const before = r.claimFilesBefore?.[key] ?? null;
      const unchanged = content !== null && content === before;
      facts.push(
        content === null
          ? say(L, 'replayActNoClaimFile', { claim: f.claim, path: f.path })
          : say(L, unchanged ? 'replayActClaimUnchanged' : 'replayActClaimFile', { claim: f.claim, path: f.path, text: content.trim().slice(-60) }),
      );
      pass &&= content !== null && !unchanged && (f.contains === undefined || content.includes(f.contains));
    }
    return { pass, expected, actual: `${facts.join('; ')}\n${timeline}` };
  } finally {
    api.close();
  }
};

/** A ConfigMap's data (and binaryData skipped), or a Secret's data decoded from base64 and its stringData. */
function dataOf(o: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(o.data.data)) {
    for (const [k, v] of Object.entries(o.data.data)) out[k] = o.kind === 'Secret' ? Buffer.from(String(v), 'base64').toString('utf8') : String(v);
  }
  if (o.kind === 'Secret' && isObj(o.data.stringData)) for (const [k, v] of Object.entries(o.data.stringData)) out[k] = String(v);
  return out;
}
