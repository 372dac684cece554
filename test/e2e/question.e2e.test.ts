import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EngineApi } from '../../src/engine/api';
import { engineForTests, ensureImages } from '../helpers/engine';
import { startApp, type PtyApp } from './pty';

/**
 * The built app in a real pseudo-terminal, on the real engine: a concept question answered by
 * typing its letter alone at the prompt, wrong and then right. No command runs for an answer.
 */
const LESSONS = fileURLToPath(new URL('../verify/fixtures', import.meta.url));
let api: EngineApi | null = null;
const running: PtyApp[] = [];

beforeAll(async () => {
  api = await engineForTests();
  if (api) await ensureImages(api);
});
afterAll(() => {
  for (const app of running) app.pty.kill('SIGKILL');
  api?.close();
});

it('types a letter alone at the question: a wrong letter shows why, the right one passes the step; the answer lives in the workspace', async (ctx) => {
  if (!api) return ctx.skip();
  const app = startApp([], { env: { CTR_LEARN_LESSONS: LESSONS }, rows: 40 });
  running.push(app);
  await app.waitFor('Enter open');
  app.press('\r');
  app.press('\x0e'); // Ctrl-N: the question step
  await app.waitFor('Who sent the signal?');
  await app.waitFor('a/b/c Enter answer');
  app.press('a');
  // A letter is text at the prompt until Enter.
  await app.waitFor(/^\$ a/m);
  app.press('\r');
  await app.waitFor('Not a: sleep ends with 0 when its time is up');
  await app.waitFor('you answered a: The process returned 137 by itself');
  app.press('c\r');
  await app.waitFor('Right: c.');
  await app.waitFor('✔ your answer to the question');
  const answers = () => JSON.parse(readFileSync(join(app.home, 'workspaces', 'question-verify', '.ctr-learn', 'answers.json'), 'utf8'));
  expect(answers()).toEqual({ 'who-sent': 'c' });
  // Answered right, the question is closed: a letter alone is a line like any other again.
  // (A step of questions only is checked without the sandbox; a line needs it open: on a loaded
  // machine it may still be opening, and the app says so and keeps nothing.)
  await app.waitFor((s) => !s.includes('a/b/c Enter answer'));
  const refused = '"b" is not something this prompt runs';
  for (let i = 0; i < 20 && !app.screen().includes(refused); i++) {
    app.press('\x15b\r');
    await app.waitFor((s) => s.includes(refused) || s.includes('still opening'), 5_000).catch(() => {});
    if (!app.screen().includes(refused)) await new Promise((r) => setTimeout(r, 1500));
  }
  await app.waitFor(refused);
  expect(answers()).toEqual({ 'who-sent': 'c' });
  app.press('\x15\x04'); // Ctrl-U (a refused line comes back to the prompt), Ctrl-D
  expect((await app.exited).exitCode).toBe(0);
  const progress = JSON.parse(readFileSync(join(app.home, 'config', 'progress.json'), 'utf8'));
  expect(progress.lessons['question-verify'].steps.who.passedAt).toEqual(expect.any(String));
}, 60_000);
