import { t } from '../i18n/strings';
import type { Lesson } from '../lessons/schema';
import { visibleBindings } from './keys';
import { markdownLoaded, renderMarkdown } from './render-markdown';
import type { AppState, LessonView } from './state';
import { displayWidth } from './text';
import { colorEnabled } from './theme';
import type { Line } from './wrap';

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

/** The footer: the active bindings, packed into at most two lines; "? help" is never dropped. */
export function footerLines(s: AppState, maxLines = 2): FooterItem[][] {
  const items = visibleBindings(s, true).map((b) => ({ key: b.label, text: t(s.lang, b.help), pinned: b.pinned }));
  const width = s.size.cols - 1;
  const itemWidth = (i: FooterItem) => displayWidth(i.key) + 1 + displayWidth(i.text) + 2;
  // The pinned keys (quit, help) are never dropped: they are how to get out and how to learn the rest.
  const pinned = items.filter((i) => i.pinned);
  const help: FooterItem | undefined = pinned.length ? { key: pinned.map((p) => p.key).join(''), text: '' } : undefined;
  const rest = items.filter((i) => !pinned.includes(i));
  const lines: FooterItem[][] = [[]];
  let used = 0;
  for (const item of rest) {
    const w = itemWidth(item);
    const isLast = lines.length === maxLines;
    const reserve = isLast ? pinned.reduce((w, p) => w + itemWidth(p), 0) : 0;
    if (used + w + reserve > width) {
      if (isLast) continue;
      lines.push([]);
      used = 0;
    }
    lines[lines.length - 1].push(item);
    used += w;
  }
  if (help) lines[lines.length - 1].push(...pinned);
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
  // header, step line (narrow only), pane tabs, DOCKER_HOST line, notice, prompt
  const fixed = 1 + (sidebar ? 0 : 1) + 1 + 1 + 1 + 1 + footerRows;
  const rest = Math.max(6, usableRows(s) - fixed);
  const paneHeight = Math.max(3, Math.min(rest - 3, Math.round(rest * 0.42)));
  return { sidebar, proseWidth: Math.max(20, cols - sidebar - 2), proseHeight: rest - paneHeight, paneHeight, footerRows };
}

const cache = new Map<string, Line[]>();

/** The step's prose as screen lines (the lesson introduction comes before the first step). */
export function proseLines(s: AppState, view: LessonView, width = lessonLayout(s).proseWidth): Line[] {
  const lesson = s.lessons.find((l) => l.id === view.lessonId);
  if (!lesson) return [];
  const plain = !colorEnabled();
  const key = `${lesson.id}|${view.stepIndex}|${s.lang}|${width}|${plain}|${markdownLoaded()}`;
  let lines = cache.get(key);
  if (!lines) {
    lines = renderMarkdown(proseSource(lesson, view.stepIndex, s.lang), width, { plainCode: plain });
    if (cache.size > 64) cache.clear();
    cache.set(key, lines);
  }
  return lines;
}

function proseSource(lesson: Lesson, stepIndex: number, lang: 'en' | 'ko'): string {
  const step = lesson.steps[stepIndex];
  const text = lesson.stepProse[step.id]?.[lang]?.markdown ?? '';
  return stepIndex === 0 ? `${lesson.intro[lang].markdown}\n\n${text}` : text;
}

export function maxScroll(s: AppState, view: LessonView): number {
  return Math.max(0, proseLines(s, view).length - lessonLayout(s).proseHeight);
}
