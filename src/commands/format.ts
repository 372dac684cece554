import { displayWidth } from '../ui/text/text';
import { paint } from '../cli/output';
import type { StepResult } from '../checks/types';
import type { Lang, Step } from '../lessons/schema';
import { fill, t } from '../i18n/strings';
import { sayLive } from '../kube/live/say';

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
    // A pod replay's evidence is a summary, then its timeline: the timeline goes under the check.
    const [actual, ...timeline] = q?.kind === 'pod-replay' ? c.actual.split('\n') : [c.actual];
    if (c.status === 'pass') {
      lines.push(`${paint('pass', '✔')} ${c.title} ${paint('muted', `(${actual})`)}`);
      if (question?.explain) lines.push(`    ${question.explain[lang]}`);
    }
    else if (c.status === 'skipped') lines.push(`${paint('muted', `· ${c.title} (${t(lang, 'skipped')})`)}`);
    else {
      lines.push(`${paint('fail', '✘')} ${c.title}`);
      // The two labels padded to the same display width, in either language.
      const [e, a] = [`${t(lang, 'expected')}:`, `${t(lang, 'actual')}:`];
      const w = Math.max(displayWidth(e), displayWidth(a)) + 1;
      lines.push(`    ${e}${' '.repeat(w - displayWidth(e))}${c.expected}`);
      lines.push(`    ${a}${' '.repeat(w - displayWidth(a))}${actual}`);
      const hint = step.hints.find((h) => h.id === c.hint);
      if (hint) lines.push(`    ${paint('accent', t(lang, 'hint'))}: ${hint[lang]}`);
      if (question) {
        lines.push(`    ${paint('accent', t(lang, 'question.heading'))}: ${question.question[lang]}`);
        for (const ch of question.choices) lines.push(`      ${paint('accent', `${ch.id})`)} ${ch[lang]}`);
        if (lessonId) lines.push(`    ${paint('muted', fill(lang, 'answer.how', { lesson: lessonId }))}`);
      }
    }
    if (c.status !== 'skipped') for (const [i, l] of timeline.entries()) lines.push(i === 0 ? `    ${paint('accent', l)}` : `  ${paint(/SIGKILL|ErrImage/.test(l) ? 'fail' : 'muted', l)}`);
  }
  // Tier 3 exists for this step but no cluster answered: say so, never silently.
  if (result.liveNotRun) lines.push(paint('muted', `· ${sayLive(lang, 'notRun')} · ctr-learn doctor`));
  lines.push(result.passed ? paint('pass', t(lang, 'stepPassed')) : paint('fail', t(lang, 'notYet')));
  return lines.join('\n');
}
