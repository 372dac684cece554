import type { EngineApi } from '../engine/api';
import { freePort } from '../engine/free-port';
import type { ContainerInspect } from '../engine/types';
import { fill, type StringKey } from '../i18n/strings';
import type { Lang } from '../lessons/schema';
import type { Holder } from './who-holds';

/** A name or a port like the one asked for that nobody holds now: `web-2`, `web-3`…, or a free port. */
export async function suggestAnother(api: EngineApi, what: { containerName?: string; hostPort?: number }): Promise<string> {
  if (what.containerName === undefined) return String(await freePort());
  for (let i = 2; ; i++) {
    const name = `${what.containerName}-${i}`;
    const c = await api.maybe<ContainerInspect>('GET', `/containers/${encodeURIComponent(name)}/json`);
    if (!c || c.Name !== `/${name}`) return name;
  }
}

function keyFor(h: Holder): StringKey {
  switch (h.kind) {
    case 'other-learner-live': return 'heldByOtherLearner';
    case 'other-session-of-mine': return h.live === false ? 'heldByMyEndedSession' : 'heldByMyOtherSession';
    case 'outside': return h.leftover ? 'heldByLeftover' : 'heldOutside';
    case 'mine': return 'heldByMe';
  }
}

/**
 * What the sandbox tells a learner whose container name or host port is held (see whoHolds), in
 * their language, with what to do and a suggestion that is free now.
 */
export function heldMessage(h: Holder, what: { containerName?: string; hostPort?: number }, suggestion: string, lang: Lang): string {
  const subject =
    what.containerName !== undefined ? fill(lang, 'heldWhatName', { name: what.containerName }) : fill(lang, 'heldWhatPort', { port: what.hostPort ?? '' });
  // A port held in this very sandbox: by which container (a name the learner may no longer see
  // in the lesson, e.g. after a rename), and how to free it.
  if (h.kind === 'mine' && what.hostPort !== undefined) return fill(lang, 'heldByMeContainer', { what: subject, suggestion, container: h.container });
  return fill(lang, keyFor(h), { what: subject, suggestion });
}
