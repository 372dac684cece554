import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lessonsFingerprint } from '../../src/lessons/compiled';
import { shippedCatalogPath } from '../../src/lessons/cache';
import { withoutGlobalFetch } from '../../src/ui/run-app';
import { fixtureLessons } from '../e2e/fixture';
import { startApp, type PtyApp } from '../e2e/pty';

/**
 * The built app's start in a real pseudo-terminal: the first frame reads the progress file plainly
 * and the progress store, the controller and the Markdown renderer arrive right after it. These
 * check that nothing is lost on the way (no engine needed).
 */
const fx = fixtureLessons();
const running: PtyApp[] = [];
afterAll(() => {
  for (const app of running) app.pty.kill('SIGKILL');
});

function open(): PtyApp {
  const app = startApp([], { env: { CTR_LEARN_LESSONS: fx.dir } });
  running.push(app);
  return app;
}

function openWithProgress(bytes: string | Buffer): PtyApp {
  const home = mkdtempSync(join(tmpdir(), 'ctr-run-app-home-'));
  mkdirSync(join(home, 'config'));
  writeFileSync(join(home, 'config', 'progress.json'), bytes);
  const app = startApp([], { home, env: { CTR_LEARN_LESSONS: fx.dir } });
  running.push(app);
  return app;
}

const firstFrame = (app: PtyApp) => app.waitFor((s) => /Lessons[\s\S]*q quit/.test(s));
const movedAside = (home: string) => readdirSync(join(home, 'config')).filter((f) => f.includes('.corrupt-'));

it('a progress file that is not JSON is moved aside before the first frame, and the first frame says so', async () => {
  const app = openWithProgress('{"version":1,"lessons":{"l":{"st');
  await firstFrame(app);
  // In the first frame itself: the message is drawn above the lesson list, so it comes first.
  const out = app.output();
  expect(out.indexOf('Your progress file was unreadable')).toBeGreaterThan(-1);
  expect(out.indexOf('Your progress file was unreadable')).toBeLessThan(out.indexOf('Lessons'));
  expect(movedAside(app.home)).toHaveLength(1);
  app.press('q');
  expect((await app.exited).exitCode).toBe(0);
});

it('a progress file that only the store finds wrong is moved aside right after the first frame, with the message', async () => {
  const app = openWithProgress('{"lessons":{"e2e-basics":{"steps":{"run":{"attempts":"many"}}}}}');
  await firstFrame(app);
  await app.waitFor('Your progress file was unreadable');
  expect(movedAside(app.home)).toHaveLength(1);
  app.press('q');
  expect((await app.exited).exitCode).toBe(0);
});

it('keys pressed at the first frame are kept: Enter opens the lesson, its text is drawn as Markdown, the visit is saved', async () => {
  const app = open();
  await firstFrame(app);
  app.press('\r');
  // The heading as Markdown draws it (underlined, no "#"), the table as columns.
  const screen = await app.waitFor((s) => /^ ?E2E basics\s*$/m.test(s) && /option\s+what it does/.test(s));
  expect(screen).not.toContain('# E2E basics');
  expect(screen).toMatch(/^ ?=+\s*$/m);
  // In a lesson q is text; Ctrl-D on an empty line quits, as in a shell.
  app.press('\x04');
  expect((await app.exited).exitCode).toBe(0);
  const file = join(app.home, 'config', 'progress.json');
  expect(existsSync(file)).toBe(true);
  const progress = JSON.parse(readFileSync(file, 'utf8'));
  expect(progress).toMatchObject({ lastLesson: 'e2e-basics', lessons: { 'e2e-basics': { steps: { run: { firstSeenAt: expect.any(String) } } } } });
});

it('the first start uses the lessons compiled by the build, and an edited lesson file is read instead', async (ctx) => {
  const shipped = fileURLToPath(new URL('../../lessons', import.meta.url));
  // No dist/lessons.json (a lesson did not load at the build), or a lesson was edited since the
  // build: the compiled lessons are rightly not used, nothing to see here.
  if (!existsSync(shippedCatalogPath())) return ctx.skip();
  const built = JSON.parse(readFileSync(shippedCatalogPath(), 'utf8')) as { key: string };
  if (built.key !== lessonsFingerprint(shipped)) return ctx.skip();
  const lessons = mkdtempSync(join(tmpdir(), 'ctr-run-app-lessons-'));
  cpSync(shipped, lessons, { recursive: true });
  const title = /^ {2}en: "(.*)"$/m;
  const yaml = join(lessons, 'run-options', 'lesson.yaml');
  const was = readFileSync(yaml, 'utf8').match(title)![1];

  const first = startApp([], { env: { CTR_LEARN_LESSONS: lessons } });
  running.push(first);
  await first.waitFor(was.slice(0, 40));
  first.press('q');
  await first.exited;
  // The app remembers that the lessons are the compiled ones; parsed ones it would keep.
  const cache = () => JSON.parse(readFileSync(join(first.home, 'state', 'catalog-cache.json'), 'utf8')) as { parsed: unknown };
  expect(cache().parsed).toBeNull();

  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(title, '  en: "Edited: run options"'));
  const second = startApp([], { home: first.home, env: { CTR_LEARN_LESSONS: lessons } });
  running.push(second);
  await second.waitFor('Edited: run options');
  second.press('q');
  await second.exited;
  expect(cache().parsed).not.toBeNull();
});

describe('withoutGlobalFetch (Ink loads without waking undici)', () => {
  it('hides fetch while loading, then puts back the very same property, also when loading fails', async () => {
    const before = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
    expect(await withoutGlobalFetch(async () => typeof fetch)).toBe('undefined');
    expect(Object.getOwnPropertyDescriptor(globalThis, 'fetch')).toEqual(before);
    await expect(withoutGlobalFetch(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(Object.getOwnPropertyDescriptor(globalThis, 'fetch')).toEqual(before);
    expect(typeof fetch).toBe('function');
  });
});
