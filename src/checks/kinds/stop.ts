import type { Evaluator } from '../types';
import { isOutcome, requireContainer } from './container';

/**
 * `docker stop -t N` through the API: SIGTERM, then SIGKILL after N seconds. How long it took
 * and how it exited tell whether the program handled SIGTERM (exit 137 = killed).
 */
export const stop: Evaluator<'stop'> = async (check, ctx) => {
  const parts = [`docker stop -t ${check.timeoutSeconds} ${check.container}`];
  if (check.maxSeconds !== undefined) parts.push(`stops within ${check.maxSeconds} s`);
  if (check.minSeconds !== undefined) parts.push(`takes at least ${check.minSeconds} s`);
  if (check.exitCode !== undefined) parts.push(`exit code ${check.exitCode}`);
  const expected = parts.join(': ');
  const c = await requireContainer(ctx, check.container, expected);
  if (isOutcome(c)) return c;
  if (c.State.Status !== 'running') {
    return { pass: false, expected, actual: `container "${check.container}" is ${c.State.Status}, not running: start it first` };
  }
  const started = performance.now();
  await ctx.lab.engine.json('POST', `/containers/${c.Id}/stop`, { query: { t: check.timeoutSeconds }, timeoutMs: (check.timeoutSeconds + 15) * 1000 });
  const secs = (performance.now() - started) / 1000;
  const after = await ctx.lab.engine.json<typeof c>('GET', `/containers/${c.Id}/json`);
  const code = after.State.ExitCode;
  const killed =
    code === 137
      ? ' (SIGKILL after the timeout: SIGTERM was ignored)'
      : code === 143
        ? ' (128 + 15: SIGTERM ended it, but not with exit 0: a handler that ran must end with `exit 0`; without one, an init such as --init passed SIGTERM on)'
        : '';
  const actual = `stopped in ${secs.toFixed(1)} s with exit code ${code}${killed}`;
  const pass =
    (check.maxSeconds === undefined || secs <= check.maxSeconds) &&
    (check.minSeconds === undefined || secs >= check.minSeconds) && (check.exitCode === undefined || code === check.exitCode);
  return { pass, expected, actual };
};
