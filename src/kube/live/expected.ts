import type { CheckOf, Lang } from '../../lessons/schema';
import { sayLive } from './say';

type LiveCheck = CheckOf<'kube-live'>;

/** What the check asks for, as the `expected` of its outcome. */
export function expectedOf(c: LiveCheck, namespace: string, L: Lang | undefined): string {
  const parts = [sayLive(L, 'wantApplied', { file: c.file, namespace })];
  if (c.podReady) parts.push(sayLive(L, 'wantReady', { object: c.object }));
  if (c.restartsAtLeast) parts.push(sayLive(L, 'wantRestarts', { container: c.container ?? '', n: c.restartsAtLeast }));
  if (c.event) parts.push(sayLive(L, 'wantEvent', { reason: c.event.reason, about: c.event.message ? ` "${c.event.message}"` : '' }));
  if (c.serviceEndpoints) {
    const e = c.serviceEndpoints;
    parts.push(sayLive(L, 'wantEndpoints', { service: e.service, n: e.atLeast, ready: e.ready ? sayLive(L, 'readyOnly') : '' }));
  }
  if (c.env) parts.push(sayLive(L, 'wantEnv', { name: c.env.name, container: c.container ?? '', matches: c.env.matches }));
  return `${parts.join(', ')} ${sayLive(L, 'within', { s: c.withinSeconds })}`;
}
