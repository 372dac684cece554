import { t } from '../../i18n/strings';
import type { Lesson } from '../../lessons/schema';
import { visibleBindings } from '../input/keys';
import { questionKey, questionMarkdown, savedAnswer, stepQuestion } from '../input/question';
import { statusLines } from './status';
import { renderMarkdown } from '../text/render-markdown';
import type { AppState, LessonView } from '../state/state';
import { displayWidth } from '../text/text';
import { colorEnabled } from '../text/theme';
import type { Line } from '../text/wrap';

/**
 * Sizes of the screen regions, computed from the terminal size. The reducer uses them too (to
 * page and clamp scrolling), so they are plain functions of the state.
 */

/** Ink redraws the whole terminal when a frame fills every row; one spare row keeps redraws incremental. */
export const usableRows = (s: AppState) => Math.max(10, s.size.rows - 1);

export interface FooterItem {
  key: string;
  text: string;
  /** Never dropped (the binding table's `pinned`). */
  pinned?: boolean;
}

/**
 * The footer: the active bindings, packed into at most `maxLines` lines (three: Korean labels are
 * wider, and at 80 columns two lines dropped keys). The pinned keys (quit, help: how to get out and
 * how to learn the rest) are never dropped and never cut: they end the last line, on a line of
 * their own when the line is full.
 */
export function footerLines(s: AppState, maxLines = 3): FooterItem[][] {
  const items = visibleBindings(s, true).map((b) => ({ key: b.labelFor?.(s) ?? b.label, text: t(s.lang, b.footerHelp ?? b.help), pinned: b.pinned }));
  const width = s.size.cols - 1;
  const itemWidth = (i: FooterItem) => displayWidth(i.key) + 1 + displayWidth(i.text) + 2;
  const widthOf = (line: FooterItem[]) => line.reduce((w, i) => w + itemWidth(i), 0) - (line.length ? 2 : 0);
  const pinned = items.filter((i) => i.pinned);
  const rest = items.filter((i) => !pinned.includes(i));
  const lines: FooterItem[][] = [[]];
  for (const item of rest) {
    const last = lines[lines.length - 1];
    if (last.length && widthOf([...last, item]) > width) {
      if (lines.length === maxLines) continue;
      lines.push([item]);
    } else last.push(item);
  }
  if (pinned.length) {
    let last = lines[lines.length - 1];
    if (last.length && widthOf([...last, ...pinned]) > width) {
      if (lines.length < maxLines) lines.push((last = []));
      else while (last.length && widthOf([...last, ...pinned]) > width) last.pop();
    }
    last.push(...pinned);
  }
  return lines.filter((l) => l.length > 0);
}

export interface LessonLayout {
  /** Width of the step list beside the prose (0: the steps are one line above it). */
  sidebar: number;
  proseWidth: number;
  proseHeight: number;
  paneHeight: number;
  footerRows: number;
}

export function lessonLayout(s: AppState): LessonLayout {
  const cols = s.size.cols;
  const sidebar = cols >= 110 ? 30 : 0;
  const footerRows = footerLines(s).length;
  // header, step line (narrow only), pane tabs, the status rows (the sandbox's address, which a
  // notice replaces while it shows), prompt
  const statusRows = s.screen.name === 'lesson' ? statusLines(s, s.screen).length : 1;
  const fixed = 1 + (sidebar ? 0 : 1) + 1 + statusRows + 1 + footerRows;
  const rest = Math.max(6, usableRows(s) - fixed);
  // The lower pane takes about a third when it has that much to show; an empty pane (before the first
  // command) collapses to a few rows, so the step's text gets them (at 80x24: 13 rows, not 9).
  const wanted = Math.max(3, Math.min(rest - 3, Math.round(rest * 0.36)));
  const paneHeight = Math.min(wanted, Math.max(3, paneNeeds(s)));
  // Two columns between the step list and the text, so a long step title never runs into it.
  return { sidebar, proseWidth: Math.max(20, cols - sidebar - (sidebar ? 3 : 2)), proseHeight: rest - paneHeight, paneHeight, footerRows };
}

/** How many rows the lower pane has to show: little before anything ran or was checked. */
function paneNeeds(s: AppState): number {
  const v = s.screen;
  if (v.name !== 'lesson') return Infinity;
  const empty = v.pane === 'output' && v.output.length <= 1 && !v.running && !v.dropped;
  return empty ? 3 : Infinity;
}

const cache = new Map<string, Line[]>();

/** The step's prose as screen lines (the lesson introduction comes before the first step). */
export function proseLines(s: AppState, view: LessonView, width = lessonLayout(s).proseWidth): Line[] {
  const lesson = s.lessons.find((l) => l.id === view.lessonId);
  if (!lesson) return [];
  const plain = !colorEnabled();
  const key = `${lesson.id}|${view.stepIndex}|${s.lang}|${width}|${plain}|${s.markdown !== null}|${questionKey(lesson, view)}`;
  let lines = cache.get(key);
  if (!lines) {
    lines = renderMarkdown(s.markdown, proseSource(lesson, view, s.lang), width, { plainCode: plain });
    if (cache.size > 64) cache.clear();
    cache.set(key, lines);
  }
  return lines;
}

function proseSource(lesson: Lesson, view: LessonView, lang: 'en' | 'ko'): string {
  const stepIndex = view.stepIndex;
  const step = lesson.steps[stepIndex];
  const prose = lesson.stepProse[step.id]?.[lang]?.markdown ?? '';
  // A concept question comes after the step's text, with its lettered choices.
  const q = stepQuestion(step);
  const text = q ? `${prose}\n\n${questionMarkdown(q, lang, savedAnswer(view, q))}` : prose;
  return stepIndex === 0 ? `${lesson.intro[lang].markdown}\n\n${text}` : text;
}

export function maxScroll(s: AppState, view: LessonView): number {
  return Math.max(0, proseLines(s, view).length - lessonLayout(s).proseHeight);
}
