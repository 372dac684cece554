import { tf } from '../text/text';
import type { AppEvent } from './events';
import { isTyping, keyName, resolveKey, splitChunk, type Action, type KeyInfo } from '../input/keys';
import { maxScroll } from '../panes/layout';
import { lessonAction } from './lesson-actions';
import { lessonEvent } from './lesson-events';
import { openLesson } from './lesson-view';
import { cheatAction, cheatFillAction, runFilled } from './cheat-actions';
import { armQuit, none, quit, type Result } from './reducer-util';
import { withNames } from '../cheat/fill';
import { meetingEnds } from '../../course/meeting';
import { MAX_LINE, MAX_LOG_ENTRIES, continueLessonId, emptyPrompt, homeLessons, type AppState } from './state';

// Where they lived first (the home screen and the tests import them from here).
export { continueLessonId, suggestion } from './state';

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
    case 'kubeLiveMode':
      return none({ ...state, kubeLive: event.live });
    case 'markdownLoaded':
      // The screen draws again, now with the renderer.
      return clampScroll({ ...state, markdown: event.render });
    case 'logged': {
      const log = state.log.concat(event.entries);
      const over = Math.max(0, log.length - MAX_LOG_ENTRIES);
      const next = { ...state, log: over ? log.slice(over) : log };
      // A log pane scrolled back by hand keeps showing the same lines while the oldest are dropped.
      const v = state.screen;
      if (over && v.name === 'lesson' && v.paneScroll?.pane === 'log') {
        const lines = log.slice(0, over).reduce((n, e) => n + (e.kind === 'call' && e.refused ? 2 : 1), 0);
        next.screen = { ...v, paneScroll: { ...v.paneScroll, start: Math.max(0, v.paneScroll.start - lines) } };
      }
      return none(next);
    }
    case 'notice':
      return none({ ...state, notice: event.notice });
    case 'cheatLoaded':
      return none({ ...state, cheat: { state: 'ready', index: event.index } });
    case 'cheatFailed':
      return none({ ...state, cheat: { state: 'failed', message: event.message } });
    case 'cheatNames': {
      // (The answer may arrive while the run is being confirmed: it belongs to the fill behind it.)
      const o = state.overlay;
      if (o?.kind === 'cheatFill') return none({ ...state, overlay: { ...o, ...withNames(o, event.names) } });
      if (o?.kind === 'cheatRun') return none({ ...state, overlay: { ...o, fill: { ...o.fill, ...withNames(o.fill, event.names) } } });
      return none(state);
    }
    case 'groupLoaded':
      return tick({ ...state, group: { course: event.course, meeting: event.meeting } }, state.now);
    case 'tick':
      return tick(state, event.now);
    case 'meetingClosed': {
      const notice = event.file
        ? { tone: 'accent' as const, text: tf(state.lang, 'meetingClosedNotice', { file: event.file }) }
        : { tone: 'fail' as const, text: tf(state.lang, 'meetingCloseFailed', { message: event.error ?? '' }) };
      const group = state.group ? { course: state.group.course, meeting: event.file ? null : state.group.meeting } : null;
      const next = { ...state, group, notice };
      // The home list was the meeting's: the cursor stays on a lesson that is listed.
      if (next.screen.name === 'home') next.screen = { name: 'home', cursor: Math.min(next.screen.cursor, Math.max(0, homeLessons(next).length - 1)) };
      return none(next);
    }
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
    case 'answerSaved':
    case 'answerFailed':
      return lessonEvent(state, event);
    default:
      return onAction(state, event);
  }
}

/**
 * A keypress, or a chunk of them (a paste, one pty read). Each key is resolved against the state
 * left by the key before it, so "d" then "ocker ps" lands at the prompt as "docker ps".
 */
