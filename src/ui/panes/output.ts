import { seg, type UiLine } from '../components/Lines';
import type { AppState, LessonView, OutLine } from '../state/state';
import { tf } from '../text/text';
import type { Tone } from '../text/theme';
import { wrapColumns, wrapText } from '../text/wrap';
import { toneLines } from './lines';

const OUT_TONE: Record<OutLine['kind'], Tone | undefined> = {
  cmd: 'accent',
  stdout: undefined,
  stderr: 'warn',
  info: 'muted',
  error: 'fail',
  tip: 'muted',
};

/** The mark at the start of a wrapped output row's continuation: it is not a new line of output. */
export const CONTINUED = '↳ ';

/**
 * The output pane: every line whole. A program's output (stdout: tables) is wrapped at the column,
 * keeping its spacing, like a terminal does; messages (the engine's errors, refusals, notes) are
 * wrapped between words. Continuations start with a muted mark.
 */
export function outputLines(s: AppState, v: LessonView, width = s.size.cols - 2): UiLine[] {
  const note: UiLine[] = v.dropped > 0 ? toneLines(tf(s.lang, 'olderLinesDropped', { n: v.dropped }), width, 'muted') : [];
  const lines: UiLine[] = [...note];
  for (const l of v.output) {
    const tone = OUT_TONE[l.kind];
    const extra = { bold: l.kind === 'cmd' };
    if (l.kind === 'stdout' || l.kind === 'cmd') {
      wrapColumns(l.text, width - CONTINUED.length).forEach((row, i) =>
        lines.push(i === 0 ? [seg(row, tone, extra)] : [seg(CONTINUED, 'muted'), seg(row, tone, extra)]),
      );
    } else {
      wrapText(l.text, width - CONTINUED.length).forEach((row, i) => {
        const text = row.map((x) => x.text).join('');
        lines.push(i === 0 ? [seg(text, tone, extra)] : [seg(CONTINUED, 'muted'), seg(text, tone, extra)]);
      });
    }
  }
  return lines;
}
