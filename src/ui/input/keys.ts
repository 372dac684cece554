import type { StringKey } from '../../i18n/strings';
import type { LineOp } from './line-editor';
import { letters, openQuestion } from './question';
import type { AppState, Pane } from '../state/state';

/** Ink's key flags (the subset we read). */
export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  meta?: boolean;
}

/** What a key means; the reducer handles these like any other event. */
export type Action =
  | { type: 'quit' }
  | { type: 'interrupt' }
  | { type: 'back' }
  | { type: 'help' }
  | { type: 'toggleLang' }
  | { type: 'move'; delta: number }
  | { type: 'open' }
  | { type: 'continue' }
  | { type: 'retryEngine' }
  | { type: 'scroll'; delta: number }
  | { type: 'page'; delta: number }
  | { type: 'paneScroll'; delta: number }
  | { type: 'check' }
  | { type: 'hint' }
  | { type: 'askReveal' }
  | { type: 'step'; delta: number }
  | { type: 'edit' }
  | { type: 'askReset' }
  | { type: 'pane'; pane?: Pane; delta?: number }
  /** Ctrl-D: on an empty line quits (like a shell), else deletes the character under the cursor. */
  | { type: 'quitOrDelete' }
  /** Bracketed paste: the terminal marks where pasted text begins and ends. */
  | { type: 'pasteStart' }
  | { type: 'pasteEnd' }
  | { type: 'submit' }
  /** Enter while the step's question is open: a line that is exactly one of its letters answers it; any other line runs. */
  | { type: 'answer' }
  | { type: 'line'; edit: LineOp }
  | { type: 'history'; delta: number }
  | { type: 'confirm'; choice: 'yes' | 'no' | 'files' }
  | { type: 'pick' }
  | { type: 'cheat' }
  | { type: 'field'; delta: number }
  | { type: 'copy' }
  | { type: 'runCheat' };

/** Where a binding applies. Several scopes are active at once (see activeScopes). */
export type Scope = 'home' | 'lesson' | 'help' | 'reveal' | 'reset' | 'files' | 'cheat' | 'cheatFill' | 'cheatRun' | 'global';

export interface Binding {
  scope: Scope;
  /** Normalised key names (see keyName): 'j', 'down', 'enter', 'esc', 'ctrl+c', 'tab', 'space', '?'. */
  keys: string[];
  /** How the key is written in the footer and the help (ASCII only: no ambiguous-width arrows). */
  label: string;
  /** A label that depends on the state (the open question's letters), for the footer. */
  labelFor?: (s: AppState) => string;
  /** What it does, in both languages (the ? help, beside its own keys). */
  help: StringKey;
  /** What the footer says when its label names a pair of keys (Ctrl-N/P: next/prev step); default: `help`. */
  footerHelp?: StringKey;
  action: Action;
  /** Shown in the footer (all bindings are shown in the ? help). */
  footer?: boolean;
  /** Never dropped from a narrow footer: how to get out and how to learn the rest. */
  pinned?: boolean;
  /** Only when this holds (e.g. the answer key only while the step's question is open). */
  when?: (s: AppState) => boolean;
}

const engineDown = (s: AppState) => s.engine.state === 'down';
const inLesson = (s: AppState) => s.screen.name === 'lesson';
const notInLesson = (s: AppState) => s.screen.name !== 'lesson';

/**
 * Every key binding of the app, in one table: the reducer resolves keys with it and the footer
 * and the help screen are drawn from it, so they cannot disagree.
 */
