import type { Lang } from '../../lessons/schema';
import { currentLearner } from '../../sandbox/learner-values';
import { liveMode, liveModeNow } from './mode';
import { namespaceFor } from './namespace';
import { sayLive } from './say';

let namespace: string | undefined;

/**
 * The one line a Kubernetes lesson shows about tier 3 (src/ui/panes.ts, above the step's checks):
 * "Live mode: on (context kind-kind, namespace ctr-learn-ada)" or "off — see ctr-learn doctor".
 * Drawing never waits: the first call starts the detection (no kubeconfig: no client is loaded)
 * and shows nothing until the answer is known; the next frame has it.
 */
export function liveModeLine(lang: Lang): string | null {
  const m = liveModeNow();
  if (!m) {
    void liveMode().catch(() => undefined);
    return null;
  }
  if (m.state === 'off') return sayLive(lang, 'lineOptOut');
  if (m.state !== 'on') return sayLive(lang, 'lineOff');
  namespace ??= namespaceFor(currentLearner().short);
  return sayLive(lang, 'lineOn', { context: m.context, namespace });
}
