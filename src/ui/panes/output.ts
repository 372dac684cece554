import { seg, type UiLine } from '../components/Lines';
import type { AppState, LessonView, OutLine } from '../state/state';
import { tf } from '../text/text';
import type { Tone } from '../text/theme';
import { wrapColumns, wrapText } from '../text/wrap';
import { toneLines } from './lines';
import type { PaneContent } from './table';

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
  return outputRows(s, v, width).lines;
}

/** The rows, and for each line of output the row it starts at. */
function outputRows(s: AppState, v: LessonView, width: number): { lines: UiLine[]; firstRow: number[] } {
  const note: UiLine[] = v.dropped > 0 ? toneLines(tf(s.lang, 'olderLinesDropped', { n: v.dropped }), width, 'muted') : [];
  const lines: UiLine[] = [...note];
  const firstRow: number[] = [];
  for (const l of v.output) {
    firstRow.push(lines.length);
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
  firstRow.push(lines.length);
  return { lines, firstRow };
}

/** Words that say what went wrong, in the CLI's and the engine's messages (`unknown flag: --nmae`, `Error response from daemon`). */
const SAYS_WHAT_WENT_WRONG = /error|unknown|invalid|denied|not found|no such|cannot|can't|couldn't|failed|conflict|refused|requires|must|permission|flag/i;

/**
 * The output pane's content: following the newest lines. When the last command failed and its
 * output does not fit, the line of its error output that says what went wrong (else its first) is
 * pinned above the newest lines: at 80x24 a mistyped flag showed only the usage text after
 * `unknown flag: --nmae`, and the error itself took Shift-Up to find.
 */
export function outputContent(s: AppState, v: LessonView, width: number, height: number): PaneContent {
  const { lines, firstRow } = outputRows(s, v, width);
  const natural = Math.max(0, lines.length - height);
  if (v.running || natural === 0) return { lines, natural };
  const start = v.output.map((l) => l.kind).lastIndexOf('cmd');
  if (start < 0) return { lines, natural };
  const block = v.output.slice(start + 1);
  if (!block.some((l) => l.kind === 'error')) return { lines, natural };
  const said = block.map((l, i) => ({ l, i: start + 1 + i })).filter(({ l }) => l.kind === 'stderr' && l.text.trim() !== '');
  const line = said.find(({ l }) => SAYS_WHAT_WENT_WRONG.test(l.text)) ?? said[0];
  if (!line || firstRow[line.i] >= natural) return { lines, natural };
  return { lines, natural, pin: lines.slice(firstRow[line.i], firstRow[line.i + 1]) };
}
