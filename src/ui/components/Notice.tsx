import { Lines, type UiLine } from './Lines';
import { toneLines } from '../panes/lines';
import type { Notice as NoticeT } from '../state/state';

/** A notice takes at most this many rows (wrapped between words, never cut at 80 columns). */
export const MAX_NOTICE_ROWS = 3;

/** The notice's rows at this width (one empty row when there is none: the screen keeps its place). */
export function noticeLines(notice: NoticeT | null, width: number): UiLine[] {
  if (!notice) return [[]];
  return toneLines(notice.text, width, notice.tone, '', { bold: notice.tone === 'pass' }).slice(0, MAX_NOTICE_ROWS);
}

export function Notice({ notice, width }: { notice: NoticeT | null; width: number }) {
  const lines = noticeLines(notice, width);
  return <Lines lines={lines} height={lines.length} width={width} />;
}
