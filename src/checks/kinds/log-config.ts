import { say } from '../../i18n/evidence';
import type { Evaluator } from '../types';
import { isOutcome, requireContainer } from './container';

const UNIT: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** A size as docker reads --log-opt max-size (binary units, case-insensitive: 1m = 1024k); null if unreadable. */
export function sizeInBytes(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(text.trim());
  return m ? Math.round(Number(m[1]) * UNIT[m[2].toLowerCase()]) : null;
}

export const logConfig: Evaluator<'log-config'> = async (check, ctx) => {
  const L = ctx.lang;
  const want: string[] = [];
  if (check.driver) want.push(say(L, 'logDriver', { driver: check.driver }));
  if (check.maxSize) want.push(say(L, 'logMaxSize', { size: check.maxSize }));
  if (check.maxFile !== undefined) want.push(say(L, 'logMaxFile', { n: check.maxFile }));
  const expected = want.join(', ');
  const c = await requireContainer(ctx, check.container, expected);
  if (isOutcome(c)) return c;
  const driver = c.HostConfig.LogConfig?.Type ?? '';
  const opts = c.HostConfig.LogConfig?.Config ?? {};
  const size = opts['max-size'];
  const files = opts['max-file'];
  const actual = [
    say(L, 'logDriver', { driver: driver || '?' }),
    size ? say(L, 'logMaxSize', { size }) : say(L, 'logNoLimit'),
    files ? say(L, 'logMaxFile', { n: files }) : say(L, 'logNoMaxFile'),
  ].join(', ');
  const pass =
    (!check.driver || driver === check.driver) &&
    (!check.maxSize || (size !== undefined && sizeInBytes(size) === sizeInBytes(check.maxSize))) &&
    (check.maxFile === undefined || Number(files ?? 1) === check.maxFile);
  return { pass, expected, actual };
};
