import type { Args } from '../cli/args';
import { paint, printJson, println } from '../cli/output';
import { checkStep } from '../checks/evaluate';
import { UserError } from '../errors';
import { quickCatalog } from '../lessons/cache';
import { findLesson } from '../lessons/find';
import { openProgress } from '../progress/store';
import { learnerLab } from '../sandbox/learner';
import { workspaceFor } from '../workspace/workspace';
import { formatStepResult } from './format';
import { connect, pickLang } from './context';

/**
 * Grade one step. Without --step: the first step not yet passed. Looks at the lesson's objects in
 * this learner's live sandbox sessions (or only this one inside `ctr-learn shell`, which sets
 * CTR_LEARN_SESSION); another learner's sessions on the same host never count.
 * Exit 0 passed, 1 not yet, 2 could not check.
 */
export async function run(args: Args): Promise<number> {
  const id = args.positionals[0];
  if (!id) throw new UserError('Which lesson?', 'ctr-learn check <lesson> (ctr-learn lessons lists them)');
  const lesson = findLesson((await quickCatalog()).lessons, id);
  const { store } = openProgress();
  const lang = pickLang(args, store.data().lang);
  const stepIds = lesson.steps.map((s) => s.id);
  let index: number;
  const flag = args.flags.step;
  if (typeof flag === 'string') {
    index = /^\d+$/.test(flag) ? Number(flag) - 1 : stepIds.indexOf(flag);
    if (index < 0 || index >= stepIds.length) throw new UserError(`Lesson ${id} has no step "${flag}".`, `a number 1-${stepIds.length} or one of: ${stepIds.join(', ')}`);
  } else {
    const progress = store.lesson(id);
    index = stepIds.findIndex((s) => !progress.steps[s]?.passedAt);
    if (index < 0) index = stepIds.length - 1;
  }
  const step = lesson.steps[index];
  const api = connect();
  try {
    const sessionId = process.env.CTR_LEARN_SESSION || undefined;
    const result = await checkStep(step, { lab: learnerLab(api, lesson.id, sessionId), workspace: workspaceFor(lesson) }, lang);
    store.recordAttempt(lesson.id, step.id, result.passed, stepIds, result.checks.map((c) => ({ check: c.id, actual: c.actual })));
    if (args.flags.json) {
      printJson({ lesson: lesson.id, step: step.id, stepNumber: index + 1, ...result });
    } else {
      println(paint('accent', `${lesson.title[lang]} · ${index + 1}/${stepIds.length} ${step.title[lang]}`));
      println(formatStepResult(result, step, lang, lesson.id));
    }
    return result.passed ? 0 : 1;
  } finally {
    api.close();
  }
}
