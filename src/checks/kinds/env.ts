import { envValue } from '../../engine/objects';
import { say } from '../../i18n/evidence';
import type { Evaluator } from '../types';
import { isOutcome, requireContainer } from './container';

export const env: Evaluator<'env'> = async (check, ctx) => {
  const L = ctx.lang;
  const expected = check.value === undefined ? say(L, 'envIsSet', { name: check.name }) : `${check.name}=${check.value}`;
  const c = await requireContainer(ctx, check.container, expected);
  if (isOutcome(c)) return c;
  const value = envValue(c.Config.Env, check.name);
  const all = (c.Config.Env ?? []).filter((e) => e.startsWith(`${check.name}=`));
  const actual =
    value === undefined
      ? say(L, 'envNotSet', { name: check.name })
      : all.length > 1
        ? say(L, 'envSetTwice', { name: check.name, value, n: all.length })
        : `${check.name}=${value}`;
  return { pass: value !== undefined && (check.value === undefined || value === check.value), expected, actual };
};
