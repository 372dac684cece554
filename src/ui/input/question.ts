import type { CheckOf, ChoiceId, Lang, Lesson, Step } from '../../lessons/schema';
import type { AppState, LessonView } from '../state/state';
import { tf } from '../text/text';

/**
 * Concept questions in the app: the step's text shows the question with its lettered choices;
 * while it is open (no right answer saved yet), Enter on a line that is exactly one of its letters
 * answers it instead of running the line (input/keys.ts, state/lesson-actions.ts). Plain functions of the state.
 */
export type Question = CheckOf<'question'>;

export function stepQuestion(step: Step | undefined): Question | undefined {
  const q = step?.checks.find((c) => c.kind === 'question');
  return q?.kind === 'question' ? q : undefined;
}

/** A step whose checks are all questions: checked from the workspace alone, with or without the engine. */
export const onlyQuestions = (step: Step): boolean => step.checks.length > 0 && step.checks.every((c) => c.kind === 'question');

/** The saved answer to the view's step question, if any. */
export function savedAnswer(v: LessonView, q: Question): ChoiceId | undefined {
  return v.answers?.[q.id];
}

/** The current step's question while it has no right answer saved (none over a dialog or on the home screen). */
export function openQuestion(s: AppState): Question | undefined {
  if (s.screen.name !== 'lesson' || s.overlay) return undefined;
  const v = s.screen;
  const lesson = s.lessons.find((l) => l.id === v.lessonId);
  const q = stepQuestion(lesson?.steps[v.stepIndex]);
  return q && savedAnswer(v, q) !== q.answer ? q : undefined;
}

/** The letter a typed line answers with: the line is exactly one of the question's letters (either case, spaces around allowed). */
export function answerOf(q: Question, line: string): ChoiceId | undefined {
  const letter = line.trim().toLowerCase();
  return q.choices.find((c) => c.id === letter)?.id;
}

export const letters = (q: Question): string => q.choices.map((c) => c.id).join('/');

/** The question as Markdown, after the step's text: the choices, how to answer, and what the saved answer says. */
export function questionMarkdown(q: Question, lang: Lang, picked: ChoiceId | undefined): string {
  const out = ['---', `**${tf(lang, 'question.heading')}:** ${q.question[lang]}`, ''];
  for (const c of q.choices) out.push(`- **${c.id})** ${c[lang]}${picked === c.id ? (c.id === q.answer ? ' ✔' : ' ✘') : ''}`);
  out.push('', verdictMarkdown(q, lang, picked));
  return out.join('\n');
}

/** What the saved answer says (right and the explanation; wrong and why), then how to answer while it is open. */
export function verdictMarkdown(q: Question, lang: Lang, picked: ChoiceId | undefined): string {
  const out: string[] = [];
  const choice = picked ? q.choices.find((c) => c.id === picked) : undefined;
  if (choice && picked === q.answer) {
    out.push(`**${tf(lang, 'question.right', { choice: choice.id })}**`);
    if (q.explain) out.push('', q.explain[lang]);
    return out.join('\n');
  }
  if (choice) {
    out.push(choice.why ? `**${tf(lang, 'question.wrong', { choice: choice.id, why: '' }).trim()}** ${choice.why[lang]}` : `**${tf(lang, 'question.wrongNoWhy', { choice: choice.id })}**`);
    out.push('');
  }
  const example = q.choices.find((c) => c.id !== picked)?.id ?? q.choices[0].id;
  out.push(`_${tf(lang, 'question.howTo', { example })}_`);
  return out.join('\n');
}

/** For the prose cache: what of the question changes the text. */
export function questionKey(lesson: Lesson, v: LessonView): string {
  const q = stepQuestion(lesson.steps[v.stepIndex]);
  return q ? `${q.id}=${savedAnswer(v, q) ?? ''}` : '';
}
