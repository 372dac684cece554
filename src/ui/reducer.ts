import { tf } from './text';
import type { AppEvent } from './events';
import { resolveKey, splitChunk, type Action, type KeyInfo } from './keys';
import { maxScroll } from './layout';
import { lessonAction, lessonEvent, openLesson } from './lesson-reducer';
import { armQuit, none, quit, type Result } from './reducer-util';
import { cheatHits } from './cheat';
import { editLine } from './line-editor';
import { MAX_LOG_ENTRIES, emptyPrompt, lessonStatus, type AppState, type Overlay } from './state';

/**
 * The one reducer: every key and every report from the world goes through here. Pure: side
 * effects are returned as data (Effect) for the controller to carry out.
 */
export function reduce(state: AppState, event: AppEvent): Result {
  switch (event.type) {
    case 'key':
      return onKey(state, event.input, event.key);
    case 'resized':
      return clampScroll({ ...state, size: { cols: Math.max(20, event.cols), rows: Math.max(8, event.rows) } });
    case 'engineStatus':
      return none({ ...state, engine: event.status });
    case 'sandboxStatus':
      return none({ ...state, sandbox: event.status });
    case 'progressChanged':
      return none({ ...state, progress: event.progress, ...(event.recoveredFrom ? { recoveredFrom: event.recoveredFrom } : {}) });
    case 'markdownLoaded':
      // The same state, new object: the screen draws again, now with the renderer.
      return clampScroll({ ...state });
    case 'logged': {
      const log = state.log.concat(event.entries);
      return none({ ...state, log: log.length > MAX_LOG_ENTRIES ? log.slice(-MAX_LOG_ENTRIES) : log });
    }
    case 'notice':
      return none({ ...state, notice: event.notice });
    case 'cheatLoaded':
      return none({ ...state, cheat: { state: 'ready', index: event.index } });
    case 'cheatFailed':
      return none({ ...state, cheat: { state: 'failed', message: event.message } });
    case 'lessonReady':
    case 'commandOutput':
    case 'commandDone':
    case 'commandRefused':
    case 'checkResult':
    case 'checkDone':
    case 'checkError':
    case 'engineEvents':
    case 'resetPlanned':
    case 'resetDone':
    case 'resetFailed':
    case 'editorDone':
    case 'picturesLoaded':
      return lessonEvent(state, event);
    default:
      return onAction(state, event);
  }
}

const typing = (s: AppState) => (s.overlay ? s.overlay.kind === 'cheat' : s.screen.name === 'lesson' && s.screen.focus === 'prompt');

/**
 * A keypress, or a chunk of them (a paste, one pty read). Each key is resolved against the state
 * left by the key before it, so "d" then "ocker ps" lands at the prompt as "docker ps".
 */
function onKey(state: AppState, input: string, key: KeyInfo): Result {
  let res: Result = none(state);
  const apply = (action: Action | null) => {
    if (!action) return;
    const next = onAction(res.state, action);
    res = { state: next.state, effects: res.effects.concat(next.effects) };
  };
  for (const piece of splitChunk(input, key)) {
    const plainText = piece.input.length > 1 && Object.values(piece.key).every((v) => !v);
    if (!plainText) {
      apply(resolveKey(res.state, piece.input, piece.key));
      continue;
    }
    let rest = piece.input;
    while (rest) {
      if (typing(res.state)) {
        apply(resolveKey(res.state, rest, {}));
        break;
      }
      const ch = [...rest][0];
      apply(resolveKey(res.state, ch, {}));
      rest = rest.slice(ch.length);
    }
  }
  return res;
}

