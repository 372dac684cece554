import type { Evaluator } from '../types';
import { isOutcome, requireContainer } from './container';

export const restart: Evaluator<'restart'> = async (check, ctx) => {
  let expected = `restart policy ${check.policy}${check.maxRetries !== undefined ? `:${check.maxRetries}` : ''}`;
  if (check.minRestartCount !== undefined) expected += `, restarted at least ${check.minRestartCount} time(s)`;
  if (check.maxRestartCount !== undefined) {
    expected += check.maxRestartCount === 0 ? ', never restarted' : `, restarted at most ${check.maxRestartCount} time(s)`;
  }
  const c = await requireContainer(ctx, check.container, expected);
  if (isOutcome(c)) return c;
  const p = c.HostConfig.RestartPolicy;
  const name = p.Name || 'no';
  const actual = `restart policy ${name}${name === 'on-failure' ? `:${p.MaximumRetryCount}` : ''}, restarted ${c.RestartCount} time(s)`;
  const pass =
    name === check.policy &&
    (check.maxRetries === undefined || p.MaximumRetryCount === check.maxRetries) &&
    (check.minRestartCount === undefined || c.RestartCount >= check.minRestartCount) &&
    (check.maxRestartCount === undefined || c.RestartCount <= check.maxRestartCount);
  return { pass, expected, actual };
};