function onKey(state: AppState, input: string, key: KeyInfo): Result {
  // Inside a bracketed paste everything is text, Enter and Tab included, until the end mark.
  if (state.paste && keyName(input, key) !== 'paste-end' && !(key.ctrl && input === 'c')) return none(pasteMore(state, input, key));
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
      if (isTyping(res.state)) {
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

/** One more piece of a paste: kept up to MAX_LINE + 1 characters, only counted beyond. */
function pasteMore(s: AppState, input: string, key: KeyInfo): AppState {
  const p = s.paste!;
  const text = key.return ? '\n' : key.tab ? ' ' : input;
  const size = p.size + text.length;
  const kept = p.text.length > MAX_LINE ? p.text : p.text + text.slice(0, MAX_LINE + 1 - p.text.length);
  // Said at once (not only at the end): a paste of megabytes takes a while to arrive.
  const notice = size > MAX_LINE && p.size <= MAX_LINE ? { notice: { tone: 'warn' as const, text: tf(s.lang, 'input.pasteTooLong', { max: MAX_LINE }), untilInput: true } } : {};
  return { ...s, ...notice, paste: { text: kept, size } };
}

/** The paste has ended: its text goes where typing goes, as text (never as keys). */
function pasteEnd(s: AppState): Result {
  const p = s.paste;
  if (!p) return none(s);
  const done: AppState = { ...s, paste: null };
  if (p.size > MAX_LINE) return none({ ...done, notice: { tone: 'warn', text: tf(s.lang, 'input.pasteRefused', { n: p.size, max: MAX_LINE }), untilInput: true } });
  // A copied line usually ends in a newline: it is not an Enter (the learner runs it).
  const text = p.text.replace(/\r\n?/g, '\n').replace(/\s+$/, '').replace(/\t/g, ' ');
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
  if (!clean || !isTyping(done)) return none(done);
  return onAction(done, { type: 'line', edit: { op: 'insert', text: clean, multiline: true } });
}

function onAction(state: AppState, action: Action): Result {
  const r = route(state, action);
  // A notice about refused input ("Not pasted: …") goes with the next input that is taken; one
  // the input itself put up (the line is still too long) stays.
  const n = state.notice;
  if (n?.untilInput && action.type === 'line' && action.edit.op === 'insert' && r.state.notice === n) return { ...r, state: { ...r.state, notice: null } };
  return r;
}

function route(state: AppState, action: Action): Result {
  // Any key but a second Ctrl-C disarms the "press Ctrl-C again to quit".
  const s: AppState = action.type === 'interrupt' ? state : state.quitArmed ? { ...state, quitArmed: false, notice: null } : state;
  // Ctrl-C in the middle of a paste (its end mark never came): drop the paste.
  if (action.type === 'interrupt' && s.paste) return none({ ...s, paste: null, notice: { tone: 'muted', text: tf(s.lang, 'input.pasteDropped') } });
  switch (action.type) {
    case 'quit':
      return quit(s);
    case 'toggleLang': {
      const lang = s.lang === 'en' ? 'ko' : 'en';
      return { state: clampScrollState({ ...s, lang, langSource: 'saved', notice: { tone: 'muted', text: tf(lang, 'langSwitched') } }), effects: [{ type: 'saveLang', lang }] };
    }
    case 'help':
      return none({ ...s, overlay: { kind: 'help', scroll: 0 } });
    case 'retryEngine':
      return { state: { ...s, engine: { state: 'checking' }, sandbox: { state: 'waiting' } }, effects: [{ type: 'retryEngine' }] };
    case 'pasteStart':
      return none({ ...s, paste: { text: '', size: 0 } });
    case 'pasteEnd':
      return pasteEnd(s);
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
      const n = homeLessons(s).length;
      if (n === 0) return none(s);
      return none({ ...s, screen: { name: 'home', cursor: Math.max(0, Math.min(n - 1, cursor + action.delta)) } });
    }
    case 'open': {
      const lesson = homeLessons(s)[cursor];
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


/** The clock moved: a meeting whose time is up is closed (once). */
function tick(state: AppState, now: number): Result {
  const g = state.group;
  const next = { ...state, now };
  if (!g?.meeting || g.closing || now < meetingEnds(g.meeting)) return none(next);
  return { state: { ...next, group: { ...g, closing: true } }, effects: [{ type: 'closeMeeting' }] };
}

function overlayAction(s: AppState, action: Action): Result {
  const o = s.overlay!;
  if (action.type === 'interrupt') return none({ ...s, overlay: o.kind === 'reset' && o.busy ? o : null });
  switch (o.kind) {
    case 'cheat':
      return cheatAction(s, o, action);
    case 'cheatFill':
      return cheatFillAction(s, o, action);
    case 'cheatRun':
      if (action.type !== 'confirm') return none(s);
      if (action.choice !== 'yes' || s.screen.name !== 'lesson') return none({ ...s, overlay: o.fill });
      return runFilled(s, s.screen, o.line);
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
