import type { Lesson } from '../../lessons/schema';
import type { UiLine } from '../components/Lines';
import type { AppState, LessonView } from '../state/state';
import { paneRow, type PaneContent } from './table';

/** All the lines of the lesson's lower pane (the pane table's builder), and where its view starts when the learner has not scrolled it. */
export function paneContent(s: AppState, v: LessonView, lesson: Lesson, width: number, height: number): PaneContent {
  return paneRow(v.pane).content(s, v, lesson, width, height);
}

export interface PaneWindow {
  lines: UiLine[];
  /** Index of the first line shown. */
  start: number;
  total: number;
  /** Where the view starts by itself (follow the newest lines; the first failure for checks). */
  natural: number;
  /** The largest start: the last line at the bottom. */
  last: number;
}

/** The part of the pane on screen: where the learner scrolled it (`[` `]`), or its natural place. */
export function paneWindow(s: AppState, v: LessonView, lesson: Lesson, width: number, height: number): PaneWindow {
  const { lines, natural, pin } = paneContent(s, v, lesson, width, height);
  const last = Math.max(0, lines.length - height);
  const mine = v.paneScroll && v.paneScroll.pane === v.pane && v.paneScroll.stepIndex === v.stepIndex ? v.paneScroll : null;
  const start = mine ? Math.max(0, Math.min(last, mine.start)) : natural;
  // At its natural place a pinned line (a failed command's error) comes first, the newest lines under it.
  if (!mine && pin?.length && height >= 3) {
    const kept = pin.slice(0, height - 2);
    return { lines: [...kept, ...lines.slice(start + kept.length, start + height)], start, total: lines.length, natural, last };
  }
  return { lines: lines.slice(start, start + height), start, total: lines.length, natural, last };
}
