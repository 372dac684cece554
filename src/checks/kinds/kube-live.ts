import { CouldNotCheck } from '../../errors';
import { expectedOf } from '../../kube/live/expected';
import { liveMode } from '../../kube/live/mode';
import { namespaceFor } from '../../kube/live/namespace';
import { sayLive } from '../../kube/live/say';
import { isOutcome, requireObject } from '../../kube/workspace';
import { currentLearner, labOwner } from '../../sandbox/learner-values';
import type { Evaluator } from '../types';

/**
 * Tier 3 of the Kubernetes lessons: the learner's file applied to a real cluster, into their own
 * namespace, and the live state graded (src/kube/live). Only in a step's `live` list, which
 * checkStep runs only when a kubeconfig context answers. The file must pass tier 1 first: a
 * manifest the API server would refuse is never sent.
 */
export const kubeLive: Evaluator<'kube-live'> = async (check, ctx) => {
  const L = ctx.lang;
  const learner = ctx.learner ?? { short: currentLearner().short, owner: labOwner() };
  const expected = expectedOf(check, namespaceFor(learner.short), L);
  const found = await requireObject(ctx.workspace, check.object, check.file, expected, L);
  if (isOutcome(found)) return found;
  const mode = await liveMode();
  if (mode.state !== 'on') {
    const text = (l: 'en' | 'ko') => ({ message: sayLive(l, 'notRun'), fix: 'ctr-learn doctor', fixLabel: l === 'en' ? 'try' : '해 보기' });
    throw new CouldNotCheck(text('en').message, 'ctr-learn doctor').inEveryLanguage({ en: text('en'), ko: text('ko') });
  }
  const { gradeLive } = await import('../../kube/live/grade');
  const objects = found.m.objects.filter((o) => o.doc.file === found.o.doc.file);
  return gradeLive(check, { mode, objects, object: found.o, learner, lang: L, signal: ctx.signal, expected });
};
