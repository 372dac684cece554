import { t } from '../../i18n/strings';
import type { Lesson } from '../../lessons/schema';
import { seg, type UiLine } from '../components/Lines';
import type { AppState, LessonView } from '../state/state';
import { tf } from '../text/text';
import { wrapCommand } from '../text/wrap';
import { mdLines, toneLines } from './lines';

/** The hints pane: the rungs of the hint ladder shown so far, then the solution once revealed. */
export function hintLines(s: AppState, v: LessonView, lesson: Lesson, width: number): UiLine[] {
  const step = lesson.steps[v.stepIndex];
  const lines: UiLine[] = [];
  if (v.hintRung === 0 && !v.solutionShown) lines.push(...toneLines(t(s.lang, 'hintsNone'), width, 'muted'));
  step.hints.slice(0, v.hintRung).forEach((h, i) => {
    lines.push(...mdLines(s.markdown, h[s.lang], width, [seg(`${tf(s.lang, 'hintRung', { n: i + 1, total: step.hints.length })}: `, 'accent', { bold: true })]));
  });
  if (v.solutionShown) {
    lines.push([seg(`${t(s.lang, 'solutionTitle')}:`, 'accent', { bold: true })]);
    const files = Object.keys(step.solution.files);
    if (files.length) lines.push([seg(`  ${tf(s.lang, 'solutionFiles', { files: files.join(', ') })}`, 'muted')]);
    // A long command breaks between whole options (`-v data:/data`) with ` \` ending the row, so it copies as one command.
    for (const c of step.solution.commands) lines.push(...wrapCommand(c, width - 2, '$ ', '    ').map((row) => [seg('  '), seg(row, 'accent')]));
  } else if (v.hintRung > 0 && v.hintRung < step.hints.length) {
    lines.push([seg(t(s.lang, 'moreHints'), 'muted')]);
  } else if (v.hintRung >= step.hints.length && step.hints.length > 0) {
    lines.push([seg(t(s.lang, 'solutionAsk'), 'muted')]);
  }
  return lines;
}
