import type { EngineApi } from '../engine/api';
import type { ContainerInspect, ContainerSummary } from '../engine/types';
import { LABEL, type SessionIdentity } from './labels';
import { labelledLive } from './lookups';

/**
 * Who holds a container name or a published host port, as seen by one session (`me`):
 * - `mine`: this session's own container;
 * - `other-session-of-mine`: a container of another session of the same learner;
 * - `other-learner-live`: a container of another learner's session that is still running;
 * - `outside`: not a sandbox container at all (the learner's own, another program's), or a
 *   leftover of another learner's session that has ended (`leftover: true`: the next start or
 *   their `ctr-learn clean` removes it).
 * null: nobody holds it (for a port: no container publishes it; another program might).
 */
export interface Holder {
  kind: 'mine' | 'other-session-of-mine' | 'other-learner-live' | 'outside';
  /** The container that holds it. */
  container: string;
  /** For `outside`: it is a sandbox object whose session has ended. */
  leftover?: boolean;
  /** For `other-session-of-mine`: that session still runs (else `ctr-learn clean` removes it). */
  live?: boolean;
}

export async function whoHolds(
  api: EngineApi,
  what: { containerName?: string; hostPort?: number },
  me: Pick<SessionIdentity, 'id' | 'owner'>,
): Promise<Holder | null> {
  if (what.containerName !== undefined) {
    const c = await api.maybe<ContainerInspect>('GET', `/containers/${encodeURIComponent(what.containerName)}/json`);
    // (The engine also finds a container by an ID prefix: only the exact name holds the name.)
    if (c && c.Name === `/${what.containerName}`) return classify(c.Config.Labels ?? {}, c.Name.replace(/^\//, ''), me);
  }
  if (what.hostPort !== undefined) {
    // Only running containers hold a published port (a created or stopped one binds nothing).
    const running = await api.json<ContainerSummary[]>('GET', '/containers/json');
    const c = running.find((r) => (r.Ports ?? []).some((p) => p.PublicPort === what.hostPort));
    if (c) return classify(c.Labels ?? {}, c.Names[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12), me);
  }
  return null;
}

function classify(labels: Record<string, string>, container: string, me: Pick<SessionIdentity, 'id' | 'owner'>): Holder {
  const session = labels[LABEL.session];
  if (!session) return { kind: 'outside', container };
  if (session === me.id) return { kind: 'mine', container };
  if (labels[LABEL.owner] === me.owner) return { kind: 'other-session-of-mine', container, live: labelledLive(labels) };
  return labelledLive(labels) ? { kind: 'other-learner-live', container } : { kind: 'outside', container, leftover: true };
}
