import { displayWidth } from '../ui/text';
import { paint } from '../cli/output';
import type { StepResult } from '../checks/types';
import type { Lang, Step } from '../lessons/schema';
import { t } from '../i18n/strings';

/** A step result as plain text lines: ✔ / ✘ expected vs actual / hint / skipped. */
export function formatStepResult(result: StepResult, step: Step, lang: Lang): string {
  const lines: string[] = [];
  for (const c of result.checks) {
    if (c.status === 'pass') lines.push(`${paint('pass', '✔')} ${c.title} ${paint('muted', `(${c.actual})`)}`);
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
    }
  }
  lines.push(result.passed ? paint('pass', t(lang, 'stepPassed')) : paint('fail', t(lang, 'notYet')));
  return lines.join('\n');
}
