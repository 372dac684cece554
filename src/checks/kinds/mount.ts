import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { say } from '../../i18n/evidence';
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
  const L = ctx.lang;
  const parts = [say(L, 'mountAt', { type: check.type ?? say(L, 'mountAny'), destination: check.destination })];
  if (check.volume) parts.push(say(L, 'mountFromVolume', { volume: check.volume }));
  if (check.workspacePath) parts.push(say(L, 'mountFromWorkspace', { path: check.workspacePath }));
  if (check.readOnly !== undefined) parts.push(say(L, check.readOnly ? 'readOnly' : 'readWrite'));
  const expected = parts.join(' ');
  const c = await requireContainer(ctx, check.container, expected);
  if (isOutcome(c)) return c;
  const describe = (m: (typeof c.Mounts)[number]) =>
    say(L, 'mountIs', { what: `${m.Type}${m.Type === 'tmpfs' ? '' : ` ${m.Type === 'volume' ? m.Name : m.Source}`}`, destination: m.Destination, ro: m.RW ? '' : say(L, 'mountRoNote') });
  const tmpfs = Object.entries(c.HostConfig.Tmpfs ?? {}).map(([dest, opt]) => ({
    Type: 'tmpfs', Name: undefined as string | undefined, Source: '', Destination: dest, RW: !/(^|,)ro(,|$)/.test(opt),
  }));
  const mounts = [...c.Mounts, ...tmpfs];
  const m = mounts.find((x) => x.Destination === check.destination);
  const actual = mounts.length ? mounts.map(describe).join(', ') : say(L, 'noMounts');
  if (!m) return { pass: false, expected, actual };
  const pass =
    (!check.type || m.Type === check.type) &&
    (!check.volume || m.Name === check.volume) &&
    (!check.workspacePath || real(m.Source) === real(resolve(ctx.workspace, check.workspacePath))) &&
    (check.readOnly === undefined || m.RW === !check.readOnly);
  return { pass, expected, actual };
};
