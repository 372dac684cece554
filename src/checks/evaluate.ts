import { CouldNotCheck } from '../errors';
import type { Check, Lang, Step } from '../lessons/schema';
import { fill } from '../i18n/strings';
import { describeCheck } from './describe';
import { attached, network, reach } from './kinds/network';
import { container } from './kinds/container';
import { digest } from './kinds/digest';
import { env } from './kinds/env';
import { containerFile, volumeFile, workspaceFile } from './kinds/files';
import { health } from './kinds/health';
import { httpCheck } from './kinds/http';
import { image } from './kinds/image';
import { logs } from './kinds/logs';
import { command } from './kinds/command';
import { logConfig } from './kinds/log-config';
import { mount } from './kinds/mount';
import { port } from './kinds/port';
import { publishedHttp } from './kinds/published-http';
import { question } from './kinds/question';
import { registryTag } from './kinds/registry-tag';
import { restart } from './kinds/restart';
import { runConfig } from './kinds/run-config';
import { stop } from './kinds/stop';
import { manifest } from './kinds/manifest';
import { kubeEnv } from './kinds/kube-env';
import { kubeField } from './kinds/kube-field';
import { kubeHook } from './kinds/kube-hook';
import { kubeImage } from './kinds/kube-image';
import { kubeProbe } from './kinds/kube-probe';
import { kubeSelector } from './kinds/kube-selector';
import { kubeVolume } from './kinds/kube-volume';
import { podReplay } from './kinds/pod-replay';
import { kubeLive } from './kinds/kube-live';
import { liveMode } from '../kube/live/mode';
import type { CheckContext, CheckResult, Outcome, StepResult } from './types';

/** One evaluator per kind; the exhaustive switch makes a new kind a compile error until handled. */
function evaluate(check: Check, ctx: CheckContext): Promise<Outcome> {
  switch (check.kind) {
    case 'container': return container(check, ctx);
    case 'restart': return restart(check, ctx);
    case 'port': return port(check, ctx);
    case 'http': return httpCheck(check, ctx);
    case 'env': return env(check, ctx);
    case 'mount': return mount(check, ctx);
    case 'volume-file': return volumeFile(check, ctx);
    case 'container-file': return containerFile(check, ctx);
    case 'network': return network(check, ctx);
    case 'attached': return attached(check, ctx);
    case 'reach': return reach(check, ctx);
    case 'image': return image(check, ctx);
    case 'registry-tag': return registryTag(check, ctx);
    case 'health': return health(check, ctx);
    case 'stop': return stop(check, ctx);
    case 'logs': return logs(check, ctx);
    case 'command': return command(check, ctx);
    case 'log-config': return logConfig(check, ctx);
    case 'question': return question(check, ctx);
    case 'workspace-file': return workspaceFile(check, ctx);
    case 'published-http': return publishedHttp(check, ctx);
    // kube
    case 'manifest': return manifest(check, ctx);
    case 'kube-probe': return kubeProbe(check, ctx);
    case 'kube-hook': return kubeHook(check, ctx);
    case 'kube-image': return kubeImage(check, ctx);
    case 'kube-selector': return kubeSelector(check, ctx);
    case 'kube-env': return kubeEnv(check, ctx);
    case 'kube-volume': return kubeVolume(check, ctx);
    case 'kube-field': return kubeField(check, ctx);
    // lessons-images
    case 'digest': return digest(check, ctx);
    // kube-replay
    case 'pod-replay': return podReplay(check, ctx);
    case 'run-config': return runConfig(check, ctx);
    // kube-live
    case 'kube-live': return kubeLive(check, ctx);
    default: {
      const never: never = check;
      throw new Error(`unknown check kind ${(never as Check).kind}`);
    }
  }
}

/**
 * Run a step's checks in order. The first failure stops the step: later checks are reported as
 * skipped (some are actions, like `stop`, that only make sense once the earlier ones hold).
 * An unreachable engine throws CouldNotCheck: that is never a failed step.
 */
export async function checkStep(
  step: Step,
  ctx: CheckContext,
  lang: Lang = 'en',
  onResult?: (r: CheckResult) => void,
): Promise<StepResult> {
  const started = performance.now();
  const results: CheckResult[] = [];
  let failed = false;
  // Tier 3 (a step's `live` checks) only once the step's own checks hold, and only when a
  // kubeconfig context answers: without a cluster the step is graded by its checks alone.
  const live = step.live?.length && step.checks.length ? step.live : [];
  let checks: Check[] = step.checks;
  if (live.length) checks = [...checks, ...live];
  let liveNotRun: number | undefined;
  for (const [i, check] of checks.entries()) {
    if (i === step.checks.length && failed) break;
    if (i === step.checks.length && (await liveMode()).state !== 'on') {
      liveNotRun = live.length;
      break;
    }
    const title = check.title?.[lang] ?? describeCheck(check, lang);
    if (failed) {
      const r: CheckResult = { id: check.id, kind: check.kind, title, status: 'skipped', expected: '', actual: '', ms: 0 };
      results.push(r);
      onResult?.(r);
      continue;
    }
    const t0 = performance.now();
    let outcome: Outcome;
    try {
      outcome = await evaluate(check, { ...ctx, lang });
    } catch (err) {
      if (err instanceof CouldNotCheck) throw err;
      const vars = { id: check.id, kind: check.kind, message: (err as Error).message };
      const texts = (l: Lang) => ({ message: fill(l, 'couldNot.check', vars), fix: fill(l, 'couldNot.fix'), fixLabel: fill(l, 'tryLabel') });
      throw new CouldNotCheck(fill('en', 'couldNot.check', vars)).inEveryLanguage({ en: texts('en'), ko: texts('ko') });
    }
    const r: CheckResult = {
      id: check.id,
      kind: check.kind,
      title,
      status: outcome.pass ? 'pass' : 'fail',
      expected: outcome.expected,
      actual: outcome.actual,
      hint: outcome.pass ? undefined : check.hint,
      ms: performance.now() - t0,
    };
    failed = !outcome.pass;
    results.push(r);
    onResult?.(r);
  }
  return { stepId: step.id, passed: !failed, checks: results, ms: performance.now() - started, ...(liveNotRun ? { liveNotRun } : {}) };
}
