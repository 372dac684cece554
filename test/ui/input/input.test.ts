import { describe, expect, it } from 'vitest';
import { BINDINGS, keyName } from '../../../src/ui/input/keys';
import { commandOf, promptWindow } from '../../../src/ui/input/line-editor';
import { MAX_LINE } from '../../../src/ui/state/state';
import { CTRL, ENTER, ESC, key, paste, readyState, renderApp, run, view } from '../helpers';

/** One input model: in a lesson letters are always text; every action is on a key that cannot be typed. */
const open = () => run(readyState(), ENTER).state;
const done = { type: 'commandDone' as const, exitCode: 0, cancelled: false, timedOut: false, ms: 5 };

describe('the key table', () => {
  it('binds no printable character in a lesson: every letter, digit and sign is text', () => {
    const printable = BINDINGS.filter((b) => b.scope === 'lesson').flatMap((b) => b.keys).filter((k) => [...k].length === 1 || k === 'space');
    expect(printable).toEqual([]);
  });

  it('binds none of the Ctrl keys terminals swallow or send for other keys', () => {
    // Ctrl-S/Q flow control, Ctrl-Z suspend, Ctrl-M Enter, Ctrl-I Tab, Ctrl-H Backspace, Ctrl-[ Esc, Ctrl-V paste.
    const avoided = ['ctrl+s', 'ctrl+q', 'ctrl+z', 'ctrl+m', 'ctrl+i', 'ctrl+h', 'ctrl+[', 'ctrl+v'];
    expect(BINDINGS.filter((b) => b.scope === 'lesson' || b.scope === 'global').flatMap((b) => b.keys).filter((k) => avoided.includes(k))).toEqual([]);
  });

  it('gives one key one meaning per scope', () => {
    const seen = new Map<string, number>();
    for (const b of BINDINGS.filter((x) => !x.when)) for (const k of b.keys) seen.set(`${b.scope} ${k}`, (seen.get(`${b.scope} ${k}`) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1)).toEqual([]);
  });

  it('quits with no letter outside the home screen: a letter in a dialog or the help never ends the app', () => {
    const quits = BINDINGS.filter((b) => b.scope !== 'home' && (b.action.type === 'quit' || b.action.type === 'quitOrDelete'));
    expect(quits.flatMap((b) => b.keys).filter((k) => [...k].length === 1 || k === 'space')).toEqual([]);
  });

  it('names modified arrows and the paste marks', () => {
    expect(keyName('', { upArrow: true, shift: true })).toBe('shift+up');
    expect(keyName('', { downArrow: true, ctrl: true })).toBe('ctrl+down');
    expect(keyName('[200~', {})).toBe('paste-start');
    expect(keyName('[201~', {})).toBe('paste-end');
  });
});

describe('typing in a lesson', () => {
  it.each(['c', 'd', 'h', 'r', 'q', 'o', 'v', 'l', 'n', 'p', 's', 'e', 'j', 'k', '?', '/', '[', ']', ' ', 'L', 'R'])('"%s" is typed text, never an action', (ch) => {
    const r = run(open(), key(`x${ch}`), key(ch));
    expect(view(r.state).prompt.text).toBe(`x${ch}${ch}`);
    expect(r.effects).toEqual([]);
    expect(r.state.overlay).toBeNull();
    expect(view(r.state).pane).toBe('output');
  });

  it.each(['tab', 'up', 'down', 'end', 'home', 'enter', 'esc', 'space', 'pgdn', 'left'])('"%s" arriving as one chunk (a fast typist, a loaded pty) is text, not that key', (word) => {
    const r = run(open(), key('--name s'), key(word));
    expect(view(r.state).prompt.text).toBe(`--name s${word}`);
    expect(r.effects).toEqual([]);
    expect(view(r.state).pane).toBe('output');
  });

  it('curl http://… outside any "mode" is text (it used to check and open the reset dialog)', () => {
    const r = run(open(), ...[...'curl http://localhost:8080/ -o check.txt'].map((c) => key(c)));
    expect(view(r.state).prompt.text).toBe('curl http://localhost:8080/ -o check.txt');
    expect(r.effects).toEqual([]);
    expect(r.state.overlay).toBeNull();
  });

  it('after a command runs the prompt is empty; the next command is never appended to an old one', () => {
    let s = run(open(), key('docker ps\r'), done).state;
    expect(view(s).prompt.text).toBe('');
    s = run(s, key('docker run -it busybox sh\r'), { type: 'commandRefused', message: 'needs a terminal' }).state;
    // The refused line is there to fix, dimmed; typing a new command replaces it...
    expect(view(run(s, key('docker images')).state).prompt.text).toBe('docker images');
    // ...and an editing key makes it an ordinary line to change.
    const edited = run(s, key('', { end: true }), key('', { backspace: true }), key('', { backspace: true }), key('ls')).state;
    expect(view(edited).prompt.text).toBe('docker run -it busybox ls');
  });

  it('a line over the limit is refused with a message, the line kept', () => {
    const long = 'a'.repeat(MAX_LINE);
    const s = run(open(), key(long)).state;
    const r = run(s, key('b'));
    expect(view(r.state).prompt.text).toBe(long);
    expect(r.state.notice?.text).toMatch(/at most 8192 characters/);
  });

  it('Esc on an empty line goes back to the lessons; Enter opens the lesson again as it was', () => {
    const s = run(open(), ESC).state;
    expect(s.screen.name).toBe('home');
    expect(s.notice).toBeNull();
  });
});

