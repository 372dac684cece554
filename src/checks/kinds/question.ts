import { say } from '../../i18n/evidence';
import { readAnswers } from '../../workspace/answers';
import type { Evaluator } from '../types';

/**
 * A concept question: passes when the answer saved in the lesson workspace (.ctr-learn/answers.json)
 * is the right choice. The expected side never gives the right letter away; the actual side says
 * what was picked and, for a wrong choice, why it is wrong.
 */
export const question: Evaluator<'question'> = async (check, ctx) => {
  const L = ctx.lang ?? 'en';
  const expected = say(L, 'questionExpected');
  const picked = readAnswers(ctx.workspace)[check.id];
  if (picked === undefined) return { pass: false, expected, actual: say(L, 'questionNotAnswered') };
  const choice = check.choices.find((c) => c.id === picked);
  if (!choice) return { pass: false, expected, actual: say(L, 'questionNoSuchChoice', { choice: picked, choices: check.choices.map((c) => c.id).join(', ') }) };
  if (picked === check.answer) return { pass: true, expected, actual: say(L, 'questionRight', { choice: picked, text: choice[L] }) };
  const why = choice.why ? say(L, 'questionWhy', { why: choice.why[L] }) : '';
  return { pass: false, expected, actual: say(L, 'questionAnswered', { choice: picked, text: choice[L] }) + why };
};
