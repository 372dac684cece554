import { setTimeout as sleep } from 'node:timers/promises';
import { containerEvents, engineTime, pastEvents, wasOomKilled } from '../../engine/events';
import type { ContainerInspect } from '../../engine/types';
import { say, stateWord } from '../../i18n/evidence';
import { LIFECYCLE_EVENTS, type Lang } from '../../lessons/schema';
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

const SIGNAL_NAMES: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 9: 'SIGKILL', 15: 'SIGTERM' };
const signalName = (n: number) => SIGNAL_NAMES[n] ?? `signal ${n}`;
export const describeSignals = (s: number[], lang?: Lang) => (s.length ? s.map(signalName).join(say(lang, 'signalsThen')) : say(lang, 'noSignal'));

/** The signals the engine sent the container's run that started at `since` (its `kill` events), in order. */
async function containerEventsWithSignal(ctx: CheckContext, c: ContainerInspect, since: number): Promise<number[]> {
  return (await pastEvents(ctx.lab.engine, { container: [c.Id], event: ['kill'] }, Math.floor(Date.parse(c.Created) / 1000)))
    .filter((e) => e.timeNano / 1e9 >= since)
    .map((e) => Number(e.Actor?.Attributes?.signal ?? 0));
}

/** "Removed itself": created with --rm, ended by itself, removed by the engine; none of that name left. */
async function autoRemoved(ctx: CheckContext, name: string, expected: string): Promise<Outcome> {
  const L = ctx.lang;
  const c = await ctx.lab.container(name);
  if (c) return { pass: false, expected, actual: say(L, c.HostConfig.AutoRemove ? 'autoStillThere' : 'autoStillNoRm', { name, state: describeState(c, c.State.OOMKilled, L) }) };
  // The engine publishes `destroy` a moment after `docker run --rm` returns: look again briefly.
  let removed = await ctx.lab.removedContainers(name);
  for (let i = 0; i < 10 && removed.length === 0; i++) {
    await sleep(150);
    removed = await ctx.lab.removedContainers(name);
  }
  const last = removed.at(-1);
  if (!last) return { pass: false, expected, actual: say(L, 'autoNever', { name }) };
  if (!last.autoRemove) return { pass: false, expected, actual: say(L, 'autoByHand', { name }) };
  if (last.signals.length) return { pass: false, expected, actual: say(L, 'autoStopped', { name, signals: describeSignals(last.signals, L) }) };
  return { pass: true, expected, actual: last.exitCode !== undefined ? say(L, 'autoPassedCode', { name, code: last.exitCode }) : say(L, 'autoPassed', { name }) };
}

/**
 * "Removed": a sandbox container of that name was removed and none of that name is left; with
 * `signals`, the signals it was sent before it went (`docker stop` then `rm`: [15]; `rm -f`: [9]).
 */
async function removed(ctx: CheckContext, name: string, signals: number[] | undefined, expected: string): Promise<Outcome> {
  const L = ctx.lang;
  const c = await ctx.lab.container(name);
  if (c) return { pass: false, expected, actual: say(L, 'removedStill', { name, state: describeState(c, c.State.OOMKilled, L) }) };
  // The engine publishes `destroy` a moment after `docker rm` returns: look again briefly.
  let gone = await ctx.lab.removedContainers(name);
  for (let i = 0; i < 10 && gone.length === 0; i++) {
    await sleep(150);
    gone = await ctx.lab.removedContainers(name);
  }
  const last = gone.at(-1);
  if (!last) return { pass: false, expected, actual: say(L, 'removedNever', { name }) };
  const actual = last.signals.length
    ? say(L, 'removedAfter', { name, signals: describeSignals(last.signals, L) })
    : say(L, 'removedEnded', { name, code: last.exitCode === undefined ? '' : say(L, 'removedCode', { code: last.exitCode }) });
  const signalsOk = signals === undefined || (last.signals.length === signals.length && last.signals.every((s, i) => s === signals[i]));
  return { pass: signalsOk, expected, actual };
}

/** How long a check of an absence waits for what was just done to reach the engine's state and events. */
const SETTLE_MS = 500;

export const container: Evaluator<'container'> = async (check, ctx) => {
  const L = ctx.lang;
  const want = [stateWord(L, check.state)];
  if (check.exitCode !== undefined) want.push(say(L, 'wantExitCode', { code: check.exitCode }));
  if (check.oomKilled !== undefined) want.push(say(L, check.oomKilled ? 'wantOom' : 'wantNotOom'));
  if (check.signals !== undefined) want.push(say(L, 'wantSignals', { signals: describeSignals(check.signals, L) }));
  if (check.lastEvents !== undefined) want.push(say(L, 'wantLastEvents', { events: check.lastEvents.join(', ') }));
  const expected = say(L, 'containerIs', { name: check.container, state: want.join(', ') });
  if (check.state === 'auto-removed') return autoRemoved(ctx, check.container, expected);
  if (check.state === 'removed') return removed(ctx, check.container, check.signals, expected);
  // "Still running and sent no signal" is proven by an absence: let a signal sent a moment ago
  // (a kill the engine is still delivering, its event not yet written) show first.
  if (check.state === 'running' && check.signals?.length === 0) await new Promise((r) => setTimeout(r, SETTLE_MS));
  const c = await ctx.lab.container(check.container);
  if (check.state === 'absent') {
    return { pass: !c, expected, actual: c ? say(L, 'stillThere', { name: check.container, state: describeState(c, c.State.OOMKilled, L) }) : say(L, 'noSuchContainer') };
  }
  const found = c ?? (await missingContainer(ctx, check.container, expected));
  if (isOutcome(found)) return found;
  const oom = found.State.Status === 'exited' || check.oomKilled !== undefined ? await wasOomKilled(ctx.lab.engine, found) : false;
  let actual = say(L, 'containerIs', { name: check.container, state: describeState(found, oom, L) });
  const stateOk = check.state === 'exists' || found.State.Status === check.state;
  const codeOk = check.exitCode === undefined || (found.State.Status !== 'running' && found.State.ExitCode === check.exitCode);
  const oomOk = check.oomKilled === undefined || oom === check.oomKilled;
  let signalsOk = true;
  if (check.signals !== undefined) {
    const sent = await containerEventsWithSignal(ctx, found, engineTime(found.State.StartedAt) ?? 0);
    signalsOk = sent.length === check.signals.length && sent.every((s, i) => s === check.signals![i]);
    actual += say(L, 'sentSignals', { signals: describeSignals(sent, L) });
  }
  let eventsOk = true;
  if (check.lastEvents !== undefined) {
    const want = check.lastEvents;
    const endsRight = (seen: string[]) => seen.length >= want.length && seen.slice(-want.length).every((e, i) => e === want[i]);
    let seen = (await containerEvents(ctx.lab.engine, found, [...LIFECYCLE_EVENTS])).map((e) => e.status);
    // The engine logs an event a moment after the CLI's call returns (seen: an unpause checked at
    // once was not there yet): look again briefly before saying it did not happen.
    for (let i = 0; i < 8 && !endsRight(seen); i++) {
      await sleep(150);
      seen = (await containerEvents(ctx.lab.engine, found, [...LIFECYCLE_EVENTS])).map((e) => e.status);
    }
    eventsOk = endsRight(seen);
    // The last few are enough to show what happened instead.
    actual += say(L, 'lastEventsWere', { events: seen.length ? seen.slice(-Math.max(want.length + 2, 4)).join(', ') : say(L, 'noEventsLeft') });
  }
  return { pass: stateOk && codeOk && oomOk && signalsOk && eventsOk, expected, actual };
};
