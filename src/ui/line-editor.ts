import { promptWith, type PromptState } from './state';

/** Editing operations on the prompt line (readline-like). Pure. */
export type LineOp =
  | { op: 'insert'; text: string }
  | { op: 'backspace' }
  | { op: 'left' }
  | { op: 'right' }
  | { op: 'start' }
  | { op: 'end' }
  | { op: 'killLine' }
  | { op: 'killWord' };

export function editLine(p: PromptState, e: LineOp): PromptState {
  const { text, cursor } = p;
  switch (e.op) {
    case 'insert': {
      // Pasted newlines would run half a command: flatten them to spaces.
      const ins = e.text.replace(/[\r\n]+/g, ' ');
      return { ...p, text: text.slice(0, cursor) + ins + text.slice(cursor), cursor: cursor + ins.length, historyIndex: null };
    }
    case 'backspace': {
      if (cursor === 0) return p;
      const before = [...text.slice(0, cursor)];
      before.pop();
      const head = before.join('');
      return { ...p, text: head + text.slice(cursor), cursor: head.length, historyIndex: null };
    }
    case 'left': {
      if (cursor === 0) return p;
      const before = [...text.slice(0, cursor)];
      before.pop();
      return { ...p, cursor: before.join('').length };
    }
    case 'right': {
      if (cursor >= text.length) return p;
      const next = [...text.slice(cursor)][0];
      return { ...p, cursor: cursor + next.length };
    }
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
