import { execIn } from '../../engine/streams';
import type { ContainerInspect } from '../../engine/types';
import type { Evaluator } from '../types';
import { isOutcome, requireContainer } from './container';

export const network: Evaluator<'network'> = async (check, ctx) => {
  const expected = `network "${check.network}" with driver ${check.driver}`;
  const n = await ctx.lab.network(check.network);
  if (!n) return { pass: false, expected, actual: `no network named "${check.network}" in the sandbox` };
  return { pass: n.Driver === check.driver, expected, actual: `network "${n.Name}" with driver ${n.Driver}` };
};

/** Where a container is attached, in words: "bridge, appnet" or "network mode host". */
export function describeNetworks(c: ContainerInspect): string {
  const mode = c.HostConfig.NetworkMode;
  if (mode === 'host' || mode === 'none') return `network mode ${mode}`;
  const names = Object.keys(c.NetworkSettings.Networks ?? {});
  return names.length ? `attached to ${names.join(', ')}` : 'attached to no network';
}

export const attached: Evaluator<'attached'> = async (check, ctx) => {
  const special = check.network === 'host' || check.network === 'none';
  const expected = special
    ? `container "${check.container}" in network mode ${check.network}`
    : `container "${check.container}" attached to ${check.network}${check.only ? ' only' : ''}`;
  const c = await requireContainer(ctx, check.container, expected);
  if (isOutcome(c)) return c;
  const actual = `container "${check.container}" ${describeNetworks(c)}`;
  if (special) return { pass: c.HostConfig.NetworkMode === check.network, expected, actual };
  const names = Object.keys(c.NetworkSettings.Networks ?? {});
  const pass = names.includes(check.network) && (!check.only || names.length === 1);
  return { pass, expected, actual };
};

/** Call `http://to:port/` from inside `from` with busybox wget (its -T segfaults: use timeout). */
export const reach: Evaluator<'reach'> = async (check, ctx) => {
  const target = `http://${check.to}:${check.port}/`;
  const expected = `${check.from} ${check.expect === 'reachable' ? 'can' : 'cannot'} reach ${target}`;
  const from = await requireContainer(ctx, check.from, expected);
  if (isOutcome(from)) return from;
  if (from.State.Status !== 'running') {
    return { pass: false, expected, actual: `container "${check.from}" is ${from.State.Status}, so nothing can run in it` };
  }
  const to = await ctx.lab.container(check.to);
  // Say why before calling: a call to a stopped container only times out, and a target that is not
  // there (or not running) makes "unreachable" true for a reason that is not the network's.
  if (to && to.State.Status !== 'running') {
    const why = check.expect === 'unreachable' ? ', so "cannot reach" proves nothing yet' : `: start it (docker start ${check.to})`;
    return { pass: false, expected, actual: `container "${check.to}" is not running (${to.State.Status})${why}` };
  }
  if (!to && check.expect === 'unreachable' && (await ctx.lab.outsideContainer(check.to)) === null && /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(check.to)) {
    return { pass: false, expected, actual: `there is no container "${check.to}", so "cannot reach" proves nothing` };
  }
  const r = await execIn(ctx.lab.engine, from.Id, ['timeout', '3', 'wget', '-q', '-O', '/dev/null', target], 8000);
  const ok = r.exitCode === 0;
  const why = (r.stderr || r.stdout).trim().split('\n').pop() ?? '';
  const actual = ok ? `${check.from} reached ${target}` : `${check.from} could not reach ${target}${why ? ` (${why})` : r.exitCode === 143 ? ' (timed out)' : ''}`;
  return { pass: ok === (check.expect === 'reachable'), expected, actual };
};
