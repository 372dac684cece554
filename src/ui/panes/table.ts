import type { StringKey } from '../../i18n/strings';
import type { Lesson } from '../../lessons/schema';
import { hasPictures } from '../../pictures/subjects';
import type { UiLine } from '../components/Lines';
import { BINDINGS, type Action } from '../input/keys';
import type { Effect } from '../state/events';
import type { AppState, LessonView, Pane } from '../state/state';
import type { Tone } from '../text/theme';
import { checkLines } from './checks';
import { hintLines } from './hints';
import { logLines } from './log';
import { outputContent } from './output';
import { pictureLines } from './picture-lines';

/** All of a pane's lines, and where its view starts before the learner scrolls it. */
export interface PaneContent {
  lines: UiLine[];
  natural: number;
  /**
   * Rows kept above the view at its natural place when they would be scrolled out of it (a failed
   * command's error line); gone once the learner scrolls.
   */
  pin?: UiLine[];
}

/**
 * One row of the pane table: a pane of the lesson screen's lower area. The tabs row, Tab and
 * Shift-Tab (which walk the tabs in the table's order), and the screen all read it; a new pane is
 * one more row (and its id in state.ts's `Pane`).
 */
export interface PaneRow {
  id: Pane;
  /** Its tab's title. */
  title: StringKey;
  /**
   * Besides Tab and Shift-Tab, the actions that bring it forward (the reducer shows it); the keys
   * for them are in the key table (keys.ts), see `paneKeys`.
   */
  shownBy: readonly Action['type'][];
  /** Only for the lessons it applies to (default: every lesson). */
  forLesson?: (lesson: Lesson) => boolean;
  /** It is about the current step: going to another step shows the output instead. */
  perStep?: boolean;
  /** After the title, inside the tab (the hints: "1/3"). */
  count?: (v: LessonView, lesson: Lesson) => string;
  /** After the tab, in its own tone (the checks' verdict). */
  mark?: (v: LessonView) => { text: string; tone: Tone } | null;
  /** Read afresh when it is shown, and when the engine reports a change while it shows. */
  refresh?: (lessonId: string) => Effect;
  /** Its lines at this width (height: the rows it has, for where its view starts). */
  content: (s: AppState, v: LessonView, lesson: Lesson, width: number, height: number) => PaneContent;
}

/** Follow the newest lines: the view starts where the last line is at the bottom. */
const bottom = (lines: UiLine[], height: number): PaneContent => ({ lines, natural: Math.max(0, lines.length - height) });

const CHECK_MARK: Record<NonNullable<LessonView['check']>['status'], { text: string; tone: Tone }> = {
  passed: { text: ' ✔', tone: 'pass' },
  failed: { text: ' ✘', tone: 'fail' },
  running: { text: ' ⋯', tone: 'muted' },
  error: { text: ' !', tone: 'warn' },
};

const ROWS = [
  {
    id: 'output',
    title: 'paneOutput',
    // Running a command shows its output.
    shownBy: ['submit'],
    // A failed command's error line stays in view above its newest lines (output.ts).
    content: (s, v, _lesson, width, height) => outputContent(s, v, width, height),
  },
  {
    id: 'checks',
    title: 'paneChecks',
    shownBy: ['check'],
    perStep: true,
    mark: (v) => (v.check ? CHECK_MARK[v.check.status] : null),
    content: (s, v, lesson, width, height) => {
      // Keep the first failure (expected vs actual, hint) in view when the list is long.
      const { lines, focus } = checkLines(s, v, lesson, width);
      return { lines, natural: Math.max(0, Math.min(focus - 1, lines.length - height)) };
    },
  },
  {
    id: 'hints',
    title: 'paneHints',
    shownBy: ['hint'],
    perStep: true,
    count: (v, lesson) => {
      const n = lesson.steps[v.stepIndex].hints.length;
      return n ? ` ${v.hintRung}/${n}` : '';
    },
    content: (s, v, lesson, width, height) => bottom(hintLines(s, v, lesson, width), height),
  },
  {
    id: 'log',
    title: 'paneLog',
    shownBy: [],
    content: (s, _v, _lesson, width, height) => bottom(logLines(s, width), height),
  },
  {
    id: 'picture',
    title: 'panePicture',
    shownBy: [],
    forLesson: hasPictures,
    refresh: (lessonId) => ({ type: 'loadPictures', lessonId }),
    content: (s, v, _lesson, width) => ({ lines: pictureLines(s.lang, v.pictures, width), natural: 0 }),
  },
] as const satisfies readonly PaneRow[];

/** The panes of the lesson screen's lower area, in the order of their tabs. */
export const PANES: readonly PaneRow[] = ROWS;

type Assert<T extends true> = T;
/** Every `Pane` has its row: tsc fails here when one is missing. */
export type EveryPaneHasARow = Assert<[Exclude<Pane, (typeof ROWS)[number]['id']>] extends [never] ? true : false>;

/** The row of a pane. */
export function paneRow(id: Pane): PaneRow {
  return PANES.find((p) => p.id === id)!;
}

/** The panes this lesson has, in tab order. */
export function lessonPanes(lesson: Lesson): PaneRow[] {
  return PANES.filter((p) => !p.forLesson || p.forLesson(lesson));
}

/** The pane Tab (delta 1) or Shift-Tab (delta -1) goes to from `from`. */
export function nextPane(lesson: Lesson, from: Pane, delta = 1): Pane {
  const ids = lessonPanes(lesson).map((p) => p.id);
  return ids[(ids.indexOf(from) + delta + ids.length) % ids.length];
}

/** The keys that bring a pane forward, from the key table (besides Tab and Shift-Tab, which reach every pane). */
export function paneKeys(row: PaneRow): string[] {
  return BINDINGS.filter((b) => b.scope === 'lesson' && row.shownBy.includes(b.action.type)).flatMap((b) => b.keys);
}
