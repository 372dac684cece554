import type { Evaluator } from '../types';
import { isOutcome, requireContainer } from './container';

export const port: Evaluator<'port'> = async (check, ctx) => {
  const key = check.containerPort.includes('/') ? check.containerPort : `${check.containerPort}/tcp`;
  const expected = check.hostPort ? `host port ${check.hostPort} → container port ${key}` : `container port ${key} published`;
  const c = await requireContainer(ctx, check.container, expected);
  if (isOutcome(c)) return c;
  const bindings = c.HostConfig.PortBindings ?? {};
  const all = Object.entries(bindings).flatMap(([cp, list]) => (list ?? []).map((b) => `host port ${b.HostPort || '(random)'} → container port ${cp}`));
  const mine = (bindings[key] ?? []).map((b) => Number(b.HostPort));
  const pass = mine.length > 0 && (check.hostPort === undefined || mine.includes(check.hostPort));
  const mode = c.HostConfig.NetworkMode === 'host' ? ' (network host: published ports are ignored)' : '';
  return { pass: pass && !mode, expected, actual: (all.length ? all.join(', ') : 'no ports published') + mode };
};
