import { execIn } from '../../engine/streams';
import type { ContainerInspect } from '../../engine/types';
import { say, stateWord } from '../../i18n/evidence';
import type { Lang } from '../../lessons/schema';
import type { Evaluator } from '../types';
import { isOutcome, requireContainer } from './container';

export const network: Evaluator<'network'> = async (check, ctx) => {
  const expected = say(ctx.lang, 'networkExpected', { name: check.network, driver: check.driver });
  const n = await ctx.lab.network(check.network);
  if (!n) return { pass: false, expected, actual: say(ctx.lang, 'noNetwork', { name: check.network }) };
  return { pass: n.Driver === check.driver, expected, actual: say(ctx.lang, 'networkExpected', { name: n.Name, driver: n.Driver }) };
};

/** Where a container is attached, in words: "bridge, appnet" or "network mode host". */
export function describeNetworks(c: ContainerInspect, lang?: Lang): string {
  const mode = c.HostConfig.NetworkMode;
  if (mode === 'host' || mode === 'none') return say(lang, 'networkMode', { mode });
  const names = Object.keys(c.NetworkSettings.Networks ?? {});
  return names.length ? say(lang, 'attachedTo', { names: names.join(', ') }) : say(lang, 'attachedNone');
}

export const attached: Evaluator<'attached'> = async (check, ctx) => {
  const special = check.network === 'host' || check.network === 'none';
  const L = ctx.lang;
  const expected = special
    ? say(L, 'wantMode', { name: check.container, mode: check.network })
    : say(L, check.only ? 'wantAttachedOnly' : 'wantAttached', { name: check.container, network: check.network });
  const c = await requireContainer(ctx, check.container, expected);
  if (isOutcome(c)) return c;
  const actual = say(L, 'containerNetworks', { name: check.container, where: describeNetworks(c, L) });
  if (special) return { pass: c.HostConfig.NetworkMode === check.network, expected, actual };
  const names = Object.keys(c.NetworkSettings.Networks ?? {});
  const pass = names.includes(check.network) && (!check.only || names.length === 1);
  return { pass, expected, actual };
};

/** Call `http://to:port/` from inside `from` with busybox wget (its -T segfaults: use timeout). */
export const reach: Evaluator<'reach'> = async (check, ctx) => {
  const L = ctx.lang;
  const target = `http://${check.to}:${check.port}/`;
  const expected = say(L, check.expect === 'reachable' ? 'canReach' : 'cannotReach', { from: check.from, target });
  const from = await requireContainer(ctx, check.from, expected);
  if (isOutcome(from)) return from;
  if (from.State.Status !== 'running') {
    return { pass: false, expected, actual: say(L, 'notRunningNothing', { name: check.from, state: stateWord(L, from.State.Status) }) };
  }
  const to = await ctx.lab.container(check.to);
  // Say why before calling: a call to a stopped container only times out, and a target that is not
  // there (or not running) makes "unreachable" true for a reason that is not the network's.
  if (to && to.State.Status !== 'running') {
    const key = check.expect === 'unreachable' ? 'targetNotRunning' : 'targetNotRunningStart';
    return { pass: false, expected, actual: say(L, key, { name: check.to, status: to.State.Status }) };
  }
  if (!to && check.expect === 'unreachable' && (await ctx.lab.outsideContainer(check.to)) === null && /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(check.to)) {
    return { pass: false, expected, actual: say(L, 'targetMissing', { name: check.to }) };
  }
  const r = await execIn(ctx.lab.engine, from.Id, ['timeout', '3', 'wget', '-q', '-O', '/dev/null', target], 8000);
  const ok = r.exitCode === 0;
  const why = (r.stderr || r.stdout).trim().split('\n').pop() ?? '';
  const actual = ok
    ? say(L, 'reached', { from: check.from, target })
    : say(L, 'couldNotReach', { from: check.from, target, why: why ? ` (${why})` : r.exitCode === 143 ? say(L, 'timedOut') : '' });
  return { pass: ok === (check.expect === 'reachable'), expected, actual };
};
