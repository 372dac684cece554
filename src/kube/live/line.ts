import type { Lang } from '../../lessons/schema';
import { sayLive } from './say';

/**
 * What a Kubernetes lesson says about tier 3, kept in the app's state (the kubeLiveMode event,
 * from mode.ts liveSummary when a Kubernetes lesson first opens). Pure: the panes draw it.
 */
export type LiveSummary = { state: 'on'; context: string; namespace: string } | { state: 'off' } | { state: 'opted-out' };

/** "Live mode: on (context kind-kind, namespace ctr-learn-ada)" or "off — see ctr-learn doctor". */
export function liveLine(lang: Lang, s: LiveSummary): string {
  if (s.state === 'opted-out') return sayLive(lang, 'lineOptOut');
  if (s.state === 'off') return sayLive(lang, 'lineOff');
  return sayLive(lang, 'lineOn', { context: s.context, namespace: s.namespace });
}
