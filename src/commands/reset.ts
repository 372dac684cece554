import type { Args } from '../cli/args';
import { paint, printJson, println } from '../cli/output';
import { UserError } from '../errors';
import { quickCatalog } from '../lessons/cache';
import { findLesson } from '../lessons/find';
import type { Lesson } from '../lessons/schema';
import { resetLearnerLesson } from '../sandbox/learner';
import { isEmpty } from '../sandbox/remove';
import { connect } from './context';
import { fill } from '../i18n/strings';
import { clearAnswers, readAnswers } from '../workspace/answers';
import { workspaceFor } from '../workspace/workspace';
import { removeLiveLab } from '../kube/live/cleanup';

/**
 * Remove lessons' sandbox objects from every session of this learner (`reset <lesson...>`: the app's
 * quit message names every lesson its kept lab holds). Never anything else.
 */
export async function run(args: Args): Promise<number> {
  const ids = args.positionals;
  if (!ids.length) throw new UserError('Which lesson?', 'ctr-learn reset <lesson...>');
  const catalog = (await quickCatalog()).lessons;
  const lessons = ids.map((id) => findLesson(catalog, id));
  const api = connect();
  try {
    const results = [];
    for (const lesson of lessons) results.push(await resetOne(api, lesson, args));
    if (args.flags.json) printJson(results.length === 1 ? results[0] : results);
    return 0;
  } finally {
    api.close();
  }
}

async function resetOne(api: ReturnType<typeof connect>, lesson: Lesson, args: Args) {
  const done = await resetLearnerLesson(api, lesson.id);
  // The answers to its concept questions are lesson state too (kept in the workspace): gone with it.
  const ws = workspaceFor(lesson);
  const answered = Object.keys(readAnswers(ws)).length > 0;
  clearAnswers(ws);
  // A Kubernetes lesson's live lab (tier 3): the learner's namespace, when a cluster answers.
  const live = lesson.track === 'kubernetes' ? await removeLiveLab() : null;
  if (!args.flags.json) {
    if (isEmpty(done)) println(`Nothing to remove for ${lesson.id}.`);
    else {
      println(`Removed from the sandbox of ${lesson.id}:`);
      for (const [kind, names] of Object.entries(done)) if (names.length) println(`  ${kind}: ${names.join(', ')}`);
    }
    if (live?.namespaces.length) println(`Removed from the cluster (context ${live.context}): namespace ${live.namespaces.join(', ')}`);
    if (answered) println(fill('en', 'answer.cleared'));
    if (!isEmpty(done)) println(paint('muted', 'Your workspace files are kept.'));
  }
  return { lesson: lesson.id, removed: done, answersCleared: answered, ...(live ? { kubernetes: live } : {}) };
}
