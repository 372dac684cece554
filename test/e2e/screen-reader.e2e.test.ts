import { afterAll, expect, it } from 'vitest';
import { fixtureLessons } from './fixture';
import { startApp, type PtyApp } from './pty';

/**
 * --screen-reader in a real pseudo-terminal: no alternate screen and nothing cleared (a screen
 * reader reads the terminal as it scrolls); what happens is appended once, and only the prompt
 * line is rewritten. Needs no engine: the lesson text, a typed line and its answer are enough.
 */
const fx = fixtureLessons();
const running: PtyApp[] = [];
afterAll(() => {
  for (const app of running) app.pty.kill('SIGKILL');
});

it('the app as plain text, appended as it happens', async () => {
  const app = startApp(['--screen-reader'], { cols: 80, rows: 24, env: { CTR_LEARN_LESSONS: fx.dir, DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
  running.push(app);
  await app.waitFor('ctr-learn. Lessons:');
  await app.waitFor(/selected: 1\./);
  app.press('\r');
  await app.waitFor(/step 1\/\d/);
  for (const c of 'frobnicate') app.press(c);
  await app.waitFor('$ frobnicate');
  app.press('\r');
  // Without an engine: said once it is known, with how to fix it; the typed line stays at the prompt.
  await app.waitFor(/No Docker engine answers/);
  await app.waitFor((s) => s.trimEnd().endsWith('$ frobnicate'));
  const out = app.output();
  expect(out).not.toContain('\x1b[?1049h');
  expect(out).not.toContain('\x1b[2J');
  // Said once: the home list's heading is printed one time however often the screen changed.
  expect(out.split('ctr-learn. Lessons:').length - 1).toBe(1);
  expect(out.split('step 1/2: Run a container in the background').length - 1).toBe(1);
  // Back to the lessons (Esc) and quit from there (q): the prompt still holds the typed line.
  app.press('\x1b');
  await app.waitFor(/selected: 1\./);
  app.press('q');
  expect((await app.exited).exitCode).toBe(0);
}, 30_000);
