import { isObj, isOutcome, podSpecOf, requireContainer, requireObject, say, where, type Obj } from '../../kube/workspace';
import type { Evaluator, Outcome } from '../types';

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;

/** How long a hook handler waits: a `sleep` handler's seconds, or the `sleep N`s of an exec command (0 if none). */
export function hookSeconds(h: Obj): { seconds: number; known: boolean } {
  if (isObj(h.sleep)) return { seconds: Number(h.sleep.seconds) || 0, known: true };
  if (isObj(h.exec) && Array.isArray(h.exec.command)) {
    const text = h.exec.command.map(String).join(' ');
    const sleeps = [...text.matchAll(/\bsleep\s+(\d+(?:\.\d+)?)s?\b/g)].map((m) => Number(m[1]));
    return { seconds: sleeps.reduce((a, b) => a + b, 0), known: sleeps.length > 0 };
  }
  return { seconds: 0, known: false };
}

export const kubeHook: Evaluator<'kube-hook'> = async (check, ctx) => {
  const L = ctx.lang;
  const parts = [say(L, 'wantHook', { hook: check.hook })];
  if (check.handler) parts.push(say(L, 'wantHandler', { handler: check.handler.join(' / ') }));
  if (check.minSeconds !== undefined) parts.push(say(L, 'wantMinHook', { hook: check.hook, s: check.minSeconds }));
  if (check.appShutdownSeconds !== undefined) parts.push(say(L, 'wantHookFits', { hook: check.hook, app: check.appShutdownSeconds }));
  const expected = parts.join(', ');
  const fail = (actual: string): Outcome => ({ pass: false, expected, actual });
  const found = await requireObject(ctx.workspace, check.object, check.file, expected, L);
  if (isOutcome(found)) return found;
  const c = requireContainer(found.o, check.container, expected, L);
  if (isOutcome(c)) return c;
  const lc = isObj(c.c.lifecycle) ? c.c.lifecycle : {};
  const h = lc[check.hook];
  if (!isObj(h)) return fail(say(L, 'noHook', { container: c.name, at: where(found.o, c.path), hook: check.hook }));
  const hpath = [...c.path, 'lifecycle', check.hook];
  const at = where(found.o, hpath, 'key');
  const handler = HANDLERS.find((k) => isObj(h[k])) ?? '?';
  const { seconds, known } = hookSeconds(h);
  const detail =
    handler === 'exec' ? `${JSON.stringify((h.exec as Obj).command ?? [])}${known ? '' : ` ${say(L, 'noSleep')}`}` : handler === 'sleep' ? say(L, 'seconds', { s: seconds }) : handler === 'httpGet' ? `${String((h.httpGet as Obj).path ?? '/')} port ${String((h.httpGet as Obj).port)}` : '';
  const is = say(L, 'hookIs', { hook: check.hook, handler, detail, at });
  if (check.handler && !check.handler.includes(handler as (typeof HANDLERS)[number])) return fail(is);
  if (check.minSeconds !== undefined && seconds < check.minSeconds) return fail(say(L, 'hookTooShort', { hook: check.hook, hookS: seconds, at }));
  if (check.appShutdownSeconds !== undefined) {
    const spec = podSpecOf(found.o)!;
    const set = typeof spec.spec.terminationGracePeriodSeconds === 'number';
    const grace = set ? (spec.spec.terminationGracePeriodSeconds as number) : 30;
    const graceFrom = set ? ` (${where(found.o, [...spec.path, 'terminationGracePeriodSeconds'])})` : say(L, 'graceDefault');
    const total = seconds + check.appShutdownSeconds;
    const vars = { hook: check.hook, hookS: seconds, app: check.appShutdownSeconds, total, grace, graceFrom, at };
    if (total > grace) return fail(say(L, 'hookTooLong', vars));
    return { pass: true, expected, actual: `${is}; ${say(L, 'hookFits', vars)}` };
  }
  return { pass: true, expected, actual: is };
};
