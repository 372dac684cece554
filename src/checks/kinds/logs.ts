import { findContainer } from '../../engine/objects';
import { isoToUnix, readLogs } from '../../engine/streams';
import type { ContainerInspect } from '../../engine/types';
import type { Evaluator } from '../types';
import { isOutcome, requireContainer } from './container';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Where the current run's output begins. Not .State.StartedAt: a program's first line can be
 * stamped before it (measured in 2 of 3 runs). The previous run's FinishedAt is a safe boundary;
 * a container that never finished has only one run, so all its output counts.
 */
function lastStartBoundary(c: ContainerInspect): string | undefined {
  const finished = c.State.FinishedAt;
  if (!finished || finished.startsWith('0001-') || Date.parse(finished) > Date.parse(c.State.StartedAt)) return undefined;
  return isoToUnix(finished);
}

export const logs: Evaluator<'logs'> = async (check, ctx) => {
  const re = new RegExp(check.matches);
  const which = check.line === 'first' ? 'the first line' : 'a line';
  const since = check.since === 'last-start' ? ' since the last start' : '';
  const expected = `${which} of ${check.stream}${since} matching /${check.matches}/${check.notOnOtherStream ? ` (and not on ${check.stream === 'stdout' ? 'stderr' : 'stdout'})` : ''}`;
  let c = await requireContainer(ctx, check.container, expected);
  if (isOutcome(c)) return c;
  const deadline = Date.now() + check.withinMs;
  for (;;) {
    const out = await readLogs(ctx.api, c, check.since === 'last-start' ? lastStartBoundary(c) : undefined);
    const lines = out[check.stream].split('\n').filter((l) => l.length > 0);
    const other = out[check.stream === 'stdout' ? 'stderr' : 'stdout'].split('\n');
    const candidates = check.line === 'first' ? lines.slice(0, 1) : lines;
    const hit = candidates.find((l) => re.test(l));
    const leaked = check.notOnOtherStream && other.some((l) => re.test(l));
    if ((hit && !leaked) || Date.now() >= deadline) {
      const shown = check.line === 'first' ? lines[0] : hit ?? lines.at(-1);
      const actual = leaked
        ? `it also appears on ${check.stream === 'stdout' ? 'stderr' : 'stdout'}`
        : lines.length === 0
          ? `nothing on ${check.stream}${since}${out[check.stream === 'stdout' ? 'stderr' : 'stdout'].trim() ? ` (there is output on the other stream)` : ''}`
          : `${check.line === 'first' ? 'first line' : hit ? 'matching line' : 'last line'}: ${JSON.stringify(shown)}`;
      return { pass: !!hit && !leaked, expected, actual };
    }
    await sleep(200);
    c = (await findContainer(ctx.api, ctx.scope, check.container)) ?? c;
  }
};
