import { wasOomKilled } from '../../engine/events';
import type { ContainerInspect } from '../../engine/types';
import type { CheckContext, Evaluator, Outcome } from '../types';

/** The sandbox container by name, or a failing outcome that says what is there instead. */
export async function requireContainer(ctx: CheckContext, name: string, expected: string): Promise<ContainerInspect | Outcome> {
  return (await ctx.lab.container(name)) ?? missingContainer(ctx, name, expected);
}

/** The failing outcome for a sandbox container that is not there: what is there instead, if anything. */
async function missingContainer(ctx: CheckContext, name: string, expected: string): Promise<Outcome> {
  const outside = await ctx.lab.outsideContainer(name);
  const actual = outside
    ? `no sandbox container "${name}" (a container with that name exists outside the sandbox; the lesson cannot use it)`
    : `no container named "${name}"`;
  return { pass: false, expected, actual };
}

export function isOutcome(x: unknown): x is Outcome {
  return typeof x === 'object' && x !== null && 'pass' in x && 'expected' in x;
}

/** `oomKilled` overrides `.State.OOMKilled`, which the engine does not always set (see wasOomKilled). */
export function describeState(c: ContainerInspect, oomKilled = c.State.OOMKilled): string {
  const s = c.State;
  if (s.Status === 'exited') return `exited with code ${s.ExitCode}${oomKilled ? ' (OOM-killed)' : ''}`;
  if (s.Status === 'created' && s.Error) return `created, but could not start: ${s.Error}`;
  return s.Status;
}

export const container: Evaluator<'container'> = async (check, ctx) => {
  const want = [check.state === 'exists' ? 'exists' : check.state];
  if (check.exitCode !== undefined) want.push(`exit code ${check.exitCode}`);
  if (check.oomKilled !== undefined) want.push(check.oomKilled ? 'OOM-killed' : 'not OOM-killed');
  const expected = `container "${check.container}" ${want.join(', ')}`;
  const c = await ctx.lab.container(check.container);
  if (check.state === 'absent') {
    return { pass: !c, expected, actual: c ? `container "${check.container}" ${describeState(c)} (still there)` : 'no such container' };
  }
  const found = c ?? (await missingContainer(ctx, check.container, expected));
  if (isOutcome(found)) return found;
  const oom = found.State.Status === 'exited' || check.oomKilled !== undefined ? await wasOomKilled(ctx.lab.engine, found) : false;
  const actual = `container "${check.container}" ${describeState(found, oom)}`;
  const stateOk = check.state === 'exists' || found.State.Status === check.state;
  const codeOk = check.exitCode === undefined || (found.State.Status !== 'running' && found.State.ExitCode === check.exitCode);
  const oomOk = check.oomKilled === undefined || oom === check.oomKilled;
  return { pass: stateOk && codeOk && oomOk, expected, actual };
};
