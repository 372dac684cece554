import { envValue } from '../../engine/objects';
import type { Evaluator } from '../types';
import { isOutcome, requireContainer } from './container';

export const env: Evaluator<'env'> = async (check, ctx) => {
  const expected = check.value === undefined ? `${check.name} is set` : `${check.name}=${check.value}`;
  const c = await requireContainer(ctx, check.container, expected);
  if (isOutcome(c)) return c;
  const value = envValue(c.Config.Env, check.name);
  const all = (c.Config.Env ?? []).filter((e) => e.startsWith(`${check.name}=`));
  const actual =
    value === undefined
      ? `${check.name} is not set`
      : all.length > 1
        ? `${check.name}=${value} (set ${all.length} times; the last one wins)`
        : `${check.name}=${value}`;
  return { pass: value !== undefined && (check.value === undefined || value === check.value), expected, actual };
};
