import { setTimeout as sleep } from 'node:timers/promises';
import { healthChanges } from '../../engine/events';
import { hasHealthCheck } from '../../engine/objects';
import type { Evaluator } from '../types';
import { isOutcome, requireContainer } from './container';

export const health: Evaluator<'health'> = async (check, ctx) => {
  let expected = `container "${check.container}" ${check.status}`;
  if (check.transitions) expected += `, having gone ${check.transitions.join(' → ')}`;
  let c = await requireContainer(ctx, check.container, expected);
  if (isOutcome(c)) return c;
  if (!c.State.Health) {
    // .State.Health appears only once the container has started; the check itself is in the config.
    const actual = hasHealthCheck(c)
      ? `container "${check.container}" ${c.State.Status}, not started yet (its health check runs once it starts)`
      : `container "${check.container}" has no health check`;
    return { pass: false, expected, actual };
  }
  const deadline = Date.now() + check.withinMs;
  while (c.State.Health?.Status !== check.status && Date.now() < deadline && c.State.Running) {
    await sleep(200);
    c = (await ctx.lab.container(check.container)) ?? c;
  }
  const h = c.State.Health!;
  let actual = `${h.Status} (failing streak ${h.FailingStreak})`;
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
    actual += `, went ${seen.length ? seen.join(' → ') : 'nowhere yet'}`;
    pass &&= i === check.transitions.length;
  }
  return { pass, expected, actual };
};
