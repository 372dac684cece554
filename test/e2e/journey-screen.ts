import { t } from '../../src/i18n/strings';
import type { Lang } from '../../src/lessons/schema';

/**
 * Reading the lesson screen the way a person does, for the journey test: which rows are the step's
 * text, which are the lower pane, where the prompt is, and whether a command is written somewhere
 * in text that was wrapped to the screen's width.
 */

export const KEY = {
  enter: '\r',
  esc: '\x1b',
  check: '\x14', // Ctrl-T
  hint: '\x07', // Ctrl-G
  next: '\x0e', // Ctrl-N
  edit: '\x0f', // Ctrl-O
  quit: '\x04', // Ctrl-D
  pageDown: '\x1b[6~',
  paneUp: '\x1b[1;2A', // Shift-Up
  paneDown: '\x1b[1;2B', // Shift-Down
} as const;

export const rowsOf = (screen: string): string[] => screen.split('\n');

/** The row of the pane tabs (output, checks, hints, ...): between the step's text and the lower pane. */
export function tabsRow(screen: string, lang: Lang): number {
  const words = [t(lang, 'paneOutput'), t(lang, 'paneChecks'), t(lang, 'paneHints')];
  return rowsOf(screen).findIndex((r) => words.every((w) => r.includes(` ${w}`)));
}

/** The prompt row: it starts at the left edge with `$ ` (or `< ` when the line scrolls sideways). */
export function promptRow(screen: string): string {
  const rows = rowsOf(screen);
  for (let i = rows.length - 1; i >= 0; i--) if (rows[i].startsWith('$ ') || rows[i].startsWith('< ')) return rows[i];
  return '';
}

export interface Window {
  first: number;
  last: number;
  total: number;
}

/**
 * The step text's place (`13-24/42 PgUp/PgDn`; only the key that still moves it at either end:
 * `1-12/42 PgDn`, `31-42/42 PgUp`; narrow `PgUp/Dn`) and the lower pane's (`4-8/8 Shift-Up/Down`,
 * `Shift-Up`, `Shift-Down`), when they hold more than fits.
 */
export function windows(screen: string, lang: Lang): { prose: Window | null; pane: Window | null } {
  const row = rowsOf(screen)[tabsRow(screen, lang)] ?? '';
  // Each place is "first-last/total" and its keys: the step's text PgUp and/or PgDn, the pane
  // Shift-Up and/or Shift-Down (or nothing when even that does not fit).
  let prose: Window | null = null;
  let pane: Window | null = null;
  for (const m of row.matchAll(/(?<![\d-])(\d+)-(\d+)\/(\d+)(?= |$)( PgUp(?:\/(?:Pg)?Dn)?(?= |$)| PgDn(?= |$))?/g)) {
    const w = { first: Number(m[1]), last: Number(m[2]), total: Number(m[3]) };
    if (m[4]) prose = w;
    else pane = w;
  }
  return { prose, pane };
}

/**
 * Screen lines put back together: a wrapped line continues on the next row, a code block's long
 * command is broken with ` \` at the end of a row. Whitespace runs count as one space.
 */
export function joinRows(rows: string[]): string {
  return rows
    .map((r) => r.trimEnd().replace(/ \\$/, ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether `text` (already joined) shows `command`, ignoring where the screen wrapped it. */
export function shows(text: string, command: string): boolean {
  const spaced = command.replace(/\s+/g, ' ').trim();
  if (text.includes(spaced)) return true;
  // A word longer than a row is cut across rows without a space: compare without any whitespace.
  const bare = (s: string) => s.replace(/\s+/g, '');
  return bare(text).includes(bare(spaced));
}

/** A person's typing: a few characters at a time. */
export function chunks(text: string, seed: number): string[] {
  const out: string[] = [];
  let x = seed;
  for (let i = 0; i < text.length; ) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const n = 1 + (x % 3);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}
