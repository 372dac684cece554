import { portOf } from '../../lessons/personalize';
import { say } from '../../i18n/evidence';
import type { Evaluator } from '../types';
import { isOutcome, requireContainer } from './container';

export const port: Evaluator<'port'> = async (check, ctx) => {
  const key = check.containerPort.includes('/') ? check.containerPort : `${check.containerPort}/tcp`;
  const L = ctx.lang;
  const expected = check.hostPort ? say(L, 'portHostTo', { host: check.hostPort, port: key }) : say(L, 'portPublished', { port: key });
  const c = await requireContainer(ctx, check.container, expected);
  if (isOutcome(c)) return c;
  const bindings = c.HostConfig.PortBindings ?? {};
  const all = Object.entries(bindings).flatMap(([cp, list]) => (list ?? []).map((b) => say(L, 'portHostTo', { host: b.HostPort || say(L, 'portRandom'), port: cp })));
  const mine = (bindings[key] ?? []).map((b) => Number(b.HostPort));
  const pass = mine.length > 0 && (check.hostPort === undefined || mine.includes(portOf(check.hostPort)));
  const mode = c.HostConfig.NetworkMode === 'host' ? say(L, 'portHostMode') : '';
  return { pass: pass && !mode, expected, actual: (all.length ? all.join(', ') : say(L, 'noPorts')) + mode };
};
