import { portOf } from '../../lessons/personalize';
import { say } from '../../i18n/evidence';
import type { ContainerInspect } from '../../engine/types';
import type { Evaluator } from '../types';
import { isOutcome, requireContainer } from './container';

type Binding = { HostIp: string; HostPort: string };

/**
 * What the container asked for (.HostConfig.PortBindings), plus, for `-P`, what the engine gave
 * it: -P leaves PortBindings empty and its random ports are only in .NetworkSettings.Ports.
 */
function bindingsOf(c: ContainerInspect): Record<string, Binding[]> {
  const out: Record<string, Binding[]> = {};
  for (const [cp, list] of Object.entries(c.HostConfig.PortBindings ?? {})) out[cp] = [...(list ?? [])];
  if (c.HostConfig.PublishAllPorts) {
    for (const [cp, list] of Object.entries(c.NetworkSettings.Ports ?? {})) {
      // The engine lists an IPv6 twin of each binding: one per host port is enough.
      for (const b of list ?? []) if (!(out[cp] ??= []).some((x) => x.HostPort === b.HostPort)) out[cp].push(b);
    }
  }
  return out;
}

/** "" and 0.0.0.0 (and ::) both mean every address of the host. */
const everyAddress = (ip: string) => ip === '' || ip === '0.0.0.0' || ip === '::';

export const port: Evaluator<'port'> = async (check, ctx) => {
  const key = check.containerPort.includes('/') ? check.containerPort : `${check.containerPort}/tcp`;
  const L = ctx.lang;
  const onIp = check.hostIp ? say(L, 'portOnAddress', { ip: check.hostIp }) : '';
  const expected = (check.hostPort ? say(L, 'portHostTo', { host: check.hostPort, port: key }) : say(L, 'portPublished', { port: key })) + onIp;
  const c = await requireContainer(ctx, check.container, expected);
  if (isOutcome(c)) return c;
  const bindings = bindingsOf(c);
  const show = (b: Binding, cp: string) =>
    say(L, 'portHostTo', { host: b.HostPort || say(L, 'portRandom'), port: cp }) +
    (check.hostIp ? say(L, 'portOnAddress', { ip: everyAddress(b.HostIp) ? say(L, 'portEveryAddress') : b.HostIp }) : '');
  const all = Object.entries(bindings).flatMap(([cp, list]) => list.map((b) => show(b, cp)));
  const pass = (bindings[key] ?? []).some(
    (b) => (check.hostPort === undefined || Number(b.HostPort) === portOf(check.hostPort!)) && (check.hostIp === undefined || b.HostIp === check.hostIp),
  );
  const mode = c.HostConfig.NetworkMode === 'host' ? say(L, 'portHostMode') : '';
  return { pass: pass && !mode, expected, actual: (all.length ? all.join(', ') : say(L, 'noPorts')) + mode };
};
