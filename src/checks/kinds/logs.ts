import { setTimeout as sleep } from 'node:timers/promises';
import type { EngineApi } from '../../engine/api';
import { containerEvents, engineTime } from '../../engine/events';
import { readLogs } from '../../engine/streams';
import type { ContainerInspect } from '../../engine/types';
import { say } from '../../i18n/evidence';
import type { Evaluator } from '../types';
import { isOutcome, requireContainer } from './container';

/**
 * Where the current run's output begins, as a UNIX time for the logs API. Both obvious answers are
 * wrong (measured): a run's first line can be stamped a few ms before .State.StartedAt, and the
 * previous run's last lines can be stamped after its .State.FinishedAt (the daemon stamps a line
 * when it reads the pipe). The engine emits `die` only after the old run's output is drained, so
 * the boundary is that event, or StartedAt less a small slack when the event is not found.
 */
async function lastStartBoundary(api: EngineApi, c: ContainerInspect): Promise<string | undefined> {
  const finished = engineTime(c.State.FinishedAt);
  if (finished === null) return undefined; // never stopped: one run only
  const started = Date.parse(c.State.StartedAt) / 1000;
  const dies = await containerEvents(api, c, ['die']);
  let lastDie = 0;
  for (const { time } of dies) if (time < started && time > lastDie) lastDie = time;
  if (lastDie) return lastDie.toFixed(9);
  // No earlier `die`: this is the first run, or the engine no longer keeps the event (it keeps
  // the last 256); StartedAt less a slack is then the best boundary.
  if (finished >= started && c.RestartCount === 0) return undefined;
  return (started - SLACK_MS / 1000).toFixed(9);
}

const SLACK_MS = 250;

export const logs: Evaluator<'logs'> = async (check, ctx) => {
  const re = new RegExp(check.matches);
  const L = ctx.lang;
  const which = say(L, check.line === 'first' ? 'logsFirstLine' : 'logsALine');
  const since = check.since === 'last-start' ? say(L, 'logsSince') : '';
  const otherName = check.stream === 'stdout' ? 'stderr' : 'stdout';
  const expected =
    say(L, 'logsExpected', { which, stream: check.stream, since, re: check.matches }) + (check.notOnOtherStream ? say(L, 'logsNotOther', { other: otherName }) : '');
  let c = await requireContainer(ctx, check.container, expected);
  if (isOutcome(c)) return c;
  const deadline = Date.now() + check.withinMs;
  for (;;) {
    const out = await readLogs(ctx.lab.engine, c, check.since === 'last-start' ? await lastStartBoundary(ctx.lab.engine, c) : undefined);
    const lines = out[check.stream].split('\n').filter((l) => l.length > 0);
    const other = out[check.stream === 'stdout' ? 'stderr' : 'stdout'].split('\n');
    const candidates = check.line === 'first' ? lines.slice(0, 1) : lines;
    const hit = candidates.find((l) => re.test(l));
    const otherName = check.stream === 'stdout' ? 'stderr' : 'stdout';
    const onOther = other.find((l) => re.test(l));
    const leaked = check.notOnOtherStream && onOther !== undefined;
    if ((hit && !leaked) || Date.now() >= deadline) {
      const shown = check.line === 'first' ? lines[0] : hit ?? lines.at(-1);
      // "Also" only when it is on both streams: a line that is only on the other stream was sent
      // to the wrong one (e.g. `2>&1`, or -t merging both), and that is what the learner must hear.
      const actual = hit && leaked
        ? say(L, 'logsAlsoOnLine', { line: JSON.stringify(hit), stream: check.stream, other: otherName })
        : !hit && onOther !== undefined
          ? say(L, lines.length === 0 ? 'logsNothingOtherHasIt' : 'logsNoSuchOtherHasIt', { stream: check.stream, since, other: otherName, line: JSON.stringify(onOther) })
          : lines.length === 0
            ? say(L, 'logsNothing', { stream: check.stream, since }) + (out[otherName].trim() ? say(L, 'logsOtherHas') : '')
            : say(L, check.line === 'first' ? 'logsFirst' : hit ? 'logsMatching' : 'logsLast', { line: JSON.stringify(shown) });
      return { pass: !!hit && !leaked, expected, actual };
    }
    await sleep(200);
    c = (await ctx.lab.container(check.container)) ?? c;
  }
};