function onAction(state: AppState, action: Action): Result {
  // Any key but a second Ctrl-C disarms the "press Ctrl-C again to quit".
  const s: AppState = action.type === 'interrupt' ? state : state.quitArmed ? { ...state, quitArmed: false, notice: null } : state;
  switch (action.type) {
    case 'quit':
      return quit(s);
    case 'toggleLang': {
      const lang = s.lang === 'en' ? 'ko' : 'en';
      return { state: clampScrollState({ ...s, lang, notice: { tone: 'muted', text: tf(lang, 'langSwitched') } }), effects: [{ type: 'saveLang', lang }] };
    }
    case 'help':
      return none({ ...s, overlay: { kind: 'help', scroll: 0 } });
    case 'retryEngine':
      return { state: { ...s, engine: { state: 'checking' }, sandbox: { state: 'waiting' } }, effects: [{ type: 'retryEngine' }] };
    case 'cheat': {
      const overlay = { kind: 'cheat' as const, query: emptyPrompt(), cursor: 0 };
      if (s.cheat.state === 'ready' || s.cheat.state === 'loading') return none({ ...s, overlay });
      return { state: { ...s, overlay, cheat: { state: 'loading' } }, effects: [{ type: 'loadCheats' }] };
    }
    default:
      break;
  }
  if (s.overlay) return overlayAction(s, action);
  if (action.type === 'interrupt' && s.screen.name === 'home') return armQuit(s);
  if (s.screen.name === 'home') return homeAction(s, action);
  return lessonAction(s, action);
}

function homeAction(s: AppState, action: Action): Result {
  if (s.screen.name !== 'home') return none(s);
  const cursor = s.screen.cursor;
  switch (action.type) {
    case 'move': {
      const n = s.lessons.length;
      if (n === 0) return none(s);
      return none({ ...s, screen: { name: 'home', cursor: Math.max(0, Math.min(n - 1, cursor + action.delta)) } });
    }
    case 'open': {
      const lesson = s.lessons[cursor];
      return lesson ? openLesson(s, lesson.id) : none(s);
    }
    case 'continue': {
      const id = continueLessonId(s);
      return id ? openLesson(s, id) : none(s);
    }
    default:
      return none(s);
  }
}

/** The lesson "continue" opens: the last one worked on, else the first not done. */
export function continueLessonId(s: AppState): string | null {
  const last = s.progress.lastLesson;
  if (last && s.lessons.some((l) => l.id === last)) return last;
  return (s.lessons.find((l) => lessonStatus(s.progress, l).state !== 'done') ?? s.lessons[0])?.id ?? null;
}

function overlayAction(s: AppState, action: Action): Result {
  const o = s.overlay!;
  if (action.type === 'interrupt') return none({ ...s, overlay: o.kind === 'reset' && o.busy ? o : null });
  switch (o.kind) {
    case 'cheat':
      return cheatAction(s, o, action);
    case 'help':
      if (action.type === 'back') return none({ ...s, overlay: null });
      if (action.type === 'scroll') return none({ ...s, overlay: { ...o, scroll: Math.max(0, o.scroll + action.delta) } });
      return none(s);
    case 'reveal':
    case 'reset':
    case 'files':
      return lessonAction(s, action);
  }
}

function clampScroll(s: AppState): Result {
  return none(clampScrollState(s));
}

/** After a resize or a language switch the prose has a new length: keep the scroll inside it. */
function clampScrollState(s: AppState): AppState {
  if (s.screen.name !== 'lesson') return s;
  return { ...s, screen: { ...s.screen, scroll: Math.min(s.screen.scroll, maxScroll(s, s.screen)) } };
}

/** The cheat sheet search: typing filters, Up/Down choose, Enter puts the command at the lesson prompt. */
function cheatAction(s: AppState, o: Extract<Overlay, { kind: 'cheat' }>, action: Action): Result {
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
      if (!hit || s.screen.name !== 'lesson') return none({ ...s, overlay: null });
      const text = hit.command;
      return none({ ...s, overlay: null, screen: { ...s.screen, focus: 'prompt', prompt: { text, cursor: text.length, historyIndex: null, draft: '' } } });
    }
    default:
      return none(s);
  }
}