export const BINDINGS: Binding[] = [
  // Home
  { scope: 'home', keys: ['enter'], label: 'Enter', help: 'key.open', action: { type: 'open' }, footer: true },
  { scope: 'home', keys: ['c'], label: 'c', help: 'key.continue', action: { type: 'continue' }, footer: true },
  { scope: 'home', keys: ['down', 'j'], label: 'j/k', help: 'key.move', action: { type: 'move', delta: 1 }, footer: true },
  { scope: 'home', keys: ['up', 'k'], label: 'k', help: 'key.moveUp', action: { type: 'move', delta: -1 } },
  { scope: 'home', keys: ['/'], label: '/', help: 'key.cheat', action: { type: 'cheat' }, footer: true },
  { scope: 'home', keys: ['R'], label: 'R', help: 'key.retryEngine', action: { type: 'retryEngine' }, footer: true, when: engineDown },
  { scope: 'home', keys: ['L'], label: 'L', help: 'key.lang', action: { type: 'toggleLang' }, footer: true },
  { scope: 'home', keys: ['q', 'ctrl+d'], label: 'q', help: 'key.quit', action: { type: 'quit' }, footer: true, pinned: true },
  { scope: 'home', keys: ['?', 'ctrl+k'], label: '?', help: 'key.help', action: { type: 'help' }, footer: true, pinned: true },
  // The lesson's keys for the same things work here too (so a learner's habit is never wrong).
  { scope: 'home', keys: ['ctrl+f'], label: 'Ctrl-F', help: 'key.cheat', action: { type: 'cheat' } },

  // Lesson: the prompt is always where letters go. Every action is on a key that cannot be
  // typed text (Ctrl-, Tab, PgUp/PgDn, Shift-arrows, Esc), so a command is never read as actions.
  // Avoided: Ctrl-S/Q (flow control), Ctrl-Z (suspend), Ctrl-M (= Enter), Ctrl-I (= Tab),
  // Ctrl-H (= Backspace), Ctrl-[ (= Esc), Ctrl-V (paste in some terminals).
  // While the step's question is open (no right answer saved), Enter on a line that is exactly one
  // of its letters answers it; on any other line it runs the line, as always (state/lesson-actions.ts).
  { scope: 'lesson', keys: ['enter'], label: 'a/b Enter', labelFor: (s) => `${letters(openQuestion(s)!)} Enter`, help: 'key.answer', action: { type: 'answer' }, footer: true, when: (s) => openQuestion(s) !== undefined },
  { scope: 'lesson', keys: ['enter'], label: 'Enter', help: 'key.run', action: { type: 'submit' }, footer: true },
  { scope: 'lesson', keys: ['ctrl+t'], label: 'Ctrl-T', help: 'key.check', action: { type: 'check' }, footer: true },
  { scope: 'lesson', keys: ['ctrl+g'], label: 'Ctrl-G', help: 'key.hint', action: { type: 'hint' }, footer: true },
  { scope: 'lesson', keys: ['ctrl+n'], label: 'Ctrl-N/P', help: 'key.nextStepOnly', footerHelp: 'key.nextStep', action: { type: 'step', delta: 1 }, footer: true },
  { scope: 'lesson', keys: ['ctrl+p'], label: 'Ctrl-P', help: 'key.prevStep', action: { type: 'step', delta: -1 } },
  { scope: 'lesson', keys: ['tab'], label: 'Tab', help: 'key.pane', action: { type: 'pane' }, footer: true },
  { scope: 'lesson', keys: ['shift+tab'], label: 'Shift-Tab', help: 'key.panePrev', action: { type: 'pane', delta: -1 } },
  { scope: 'lesson', keys: ['pgdn'], label: 'PgUp/PgDn', help: 'key.pageDown', footerHelp: 'key.pageUpDown', action: { type: 'page', delta: 1 }, footer: true },
  { scope: 'lesson', keys: ['pgup'], label: 'PgUp', help: 'key.pageUp', action: { type: 'page', delta: -1 } },
  { scope: 'lesson', keys: ['shift+up', 'ctrl+up'], label: 'Shift-Up/Down', help: 'key.paneBack', action: { type: 'paneScroll', delta: -1 } },
  { scope: 'lesson', keys: ['shift+down', 'ctrl+down'], label: 'Shift-Down', help: 'key.paneForward', action: { type: 'paneScroll', delta: 1 } },
  { scope: 'lesson', keys: ['ctrl+f'], label: 'Ctrl-F', help: 'key.cheat', action: { type: 'cheat' }, footer: true },
  { scope: 'lesson', keys: ['ctrl+o'], label: 'Ctrl-O', help: 'key.edit', action: { type: 'edit' }, footer: true },
  { scope: 'lesson', keys: ['ctrl+x'], label: 'Ctrl-X', help: 'key.reset', action: { type: 'askReset' }, footer: true },
  { scope: 'lesson', keys: ['esc'], label: 'Esc', help: 'key.back', action: { type: 'back' }, footer: true, pinned: true },
  { scope: 'lesson', keys: ['ctrl+k'], label: 'Ctrl-K', help: 'key.help', action: { type: 'help' }, footer: true, pinned: true },
  { scope: 'lesson', keys: ['ctrl+d'], label: 'Ctrl-D', help: 'key.quit', action: { type: 'quitOrDelete' }, footer: true, pinned: true },
  // Editing the line (readline-like)
  { scope: 'lesson', keys: ['up'], label: 'Up/Down', help: 'key.history', action: { type: 'history', delta: -1 } },
  { scope: 'lesson', keys: ['down'], label: 'Down', help: 'key.historyDown', action: { type: 'history', delta: 1 } },
  { scope: 'lesson', keys: ['left'], label: 'Left', help: 'key.left', action: { type: 'line', edit: { op: 'left' } } },
  { scope: 'lesson', keys: ['right'], label: 'Right', help: 'key.right', action: { type: 'line', edit: { op: 'right' } } },
  { scope: 'lesson', keys: ['home', 'ctrl+a'], label: 'Ctrl-A', help: 'key.lineStart', action: { type: 'line', edit: { op: 'start' } } },
  { scope: 'lesson', keys: ['end', 'ctrl+e'], label: 'Ctrl-E', help: 'key.lineEnd', action: { type: 'line', edit: { op: 'end' } } },
  { scope: 'lesson', keys: ['backspace', 'delete'], label: 'Backspace', help: 'key.backspace', action: { type: 'line', edit: { op: 'backspace' } } },
  { scope: 'lesson', keys: ['ctrl+u'], label: 'Ctrl-U', help: 'key.killLine', action: { type: 'line', edit: { op: 'killLine' } } },
  { scope: 'lesson', keys: ['ctrl+w'], label: 'Ctrl-W', help: 'key.killWord', action: { type: 'line', edit: { op: 'killWord' } } },

  // Overlays
  // q closes the help, as in `less` (it once quit the whole app from here); quitting is Ctrl-D, as in a lesson.
  { scope: 'help', keys: ['esc', 'q', '?', 'enter', 'ctrl+k'], label: 'Esc/q', help: 'key.close', action: { type: 'back' }, footer: true },
  { scope: 'help', keys: ['down', 'j'], label: 'j/k', help: 'key.scroll', action: { type: 'scroll', delta: 1 }, footer: true },
  { scope: 'help', keys: ['up', 'k'], label: 'k', help: 'key.scrollUp', action: { type: 'scroll', delta: -1 } },
  { scope: 'help', keys: ['ctrl+d'], label: 'Ctrl-D', help: 'key.quit', action: { type: 'quit' }, footer: true, pinned: true },
  { scope: 'reveal', keys: ['y', 'enter'], label: 'y', help: 'key.revealYes', action: { type: 'confirm', choice: 'yes' }, footer: true },
  { scope: 'reveal', keys: ['n', 'esc'], label: 'n/Esc', help: 'key.cancel', action: { type: 'confirm', choice: 'no' }, footer: true },
  { scope: 'reset', keys: ['y', 'enter'], label: 'y', help: 'key.resetYes', action: { type: 'confirm', choice: 'yes' }, footer: true },
  { scope: 'reset', keys: ['f'], label: 'f', help: 'key.resetFiles', action: { type: 'confirm', choice: 'files' }, footer: true },
  { scope: 'reset', keys: ['n', 'esc'], label: 'n/Esc', help: 'key.cancel', action: { type: 'confirm', choice: 'no' }, footer: true },
  { scope: 'files', keys: ['enter'], label: 'Enter', help: 'key.editThis', action: { type: 'pick' }, footer: true },
  { scope: 'files', keys: ['down', 'j'], label: 'j/k', help: 'key.move', action: { type: 'move', delta: 1 }, footer: true },
  { scope: 'files', keys: ['up', 'k'], label: 'k', help: 'key.moveUp', action: { type: 'move', delta: -1 } },
  { scope: 'files', keys: ['esc', 'n'], label: 'Esc', help: 'key.cancel', action: { type: 'confirm', choice: 'no' }, footer: true },
  { scope: 'cheat', keys: ['enter'], label: 'Enter', help: 'key.cheatUse', action: { type: 'pick' }, footer: true },
  { scope: 'cheat', keys: ['down', 'ctrl+n'], label: 'Up/Down', help: 'key.move', action: { type: 'move', delta: 1 }, footer: true },
  { scope: 'cheat', keys: ['up', 'ctrl+p'], label: 'Up', help: 'key.moveUp', action: { type: 'move', delta: -1 } },
  { scope: 'cheat', keys: ['backspace', 'delete', 'ctrl+h'], label: 'Backspace', help: 'key.backspace', action: { type: 'line', edit: { op: 'backspace' } } },
  { scope: 'cheat', keys: ['ctrl+u'], label: 'Ctrl-U', help: 'key.killLine', action: { type: 'line', edit: { op: 'killLine' } } },
  { scope: 'cheat', keys: ['esc'], label: 'Esc', help: 'key.close', action: { type: 'back' }, footer: true },
  { scope: 'cheatFill', keys: ['enter'], label: 'Enter', help: 'key.cheatInsert', action: { type: 'pick' }, footer: true, when: inLesson },
  { scope: 'cheatFill', keys: ['enter'], label: 'Enter', help: 'key.cheatCopy', action: { type: 'copy' }, footer: true, when: notInLesson },
  { scope: 'cheatFill', keys: ['tab'], label: 'Tab', help: 'key.nextField', action: { type: 'field', delta: 1 }, footer: true },
  { scope: 'cheatFill', keys: ['shift+tab'], label: 'Shift-Tab', help: 'key.prevField', action: { type: 'field', delta: -1 } },
  { scope: 'cheatFill', keys: ['down', 'ctrl+n'], label: 'Up/Down', help: 'key.choose', action: { type: 'move', delta: 1 }, footer: true },
  { scope: 'cheatFill', keys: ['up', 'ctrl+p'], label: 'Up', help: 'key.chooseUp', action: { type: 'move', delta: -1 } },
  { scope: 'cheatFill', keys: ['ctrl+r'], label: 'Ctrl-R', help: 'key.cheatRun', action: { type: 'runCheat' }, footer: true, when: inLesson },
  { scope: 'cheatFill', keys: ['ctrl+y'], label: 'Ctrl-Y', help: 'key.cheatCopy', action: { type: 'copy' }, footer: true, when: inLesson },
  { scope: 'cheatFill', keys: ['left'], label: 'Left', help: 'key.left', action: { type: 'line', edit: { op: 'left' } } },
  { scope: 'cheatFill', keys: ['right'], label: 'Right', help: 'key.right', action: { type: 'line', edit: { op: 'right' } } },
  { scope: 'cheatFill', keys: ['backspace', 'delete', 'ctrl+h'], label: 'Backspace', help: 'key.backspace', action: { type: 'line', edit: { op: 'backspace' } } },
  { scope: 'cheatFill', keys: ['ctrl+u'], label: 'Ctrl-U', help: 'key.killLine', action: { type: 'line', edit: { op: 'killLine' } } },
  { scope: 'cheatFill', keys: ['esc'], label: 'Esc', help: 'key.backToSearch', action: { type: 'back' }, footer: true },
  { scope: 'cheatRun', keys: ['y', 'enter'], label: 'y', help: 'key.runYes', action: { type: 'confirm', choice: 'yes' }, footer: true },
  { scope: 'cheatRun', keys: ['n', 'esc'], label: 'n/Esc', help: 'key.cancel', action: { type: 'confirm', choice: 'no' }, footer: true },

  // Everywhere: Ctrl-C stops a running command, clears the line, or (pressed twice) quits.
  { scope: 'global', keys: ['ctrl+c'], label: 'Ctrl-C', help: 'key.interrupt', action: { type: 'interrupt' } },
  { scope: 'global', keys: ['paste-start'], label: '', help: 'key.paste', action: { type: 'pasteStart' } },
  { scope: 'global', keys: ['paste-end'], label: '', help: 'key.paste', action: { type: 'pasteEnd' } },
];

