import { say } from '../../i18n/evidence';
import type { Evaluator } from '../types';
import { isOutcome, requireContainer } from './container';

export const restart: Evaluator<'restart'> = async (check, ctx) => {
  const L = ctx.lang;
  let expected = say(L, 'restartPolicy', { policy: `${check.policy}${check.maxRetries !== undefined ? `:${check.maxRetries}` : ''}` });
  if (check.minRestartCount !== undefined) expected += say(L, 'restartedAtLeast', { n: check.minRestartCount });
  if (check.maxRestartCount !== undefined) {
    expected += check.maxRestartCount === 0 ? say(L, 'restartedNever') : say(L, 'restartedAtMost', { n: check.maxRestartCount });
  }
  const c = await requireContainer(ctx, check.container, expected);
  if (isOutcome(c)) return c;
  const p = c.HostConfig.RestartPolicy;
  const name = p.Name || 'no';
  const actual = say(L, 'restartActual', { policy: `${name}${name === 'on-failure' ? `:${p.MaximumRetryCount}` : ''}`, n: c.RestartCount });
  const pass =
    name === check.policy &&
    (check.maxRetries === undefined || p.MaximumRetryCount === check.maxRetries) &&
    (check.minRestartCount === undefined || c.RestartCount >= check.minRestartCount) &&
    (check.maxRestartCount === undefined || c.RestartCount <= check.maxRestartCount);
  return { pass, expected, actual };
};
