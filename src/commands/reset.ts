import type { Args } from '../cli/args';
import { paint, printJson, println } from '../cli/output';
import { UserError } from '../errors';
import { quickCatalog } from '../lessons/cache';
import { findLesson } from '../lessons/find';
import { resetLearnerLesson } from '../sandbox/learner';
import { isEmpty } from '../sandbox/remove';
import { connect } from './context';
import { fill } from '../i18n/strings';
import { clearAnswers, readAnswers } from '../workspace/answers';
import { workspaceFor } from '../workspace/workspace';
import { removeLiveLab } from '../kube/live/cleanup';

/** Remove one lesson's sandbox objects from every session of this learner. Never anything else. */
export async function run(args: Args): Promise<number> {
  const id = args.positionals[0];
  if (!id) throw new UserError('Which lesson?', 'ctr-learn reset <lesson>');
  const lesson = findLesson((await quickCatalog()).lessons, id);
  const api = connect();
  try {
    const done = await resetLearnerLesson(api, lesson.id);
    // The answers to its concept questions are lesson state too (kept in the workspace): gone with it.
    const ws = workspaceFor(lesson);
    const answered = Object.keys(readAnswers(ws)).length > 0;
    clearAnswers(ws);
    // A Kubernetes lesson's live lab (tier 3): the learner's namespace, when a cluster answers.
    const live = lesson.track === 'kubernetes' ? await removeLiveLab() : null;
    if (args.flags.json) printJson({ lesson: lesson.id, removed: done, answersCleared: answered, ...(live ? { kubernetes: live } : {}) });
    else {
      if (isEmpty(done)) println(`Nothing to remove for ${lesson.id}.`);
      else {
        println(`Removed from the sandbox of ${lesson.id}:`);
        for (const [kind, names] of Object.entries(done)) if (names.length) println(`  ${kind}: ${names.join(', ')}`);
      }
      if (live?.namespaces.length) println(`Removed from the cluster (context ${live.context}): namespace ${live.namespaces.join(', ')}`);
      if (answered) println(fill('en', 'answer.cleared'));
      if (!isEmpty(done)) println(paint('muted', 'Your workspace files are kept.'));
    }
    return 0;
  } finally {
    api.close();
  }
}
