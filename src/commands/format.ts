import { displayWidth } from '../ui/text';
import { paint } from '../cli/output';
import type { StepResult } from '../checks/types';
import type { Lang, Step } from '../lessons/schema';
import { fill, t } from '../i18n/strings';

/**
 * A step result as plain text lines: ✔ / ✘ expected vs actual / hint / skipped. A question that
 * is not answered right is shown with its choices (and, with `lessonId`, how to answer it); one
 * answered right, with its explanation.
 */
export function formatStepResult(result: StepResult, step: Step, lang: Lang, lessonId?: string): string {
  const lines: string[] = [];
  for (const c of result.checks) {
    const q = step.checks.find((x) => x.id === c.id);
    const question = q?.kind === 'question' ? q : undefined;
    if (c.status === 'pass') {
      lines.push(`${paint('pass', '✔')} ${c.title} ${paint('muted', `(${c.actual})`)}`);
      if (question?.explain) lines.push(`    ${question.explain[lang]}`);
    }
    else if (c.status === 'skipped') lines.push(`${paint('muted', `· ${c.title} (${t(lang, 'skipped')})`)}`);
    else {
      lines.push(`${paint('fail', '✘')} ${c.title}`);
      // The two labels padded to the same display width, in either language.
      const [e, a] = [`${t(lang, 'expected')}:`, `${t(lang, 'actual')}:`];
      const w = Math.max(displayWidth(e), displayWidth(a)) + 1;
      lines.push(`    ${e}${' '.repeat(w - displayWidth(e))}${c.expected}`);
      lines.push(`    ${a}${' '.repeat(w - displayWidth(a))}${c.actual}`);
      const hint = step.hints.find((h) => h.id === c.hint);
      if (hint) lines.push(`    ${paint('accent', t(lang, 'hint'))}: ${hint[lang]}`);
      if (question) {
        lines.push(`    ${paint('accent', t(lang, 'question.heading'))}: ${question.question[lang]}`);
        for (const ch of question.choices) lines.push(`      ${paint('accent', `${ch.id})`)} ${ch[lang]}`);
        if (lessonId) lines.push(`    ${paint('muted', fill(lang, 'answer.how', { lesson: lessonId }))}`);
      }
    }
  }
  lines.push(result.passed ? paint('pass', t(lang, 'stepPassed')) : paint('fail', t(lang, 'notYet')));
  return lines.join('\n');
}
