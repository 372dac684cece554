import { say, stateWord } from '../../i18n/evidence';
import type { Evaluator } from '../types';
import { isOutcome, requireContainer } from './container';
import { httpCheck } from './http';

/**
 * HTTP to whatever host port the engine published a container port on (-P, `-p 80`): the port
 * is read from .NetworkSettings.Ports (what is really bound now), then the http check calls it.
 */
export const publishedHttp: Evaluator<'published-http'> = async (check, ctx) => {
  const L = ctx.lang;
  const key = check.containerPort.includes('/') ? check.containerPort : `${check.containerPort}/tcp`;
  const wanted = say(L, 'titlePublishedHttp', { container: check.container, port: key });
  const c = await requireContainer(ctx, check.container, wanted);
  if (isOutcome(c)) return c;
  if (c.State.Status !== 'running') return { pass: false, expected: wanted, actual: say(L, 'portNotRunning', { name: check.container, state: stateWord(L, c.State.Status) }) };
  const hostPort = Number((c.NetworkSettings.Ports?.[key] ?? []).find((b) => b.HostPort)?.HostPort ?? 0);
  if (!hostPort) return { pass: false, expected: wanted, actual: say(L, 'portPublishedOn', { port: key }) };
  const { container: _c, containerPort: _p, kind: _k, ...http } = check;
  return httpCheck({ ...http, kind: 'http', port: hostPort }, ctx);
};