/** The scopes that apply now, most specific first. */
export function activeScopes(s: AppState): Scope[] {
  if (s.quitting) return [];
  if (s.overlay) return [s.overlay.kind, 'global'];
  if (s.screen.name === 'home') return ['home', 'global'];
  return ['lesson', 'global'];
}

/** A keypress as one name: 'j', 'J', 'enter', 'ctrl+c', 'shift+tab', 'space'. */
export function keyName(input: string, key: KeyInfo): string {
  const mod = key.ctrl ? 'ctrl+' : key.shift ? 'shift+' : '';
  if (key.upArrow) return `${mod}up`;
  if (key.downArrow) return `${mod}down`;
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pgup';
  if (key.pageDown) return 'pgdn';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'esc';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.backspace) return 'backspace';
  if (key.delete) return 'delete';
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  // Ink hands the bracketed-paste markers (ESC[200~ / ESC[201~) over without their ESC.
  if (input === '[200~') return 'paste-start';
  if (input === '[201~') return 'paste-end';
  // Several characters in one chunk are typed text, never a key's name: a fast typist's (or a
  // loaded pty's) "tab", "end" or "up" inside `--name stable` must not press Tab, End or Up.
  if ([...input].length > 1) return `text:${input}`;
  return input;
}

function bindingFor(s: AppState, name: string): Binding | undefined {
  for (const scope of activeScopes(s)) {
    const b = BINDINGS.find((x) => x.scope === scope && x.keys.includes(name) && (!x.when || x.when(s)));
    if (b) return b;
  }
  return undefined;
}

