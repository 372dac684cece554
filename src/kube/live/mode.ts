import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Lang } from '../../lessons/schema';
import { currentLearner } from '../../sandbox/learner-values';
import type { LiveSummary } from './line';
import { namespaceFor } from './namespace';
import { sayLive } from './say';

/**
 * Tier 3's switch: is there a cluster, and does it answer? Nothing here loads
 * @kubernetes/client-node unless a kubeconfig file exists and live mode is not turned off
 * (CTR_LEARN_KUBE=off): a docker lesson's first frame, `cheat` and `check` never pay for it.
 */
export type LiveMode =
  | { state: 'off' }
  | { state: 'none' }
  | { state: 'no-context'; file: string }
  | { state: 'down'; file: string; context: string; server: string; reason: string }
  | { state: 'on'; file: string; context: string; server: string; version: string };

/** How long the server gets to answer `/version` before live mode is off. */
export const PROBE_MS = 2500;

/** The kubeconfig files as kubectl reads them: $KUBECONFIG (a list), else ~/.kube/config; only those that exist. */
export function kubeconfigFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  const list = env.KUBECONFIG ? env.KUBECONFIG.split(delimiter).filter(Boolean) : [join(env.HOME ?? homedir(), '.kube', 'config')];
  return list.filter((f) => {
    try {
      return existsSync(f) && statSync(f).isFile();
    } catch {
      return false;
    }
  });
}

export const optedOut = (env: NodeJS.ProcessEnv = process.env): boolean => /^(off|0|false|no)$/i.test(env.CTR_LEARN_KUBE ?? '');

/** A short cause of a failed request (refused, timeout, TLS, HTTP status). */
export function reasonOf(err: unknown, timeoutMs: number, lang?: Lang): string {
  const e = err as { code?: string; name?: string; type?: string; message?: string; cause?: { code?: string }; errno?: string };
  if (e?.name === 'AbortError' || e?.type === 'aborted' || e?.name === 'TimeoutError') return sayLive(lang, 'timeout', { ms: timeoutMs });
  const code = e?.code ?? e?.errno ?? e?.cause?.code;
  if (code) return code === 'ECONNREFUSED' ? `${code}: connection refused` : code;
  return (e?.message ?? String(err)).split('\n')[0].slice(0, 160);
}

/** Ask the current context's server for `/version`, within `timeoutMs`. Loads client-node. */
export async function detectLiveMode(env: NodeJS.ProcessEnv = process.env, timeoutMs = PROBE_MS): Promise<LiveMode> {
  if (optedOut(env)) return { state: 'off' };
  const files = kubeconfigFiles(env);
  if (!files.length) return { state: 'none' };
  const file = files[0];
  const { openCluster } = await import('./client');
  let cluster;
  try {
    cluster = await openCluster(file, timeoutMs);
  } catch {
    return { state: 'no-context', file };
  }
  if (!cluster) return { state: 'no-context', file };
  const { context, server } = cluster;
  try {
    const v = await cluster.version();
    return { state: 'on', file, context, server, version: v };
  } catch (err) {
    return { state: 'down', file, context, server, reason: reasonOf(err, timeoutMs, undefined) };
  }
}

let cached: { at: number; mode: Promise<LiveMode>; value?: LiveMode } | null = null;

/**
 * The process's answer, asked once: an answering cluster stays on for the process; "no" is asked
 * again after 30 s (the learner may have just started kind).
 */
export function liveMode(): Promise<LiveMode> {
  if (cached && (cached.value?.state === 'on' || Date.now() - cached.at < 30_000)) return cached.mode;
  const c: NonNullable<typeof cached> = { at: Date.now(), mode: detectLiveMode() };
  void c.mode.then((v) => (c.value = v));
  cached = c;
  return c.mode;
}

/** For tests: forget the cached answer. */
export function forgetLiveMode(): void {
  cached = null;
}

/** Doctor's line, and whether it is a finding that needs fixing (a context that does not answer). */
export function doctorLine(m: LiveMode, lang: Lang): { ok: boolean; detail: string; fix?: string } {
  switch (m.state) {
    case 'off': return { ok: true, detail: sayLive(lang, 'doctorOff') };
    case 'none': return { ok: true, detail: sayLive(lang, 'doctorNone') };
    case 'no-context': return { ok: true, detail: sayLive(lang, 'doctorNoContext', { file: m.file }) };
    case 'down': return { ok: true, detail: sayLive(lang, 'doctorDown', { context: m.context, server: m.server, reason: m.reason }), fix: sayLive(lang, 'doctorDownFix') };
    case 'on': return { ok: true, detail: sayLive(lang, 'doctorOn', { context: m.context, server: m.server, version: m.version }) };
  }
}


/** Live mode as a Kubernetes lesson says it (line.ts): found once (no kubeconfig: no client is loaded). */
export async function liveSummary(): Promise<LiveSummary> {
  const m = await liveMode().catch(() => null);
  if (m?.state === 'off') return { state: 'opted-out' };
  if (m?.state !== 'on') return { state: 'off' };
  return { state: 'on', context: m.context, namespace: namespaceFor(currentLearner().short) };
}
