import { cheatHits } from '../cheat/hits';
import { chooseField, editField, emptyFields, fillLine, moveField, startFill, wantsNames } from '../cheat/fill';
import type { Action } from '../input/keys';
import { editLine } from '../input/line-editor';
import { tf } from '../text/text';
import { lessonAction } from './lesson-actions';
import { none, type Result } from './reducer-util';
import { promptWith, type AppState, type CheatFillOverlay, type CheatSearch, type LessonView } from './state';

/** The cheat sheet's overlays: searching it, filling the chosen command's blanks, running it. */

/** The cheat sheet search: typing filters, Up/Down choose, Enter fills the chosen command in. */
export function cheatAction(s: AppState, o: CheatSearch, action: Action): Result {
  switch (action.type) {
    case 'back':
      return none({ ...s, overlay: null });
    case 'line':
      return none({ ...s, overlay: { ...o, query: editLine(o.query, action.edit), cursor: 0 } });
    case 'move': {
      const n = cheatHits(s, o.query.text).length;
      return none({ ...s, overlay: { ...o, cursor: Math.max(0, Math.min(n - 1, o.cursor + action.delta)) } });
    }
    case 'pick': {
      const hit = cheatHits(s, o.query.text)[o.cursor];
      if (!hit) return none(s);
      const fill = startFill(hit.entry);
      return { state: { ...s, overlay: { kind: 'cheatFill', ...fill, search: o } }, effects: wantsNames(fill) ? [{ type: 'loadCheatNames' }] : [] };
    }
    default:
      return none(s);
  }
}

/**
 * Filling the chosen command in: Tab moves between the blanks, Up/Down offer the names on the
 * engine, typing changes a blank. Then Enter puts it at the lesson prompt (copies it on the home
 * screen), Ctrl-Y copies it, Ctrl-R runs it in the sandbox after asking.
 */
export function cheatFillAction(s: AppState, o: CheatFillOverlay, action: Action): Result {
  const line = fillLine(o);
  switch (action.type) {
    case 'back':
      return none({ ...s, overlay: o.search });
    case 'field':
      return none({ ...s, overlay: { ...o, ...moveField(o, action.delta) } });
    case 'move':
      return none({ ...s, overlay: { ...o, ...chooseField(o, action.delta) } });
    case 'line':
      return none({ ...s, overlay: { ...o, ...editField(o, action.edit) } });
    case 'pick':
      if (s.screen.name !== 'lesson') return none(s);
      return none({ ...s, overlay: null, screen: { ...s.screen, prompt: promptWith(line) } });
    case 'copy':
      return { state: { ...s, overlay: null, notice: { tone: 'accent', text: tf(s.lang, 'cheatCopied', { line }) } }, effects: [{ type: 'copy', text: line }] };
    case 'runCheat': {
      if (s.screen.name !== 'lesson') return none({ ...s, notice: { tone: 'warn', text: tf(s.lang, 'cheatRunLessonOnly') } });
      const empty = emptyFields(o);
      if (empty.length) return none({ ...s, notice: { tone: 'warn', text: tf(s.lang, 'cheatFillFirst', { names: empty.map((n) => `<${n}>`).join(', ') }) } });
      return none({ ...s, notice: null, overlay: { kind: 'cheatRun', line, fill: o } });
    }
    default:
      return none(s);
  }
}

/** Run a filled-in command as if it was typed at the prompt; what the learner had typed there stays. */
export function runFilled(s: AppState, v: LessonView, line: string): Result {
  const r = lessonAction({ ...s, overlay: null, screen: { ...v, prompt: promptWith(line) } }, { type: 'submit' });
  if (r.state.screen.name !== 'lesson') return r;
  return { ...r, state: { ...r.state, screen: { ...r.state.screen, prompt: v.prompt } } };
}