/**
 * What one keypress means in this state. At the prompt, printable text that no binding claims is
 * typed; elsewhere it is ignored. The reducer calls this with the state at that very key, so keys
 * arriving together (a paste, one pty chunk) are each read against the right state.
 */
export function resolveKey(s: AppState, input: string, key: KeyInfo): Action | null {
  const name = keyName(input, key);
  const b = bindingFor(s, name);
  if (b) return b.action;
  if (isTyping(s) && input && !key.ctrl && !key.meta && !key.escape && isPrintable(input)) return { type: 'line', edit: { op: 'insert', text: input } };
  return null;
}

/** Unbound printable keys are typed text: at the lesson prompt (always, in a lesson) and in the cheat sheet's search and blanks. */
export function isTyping(s: AppState): boolean {
  return s.overlay ? s.overlay.kind === 'cheat' || s.overlay.kind === 'cheatFill' : s.screen.name === 'lesson';
}

function isPrintable(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[\x00-\x08\x0b-\x1f\x7f]/.test(s);
}

/**
 * Split one input chunk into keypresses. Ink hands a paste or a pty chunk ("docker ps\r") over as
 * one string; typed text stays together, but Enter, Backspace and Ctrl keys inside it are their own keys.
 */
export function splitChunk(input: string, key: KeyInfo): { input: string; key: KeyInfo }[] {
  // Esc and a key typed right after it arrive together and read as Alt+key: keep them two keys.
  if (key.meta && !key.escape && !key.ctrl && input.length === 1 && input !== '\x1b') {
    return [{ input: '', key: { escape: true } }, { input, key: {} }];
  }
  const plain = !key.ctrl && !key.meta && !key.return && !key.escape && !key.tab && !key.backspace && !key.delete;
  // eslint-disable-next-line no-control-regex
  if (!plain || !/[\x00-\x1a\x7f]/.test(input)) return [{ input, key }];
  const out: { input: string; key: KeyInfo }[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ input: text, key: {} });
    text = '';
  };
  for (const ch of input) {
    const code = ch.charCodeAt(0);
    if (ch === '\r' || ch === '\n') (flush(), out.push({ input: '', key: { return: true } }));
    else if (ch === '\t') (flush(), out.push({ input: '', key: { tab: true } }));
    else if (ch === '\x7f' || ch === '\x08') (flush(), out.push({ input: '', key: { backspace: true } }));
    // Any other Ctrl-letter is its own key (Ctrl-T inside "docker ps^T" still checks).
    else if (code >= 1 && code <= 26) (flush(), out.push({ input: String.fromCharCode(code + 96), key: { ctrl: true } }));
    else text += ch;
  }
  flush();
  return out;
}

/** The bindings to show: those of the active scopes, footer-only or all (for ? help). */
export function visibleBindings(s: AppState, footerOnly: boolean): Binding[] {
  const scopes = activeScopes(s);
  return BINDINGS.filter((b) => scopes.includes(b.scope) && (!footerOnly || b.footer) && (!b.when || b.when(s)));
}
