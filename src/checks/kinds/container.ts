import { wasOomKilled } from '../../engine/events';
import type { ContainerInspect } from '../../engine/types';
import { say, stateWord } from '../../i18n/evidence';
import type { Lang } from '../../lessons/schema';
import type { CheckContext, Evaluator, Outcome } from '../types';

/** The sandbox container by name, or a failing outcome that says what is there instead. */
export async function requireContainer(ctx: CheckContext, name: string, expected: string): Promise<ContainerInspect | Outcome> {
  return (await ctx.lab.container(name)) ?? missingContainer(ctx, name, expected);
}

/** The failing outcome for a sandbox container that is not there: what is there instead, if anything. */
async function missingContainer(ctx: CheckContext, name: string, expected: string): Promise<Outcome> {
  const outside = await ctx.lab.outsideContainer(name);
  const actual = say(ctx.lang, outside ? 'noSandboxContainerOutside' : 'noContainerNamed', { name });
  return { pass: false, expected, actual };
}

export function isOutcome(x: unknown): x is Outcome {
  return typeof x === 'object' && x !== null && 'pass' in x && 'expected' in x;
}

/** `oomKilled` overrides `.State.OOMKilled`, which the engine does not always set (see wasOomKilled). */
export function describeState(c: ContainerInspect, oomKilled = c.State.OOMKilled, lang?: Lang): string {
  const s = c.State;
  if (s.Status === 'exited') return say(lang, 'exitedWith', { code: s.ExitCode }) + (oomKilled ? say(lang, 'oomKilledNote') : '');
  if (s.Status === 'created' && s.Error) return say(lang, 'createdNotStarted', { error: s.Error });
  return stateWord(lang, s.Status);
}

export const container: Evaluator<'container'> = async (check, ctx) => {
  const L = ctx.lang;
  const want = [stateWord(L, check.state)];
  if (check.exitCode !== undefined) want.push(say(L, 'wantExitCode', { code: check.exitCode }));
  if (check.oomKilled !== undefined) want.push(say(L, check.oomKilled ? 'wantOom' : 'wantNotOom'));
  const expected = say(L, 'containerIs', { name: check.container, state: want.join(', ') });
  const c = await ctx.lab.container(check.container);
  if (check.state === 'absent') {
    return { pass: !c, expected, actual: c ? say(L, 'stillThere', { name: check.container, state: describeState(c, c.State.OOMKilled, L) }) : say(L, 'noSuchContainer') };
  }
  const found = c ?? (await missingContainer(ctx, check.container, expected));
  if (isOutcome(found)) return found;
  const oom = found.State.Status === 'exited' || check.oomKilled !== undefined ? await wasOomKilled(ctx.lab.engine, found) : false;
  const actual = say(L, 'containerIs', { name: check.container, state: describeState(found, oom, L) });
  const stateOk = check.state === 'exists' || found.State.Status === check.state;
  const codeOk = check.exitCode === undefined || (found.State.Status !== 'running' && found.State.ExitCode === check.exitCode);
  const oomOk = check.oomKilled === undefined || oom === check.oomKilled;
  return { pass: stateOk && codeOk && oomOk, expected, actual };
};
