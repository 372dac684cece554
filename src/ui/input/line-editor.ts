import { MAX_LINE, promptWith, type PromptState } from '../state/state';
import { displayWidth } from '../text/text';

/** Editing operations on the prompt line (readline-like). Pure. */
export type LineOp =
  /** multiline: keep newlines (the lesson prompt's backslash continuations); else they become spaces. */
  | { op: 'insert'; text: string; multiline?: boolean }
  | { op: 'backspace' }
  | { op: 'deleteForward' }
  | { op: 'left' }
  | { op: 'right' }
  | { op: 'start' }
  | { op: 'end' }
  | { op: 'killLine' }
  | { op: 'killWord' };

/** Previous code point boundary before `i` (a surrogate pair is one step). O(1). */
function prevIndex(text: string, i: number): number {
  if (i <= 0) return 0;
  const c = text.charCodeAt(i - 1);
  return i >= 2 && c >= 0xdc00 && c <= 0xdfff ? i - 2 : i - 1;
}

function nextIndex(text: string, i: number): number {
  if (i >= text.length) return text.length;
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? i + 2 : i + 1;
}

/** Whether inserting `extra` characters keeps the line within MAX_LINE. */
export function fitsLine(p: PromptState, extra: number): boolean {
  return (p.recalled ? 0 : p.text.length) + extra <= MAX_LINE;
}

export function editLine(p: PromptState, e: LineOp): PromptState {
  // A line given back to edit: typing replaces it, any editing key makes it an ordinary line.
  if (p.recalled) p = e.op === 'insert' ? { ...p, text: '', cursor: 0, recalled: false } : { ...p, recalled: false };
  const { text, cursor } = p;
  switch (e.op) {
    case 'insert': {
      const ins = e.multiline ? e.text.replace(/\r\n?/g, '\n') : e.text.replace(/[\r\n]+/g, ' ');
      return { ...p, text: text.slice(0, cursor) + ins + text.slice(cursor), cursor: cursor + ins.length, historyIndex: null };
    }
    case 'backspace': {
      if (cursor === 0) return p;
      const at = prevIndex(text, cursor);
      return { ...p, text: text.slice(0, at) + text.slice(cursor), cursor: at, historyIndex: null };
    }
    case 'deleteForward': {
      if (cursor >= text.length) return p;
      return { ...p, text: text.slice(0, cursor) + text.slice(nextIndex(text, cursor)), historyIndex: null };
    }
    case 'left':
      return { ...p, cursor: prevIndex(text, cursor) };
    case 'right':
      return { ...p, cursor: nextIndex(text, cursor) };
    case 'start':
      return { ...p, cursor: 0 };
    case 'end':
      return { ...p, cursor: text.length };
    case 'killLine':
      return { ...p, text: '', cursor: 0, historyIndex: null };
    case 'killWord': {
      const head = text.slice(0, cursor).replace(/\S+\s*$/, '');
      return { ...p, text: head + text.slice(cursor), cursor: head.length, historyIndex: null };
    }
  }
}

/** Up (-1) / Down (+1) through the command history; the unfinished line comes back at the end. */
export function walkHistory(p: PromptState, history: string[], delta: number): PromptState {
  if (history.length === 0) return p;
  const from = p.historyIndex ?? history.length;
  const to = Math.max(0, Math.min(history.length, from + delta));
  if (to === from) return p;
  const draft = p.historyIndex === null ? p.text : p.draft;
  if (to === history.length) return promptWith(draft);
  const text = history[to];
  return { text, cursor: text.length, historyIndex: to, draft };
}

/** A trailing backslash: Enter continues the command on a new line, as in a shell. */
export function continues(p: PromptState): boolean {
  return p.cursor === p.text.length && /(^|[^\\])(\\\\)*\\$/.test(p.text);
}

/**
 * The command a prompt's text runs: backslash-newline continuations joined (the shell removes
 * them), or null when the text holds several commands (a newline without a backslash).
 */
export function commandOf(text: string): string | null {
  const joined = text.replace(/\\\n/g, '');
  return joined.includes('\n') ? null : joined.trim();
}

/**
 * The part of the line that fits in `room` columns around the cursor. Linear in `room`, not in the
 * line's length: it walks out from the cursor one code point at a time and stops when the row is
 * full (a 1 MB line costs what a 100-character one does). Newlines show as '↵' (one column, and
 * one code unit, so indices do not move).
 */
export function promptWindow(text: string, cursor: number, room: number): { before: string; at: string; after: string; cutLeft: boolean; cutRight: boolean } {
  const atEnd = nextIndex(text, cursor);
  const at = cursor < text.length ? show(text.slice(cursor, atEnd)) : ' ';
  let used = displayWidth(at);
  // (Zero-width code points take no room: the step count bounds the walk all the same.)
  let steps = 0;
  let from = cursor;
  while (from > 0 && steps++ < room * 4) {
    const i = prevIndex(text, from);
    const w = displayWidth(show(text.slice(i, from)));
    if (used + w > room) break;
    used += w;
    from = i;
  }
  let to = cursor < text.length ? atEnd : cursor;
  while (to < text.length && steps++ < room * 8) {
    const j = nextIndex(text, to);
    const w = displayWidth(show(text.slice(to, j)));
    if (used + w > room) break;
    used += w;
    to = j;
  }
  return { before: show(text.slice(from, cursor)), at, after: show(text.slice(cursor < text.length ? atEnd : cursor, to)), cutLeft: from > 0, cutRight: to < text.length };
}

const show = (s: string) => s.replace(/\n/g, '↵').replace(/\t/g, ' ');
