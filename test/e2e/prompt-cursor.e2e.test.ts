import { afterAll, expect, it } from 'vitest';
import { displayWidth } from '../../src/ui/text/text';
import { fixtureLessons } from './fixture';
import { promptRow, rowsOf } from './journey-screen';
import { startApp, type PtyApp } from './pty';

/**
 * An input method (Hangul, kana) draws the syllable being composed at the terminal's own cursor,
 * so that cursor must be on the prompt's caret, not wherever the last frame ended. Read here the
 * way the terminal reports it (its cursor row and column), after typing Korean.
 */
const fx = fixtureLessons();
const running: PtyApp[] = [];
afterAll(() => {
  for (const app of running) app.pty.kill('SIGKILL');
});

/** The terminal's cursor: row and column (0-based). */
const cursorOf = (app: PtyApp) => ({ y: app.term.buffer.active.cursorY, x: app.term.buffer.active.cursorX });

async function cursorAt(app: PtyApp, want: { x: number; y: number }): Promise<void> {
  const start = Date.now();
  for (;;) {
    const at = cursorOf(app);
    // Between frames only: inside a synchronized update the cursor is on its way.
    if (!app.term.modes.synchronizedOutputMode && at.x === want.x && at.y === want.y) return;
    if (Date.now() - start > 10_000) throw new Error(`the terminal's cursor is at ${JSON.stringify(at)}, not ${JSON.stringify(want)}.\n${app.screen()}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

const promptIndex = (screen: string) => rowsOf(screen).findIndex((r) => r === promptRow(screen));

it('Korean typed at the prompt: the terminal cursor stands right after it, and follows Left, Ctrl-A and a line scrolled sideways', async () => {
  const app = startApp([], { cols: 80, rows: 24, env: { CTR_LEARN_LESSONS: fx.dir, LANG: 'ko_KR.UTF-8' } });
  running.push(app);
  await app.waitFor('Enter');
  app.press('\r');
  await app.waitFor((s) => promptRow(s).startsWith('$ '));
  // An input method commits each syllable as it is finished: 웹, 서, 버.
  const typed = 'docker run --name 웹서버';
  app.press('docker run --name ');
  for (const syllable of ['웹', '서', '버']) app.press(syllable);
  const screen = await app.waitFor((s) => promptRow(s).trimEnd() === `$ ${typed}`);
  const y = promptIndex(screen);
  // "$ " then the text: Hangul syllables are two columns each.
  await cursorAt(app, { x: 2 + displayWidth(typed), y });
  expect(displayWidth(typed)).toBe(24);
  // Left over one syllable: two columns back.
  app.press('\x1b[D');
  await cursorAt(app, { x: 2 + displayWidth('docker run --name 웹서'), y });
  // Home (Ctrl-A): the first cell after "$ ".
  app.press('\x01');
  await cursorAt(app, { x: 2, y });
  // A line longer than the screen scrolls sideways: the cursor stays on the caret, at the end.
  app.press('\x05');
  app.press(' 안녕하세요'.repeat(8));
  const long = await app.waitFor((s) => promptRow(s).startsWith('< ') && promptRow(s).trimEnd().endsWith('안녕하세요'));
  const row = promptRow(long).trimEnd();
  await cursorAt(app, { x: displayWidth(row), y: promptIndex(long) });
  // Cleared and typed again: back at the start, then after the two syllables.
  app.press('\x15');
  await app.waitFor((s) => !promptRow(s).includes('안녕'));
  app.press('한글');
  const back = await app.waitFor((s) => promptRow(s).trimEnd() === '$ 한글');
  await cursorAt(app, { x: 2 + 4, y: promptIndex(back) });
  // And it is shown (the app hides it elsewhere): the last cursor switch written is "show".
  const out = app.output();
  expect(out.lastIndexOf('\x1b[?25h')).toBeGreaterThan(out.lastIndexOf('\x1b[?25l'));
  app.press('\x15\x04');
  expect((await app.exited).exitCode).toBe(0);
}, 60_000);