describe('backslash continuations', () => {
  it('Enter after a trailing backslash continues on a new line; the whole is one command', () => {
    const r = run(open(), key('docker run -d \\'), ENTER, key('  --name web \\'), ENTER, key('  nginx'), ENTER);
    const runs = r.effects.filter((e) => e.type === 'runCommand');
    expect(runs).toEqual([{ type: 'runCommand', lessonId: 'demo', line: 'docker run -d   --name web   nginx' }]);
    expect(r.state.history.at(-1)).toBe('docker run -d   --name web   nginx');
  });

  it('an escaped backslash at the end (\\\\) is not a continuation', () => {
    const r = run(open(), key('echo a\\\\'), ENTER);
    expect(r.effects.filter((e) => e.type === 'runCommand')).toHaveLength(1);
  });

  it('joins continuations the way a shell does and refuses several commands in one', () => {
    expect(commandOf('docker run -d \\\n--name web \\\nnginx')).toBe('docker run -d --name web nginx');
    expect(commandOf('docker ps\ndocker images')).toBeNull();
  });
});

describe('the help screen (Ctrl-K)', () => {
  it('q closes it, as in less, and the app goes on; Ctrl-D quits', () => {
    const opened = run(open(), CTRL('k')).state;
    expect(opened.overlay?.kind).toBe('help');
    const closed = run(opened, key('q'));
    expect(closed.state.overlay).toBeNull();
    expect(closed.state.quitting).toBe(false);
    expect(closed.effects).toEqual([]);
    expect(view(closed.state).prompt.text).toBe('');
    // From the home screen too (? opens it there).
    const home = run(readyState(), key('?'), key('q')).state;
    expect(home).toMatchObject({ overlay: null, quitting: false, screen: { name: 'home' } });
    expect(run(opened, CTRL('d')).effects).toContainEqual({ type: 'quit' });
  });

  it('says so in its footer: Esc/q close, Ctrl-D quit (never q quit)', async () => {
    const app = renderApp(run(open(), CTRL('k')).state);
    const f = await app.waitFor('Ctrl-D');
    app.unmount();
    expect(f).toContain('Esc/q close');
    expect(f).toContain('Ctrl-D quit');
    expect(f).not.toContain('q quit');
  });
});

describe('bracketed paste', () => {
  it('a pasted block is text, never keys: letters, Tab and Enter inside it fire nothing', () => {
    const r = run(open(), ...paste('docker run -d \\\r  --name web \\\r', '  -p 8080:80 nginx\r'));
    expect(r.effects).toEqual([]);
    expect(view(r.state).prompt.text).toBe('docker run -d \\\n  --name web \\\n  -p 8080:80 nginx');
    const ran = run(r.state, ENTER);
    expect(ran.effects.filter((e) => e.type === 'runCommand')).toEqual([{ type: 'runCommand', lessonId: 'demo', line: 'docker run -d   --name web   -p 8080:80 nginx' }]);
  });

  it('a paste longer than the limit is refused at once with a message, and the prompt keeps what it had', () => {
    let s = run(open(), key('docker '), key('[200~'), key('x'.repeat(MAX_LINE)), key('yy')).state;
    expect(s.notice?.text).toMatch(/longer than 8192 characters/);
    expect(s.paste?.text.length).toBe(MAX_LINE + 1);
    s = run(s, key('z'.repeat(100_000)), key('[201~')).state;
    expect(s.paste).toBeNull();
    expect(s.notice?.text).toMatch(/Not pasted: 108194 characters/);
    expect(view(s).prompt.text).toBe('docker ');
  });

  it('the "Not pasted" notice goes with the next paste or key that is taken', () => {
    const refused = run(open(), ...paste('x'.repeat(MAX_LINE + 10))).state;
    expect(refused.notice?.text).toMatch(/Not pasted: 8202 characters/);
    const pasted = run(refused, ...paste('docker ps')).state;
    expect(view(pasted).prompt.text).toBe('docker ps');
    expect(pasted.notice).toBeNull();
    const typed = run(refused, key('d')).state;
    expect(view(typed).prompt.text).toBe('d');
    expect(typed.notice).toBeNull();
    // A key that takes no input (moving the cursor) leaves it; a second refusal says so again.
    expect(run(refused, key('', { leftArrow: true })).state.notice?.text).toMatch(/Not pasted/);
    expect(run(refused, ...paste('y'.repeat(MAX_LINE + 1))).state.notice?.text).toMatch(/Not pasted: 8193 characters/);
  });

  it('Ctrl-C in a paste whose end never came drops it', () => {
    const s = run(open(), key('[200~'), key('docker ps'), CTRL('c')).state;
    expect(s.paste).toBeNull();
    expect(view(s).prompt.text).toBe('');
  });
});

describe('the prompt window', () => {
  it('shows the part around the cursor, with newlines as ↵', () => {
    expect(promptWindow('docker ps', 9, 20)).toEqual({ before: 'docker ps', at: ' ', after: '', cutLeft: false, cutRight: false });
    expect(promptWindow('a\\\nb', 0, 20)).toMatchObject({ at: 'a', after: '\\↵b' });
    const w = promptWindow('x'.repeat(1000), 500, 20);
    expect(w.before.length + 1 + w.after.length).toBe(20);
    expect(w).toMatchObject({ cutLeft: true, cutRight: true });
    expect(promptWindow('한글한글', 4, 5)).toMatchObject({ before: '한글', at: ' ' });
  });

  it('costs the same for a 1 MB line as for a short one (it measures only what is shown)', () => {
    const big = 'docker '.repeat(150_000);
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) promptWindow(big, big.length - i, 78);
    expect(performance.now() - t0).toBeLessThan(200);
  });
});
