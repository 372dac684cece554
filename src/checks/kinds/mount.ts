import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Evaluator } from '../types';
import { isOutcome, requireContainer } from './container';

const real = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
};

export const mount: Evaluator<'mount'> = async (check, ctx) => {
  const parts = [`${check.type ?? 'a mount'} at ${check.destination}`];
  if (check.volume) parts.push(`from volume ${check.volume}`);
  if (check.workspacePath) parts.push(`from ${check.workspacePath} in your workspace`);
  if (check.readOnly !== undefined) parts.push(check.readOnly ? 'read-only' : 'read-write');
  const expected = parts.join(' ');
  const c = await requireContainer(ctx, check.container, expected);
  if (isOutcome(c)) return c;
  const describe = (m: (typeof c.Mounts)[number]) =>
    `${m.Type}${m.Type === 'tmpfs' ? '' : ` ${m.Type === 'volume' ? m.Name : m.Source}`} at ${m.Destination}${m.RW ? '' : ' (read-only)'}`;
  const tmpfs = Object.entries(c.HostConfig.Tmpfs ?? {}).map(([dest, opt]) => ({
    Type: 'tmpfs', Name: undefined as string | undefined, Source: '', Destination: dest, RW: !/(^|,)ro(,|$)/.test(opt),
  }));
  const mounts = [...c.Mounts, ...tmpfs];
  const m = mounts.find((x) => x.Destination === check.destination);
  const actual = mounts.length ? mounts.map(describe).join(', ') : 'no mounts';
  if (!m) return { pass: false, expected, actual };
  const pass =
    (!check.type || m.Type === check.type) &&
    (!check.volume || m.Name === check.volume) &&
    (!check.workspacePath || real(m.Source) === real(resolve(ctx.workspace, check.workspacePath))) &&
    (check.readOnly === undefined || m.RW === !check.readOnly);
  return { pass, expected, actual };
};
