import type { Args } from '../cli/args';
import { paint, printJson, println } from '../cli/output';
import { checkStep } from '../checks/evaluate';
import { question } from '../checks/kinds/question';
import { UserError } from '../errors';
import { fill } from '../i18n/strings';
import { quickCatalog } from '../lessons/cache';
import { findLesson } from '../lessons/find';
import type { Lang, Lesson, Step } from '../lessons/schema';
import { openProgress } from '../progress/store';
import { learnerLab } from '../sandbox/learner';
import { questionOf, questionStep, readAnswers, saveAnswers, type Answers } from '../workspace/answers';
import { workspaceFor } from '../workspace/workspace';
import { connect, pickLang } from './context';
import { formatStepResult } from './format';

type Question = NonNullable<ReturnType<typeof questionOf>>;

/** The question and its lettered choices as terminal lines. */
export function questionText(q: Question, lang: Lang): string[] {
  return [`${paint('accent', fill(lang, 'question.heading'))}: ${q.question[lang]}`, ...q.choices.map((c) => `  ${paint('accent', `${c.id})`)} ${c[lang]}`)];
}

/**
 * `ctr-learn answer <lesson> [letter] [--step N]`: answer a lesson's concept question from a shell,
 * the way typing the letter alone at the app's prompt does. Without a letter it shows the question.
 * The answer is saved in the lesson workspace; then the step is checked (like `ctr-learn check`).
 * Exit 0 passed, 1 not yet (or only shown), 2 could not check.
 */
export async function run(args: Args): Promise<number> {
  const [id, given] = args.positionals;
  if (!id) throw new UserError('Which lesson?', 'ctr-learn answer <lesson> [letter] (ctr-learn lessons lists them)');
  const lesson = findLesson((await quickCatalog()).lessons, id);
  const { store } = openProgress();
  const lang = pickLang(args, store.data().lang);
  const ws = workspaceFor(lesson);
  const found = pick(lesson, readAnswers(ws), typeof args.flags.step === 'string' ? args.flags.step : undefined, lang);
  const { step, index } = found;
  const q = questionOf(step)!;
  const letters = q.choices.map((c) => c.id);
  const head = paint('accent', `${lesson.title[lang]} · ${index + 1}/${lesson.steps.length} ${step.title[lang]}`);

  if (given === undefined) {
    const saved = readAnswers(ws)[q.id];
    if (args.flags.json) {
      printJson({ lesson: lesson.id, step: step.id, stepNumber: index + 1, question: q.id, text: q.question[lang], choices: q.choices.map((c) => ({ id: c.id, text: c[lang] })), saved: saved ?? null });
      return 1;
    }
    println(head);
    for (const l of questionText(q, lang)) println(l);
    if (saved) println(paint('muted', fill(lang, 'answer.savedBefore', { choice: saved })));
    println(paint('muted', fill(lang, 'answer.how', { lesson: lesson.id })));
    return saved === q.answer ? 0 : 1;
  }

  const choice = given.trim().toLowerCase();
  if (!(letters as string[]).includes(choice)) throw new UserError(fill(lang, 'answer.notAChoice', { choice: given, letters: letters.join(', ') }), `ctr-learn answer ${lesson.id} ${letters[0]}`);
  saveAnswers(ws, { [q.id]: choice as Question['answer'] });
  if (!args.flags.json) {
    println(head);
    println(paint('muted', fill(lang, 'answer.saved', { choice })));
  }
  const api = connect();
  try {
    const sessionId = process.env.CTR_LEARN_SESSION || undefined;
    const ctx = { lab: learnerLab(api, lesson.id, sessionId), workspace: ws, lang };
    const result = await checkStep(step, ctx, lang);
    store.recordAttempt(lesson.id, step.id, result.passed, lesson.steps.map((s) => s.id), result.checks.map((c) => ({ check: c.id, actual: c.actual })));
    // An earlier (engine) check failed, so the step did not reach the question: the answer still
    // gets its verdict (reading it is free, and it is what was just asked).
    const skipped = result.checks.find((c) => c.id === q.id)?.status === 'skipped';
    const verdict = skipped ? await question(q, ctx) : null;
    if (args.flags.json) printJson({ lesson: lesson.id, step: step.id, stepNumber: index + 1, question: q.id, answer: choice, answerRight: choice === q.answer, ...result });
    else {
      println(formatStepResult(result, step, lang, lesson.id));
      if (verdict) println(`${verdict.pass ? paint('pass', '✔') : paint('fail', '✘')} ${fill(lang, 'answer.verdict')}: ${verdict.actual}`);
      if (verdict?.pass && q.explain) println(`    ${q.explain[lang]}`);
    }
    return result.passed ? 0 : 1;
  } finally {
    api.close();
  }
}

function pick(lesson: Lesson, answers: Answers, stepRef: string | undefined, lang: Lang): { step: Step; index: number } {
  const found = questionStep(lesson, answers, stepRef);
  if (found) return found;
  const withQ = lesson.steps.flatMap((s, i) => (questionOf(s) ? [`${i + 1} (${s.id})`] : []));
  if (!withQ.length) throw new UserError(fill(lang, 'answer.noQuestion', { lesson: lesson.id }));
  throw new UserError(fill(lang, 'answer.noQuestionInStep', { lesson: lesson.id, step: stepRef!, steps: withQ.join(', ') }), `ctr-learn answer ${lesson.id} --step ${withQ[0].split(' ')[0]}`);
}
