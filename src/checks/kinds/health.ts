import { setTimeout as sleep } from 'node:timers/promises';
import { healthChanges } from '../../engine/events';
import { hasHealthCheck } from '../../engine/objects';
import { say, stateWord } from '../../i18n/evidence';
import type { Evaluator } from '../types';
import { isOutcome, requireContainer } from './container';

export const health: Evaluator<'health'> = async (check, ctx) => {
  const L = ctx.lang;
  let expected = say(L, 'containerIs', { name: check.container, state: check.status });
  if (check.transitions) expected += say(L, 'healthHavingGone', { path: check.transitions.join(' → ') });
  let c = await requireContainer(ctx, check.container, expected);
  if (isOutcome(c)) return c;
  if (!c.State.Health) {
    // .State.Health appears only once the container has started; the check itself is in the config.
    const actual = hasHealthCheck(c)
      ? say(L, 'healthNotStarted', { name: check.container, state: stateWord(L, c.State.Status) })
      : say(L, 'healthNone', { name: check.container });
    return { pass: false, expected, actual };
  }
  const deadline = Date.now() + check.withinMs;
  while (c.State.Health?.Status !== check.status && Date.now() < deadline && c.State.Running) {
    await sleep(200);
    c = (await ctx.lab.container(check.container)) ?? c;
  }
  const h = c.State.Health!;
  let actual = say(L, 'healthNow', { status: h.Status, n: h.FailingStreak });
  let pass = h.Status === check.status;
  if (check.transitions) {
    // The engine sets the status before it publishes the event: wait (briefly) for the history
    // to catch up with the status just read.
    let seen = (await healthChanges(ctx.lab.engine, c)).map((e) => e.status);
    // (`starting` has no event.)
    const evented = h.Status === 'healthy' || h.Status === 'unhealthy';
    for (let i = 0; i < 15 && evented && seen.at(-1) !== h.Status; i++) {
      await sleep(100);
      seen = (await healthChanges(ctx.lab.engine, c)).map((e) => e.status);
    }
    let i = 0;
    for (const s of seen) if (s === check.transitions[i]) i++;
    actual += say(L, 'healthWent', { path: seen.length ? seen.join(' → ') : say(L, 'healthNowhere') });
    pass &&= i === check.transitions.length;
  }
  return { pass, expected, actual };
};
