import { say, stateWord } from '../../i18n/evidence';
import type { Evaluator } from '../types';
import { isOutcome, requireContainer } from './container';

/**
 * `docker stop -t N` through the API: SIGTERM, then SIGKILL after N seconds. How long it took
 * and how it exited tell whether the program handled SIGTERM (exit 137 = killed).
 */
export const stop: Evaluator<'stop'> = async (check, ctx) => {
  const L = ctx.lang;
  const parts = [`docker stop -t ${check.timeoutSeconds} ${check.container}`];
  if (check.maxSeconds !== undefined) parts.push(say(L, 'stopWithin', { n: check.maxSeconds }));
  if (check.minSeconds !== undefined) parts.push(say(L, 'stopAtLeast', { n: check.minSeconds }));
  if (check.exitCode !== undefined) parts.push(say(L, 'wantExitCode', { code: check.exitCode }));
  const expected = parts.join(': ');
  const c = await requireContainer(ctx, check.container, expected);
  if (isOutcome(c)) return c;
  if (c.State.Status !== 'running') {
    return { pass: false, expected, actual: say(L, 'stopNotRunning', { name: check.container, state: stateWord(L, c.State.Status) }) };
  }
  const started = performance.now();
  await ctx.lab.engine.json('POST', `/containers/${c.Id}/stop`, { query: { t: check.timeoutSeconds }, timeoutMs: (check.timeoutSeconds + 15) * 1000 });
  const secs = (performance.now() - started) / 1000;
  const after = await ctx.lab.engine.json<typeof c>('GET', `/containers/${c.Id}/json`);
  const code = after.State.ExitCode;
  const killed = code === 137 ? say(L, secs < check.timeoutSeconds - 0.5 ? 'stopKilledEarlyNote' : 'stopKilledNote') : code === 143 ? say(L, 'stopTermNote') : '';
  const actual = say(L, 'stopped', { s: secs.toFixed(1), code, killed });
  const pass =
    (check.maxSeconds === undefined || secs <= check.maxSeconds) &&
    (check.minSeconds === undefined || secs >= check.minSeconds) && (check.exitCode === undefined || code === check.exitCode);
  return { pass, expected, actual };
};
