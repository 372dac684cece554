import stringWidth from './string-width';
import { t, type StringKey } from '../../i18n/strings';
import type { Lang } from '../../lessons/schema';
import { fillTemplate } from '../../i18n/josa';

/** A UI string with `{name}` placeholders filled in. */
export function tf(lang: Lang, key: StringKey, vars: Record<string, string | number> = {}): string {
  return fillTemplate(t(lang, key), vars);
}

/** Display width in terminal columns: Hangul and other wide characters count 2. */
export function displayWidth(s: string): number {
  // Most of the screen is printable ASCII: one column per character, no need to measure.
  return /^[\x20-\x7e]*$/.test(s) ? s.length : stringWidth(s);
}

/** Cut to at most `width` columns, marking the cut with "..." (ASCII: never an ambiguous-width symbol). */
export function fit(s: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(s) <= width) return s;
  if (width <= 3) return sliceColumns(s, width);
  return sliceColumns(s, width - 3) + '...';
}

/** Pad with spaces to exactly `width` columns (cutting first if needed). */
export function padTo(s: string, width: number): string {
  const cut = displayWidth(s) > width ? sliceColumns(s, width) : s;
  return cut + ' '.repeat(Math.max(0, width - displayWidth(cut)));
}

/** The longest prefix that fits in `width` columns (never splits a wide character). */
export function sliceColumns(s: string, width: number): string {
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = displayWidth(ch);
    if (w + cw > width) break;
    out += ch;
    w += cw;
  }
  return out;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/g;

/**
 * Child output made safe to draw: escape sequences and control characters would move Ink's cursor
 * and break the layout, so they are removed; tabs become spaces; very long lines are cut.
 */
export function sanitizeLine(line: string, maxChars = 2000): string {
  let s = line.length > maxChars * 2 ? line.slice(0, maxChars * 2) : line;
  s = s.replace(ANSI, '').replace(/\r$/, '');
  if (s.includes('\r')) s = s.slice(s.lastIndexOf('\r') + 1);
  s = s.replace(/\t/g, '    ').replace(CONTROL, '');
  return s.length > maxChars ? s.slice(0, maxChars) : s;
}
