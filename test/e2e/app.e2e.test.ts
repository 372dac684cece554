import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/engine/api';
import { displayWidth } from '../../src/ui/text/text';
import { engineForTests, ensureImages } from '../helpers/engine';
import { fixtureLessons } from './fixture';
import { appEnv, startApp, type PtyApp } from './pty';

/**
 * The built app (`npm test` builds first) in a real pseudo-terminal against the real engine:
 * what a learner sees and does. Without an engine these tests skip locally and fail in CI.
 */
const fx = fixtureLessons();
let api: EngineApi | null = null;
const running: PtyApp[] = [];

beforeAll(async () => {
  api = await engineForTests();
  if (api) await ensureImages(api);
});

afterAll(async () => {
  for (const app of running) app.pty.kill('SIGKILL');
  if (api) {
    for (const name of [fx.web, fx.ticker, `${fx.web}-term`, `${fx.ticker}-fg`]) await api.request('DELETE', `/containers/${name}`, { query: { force: 1 } }).catch(() => {});
    api.close();
  }
});

function open(args: string[] = [], opts: Parameters<typeof startApp>[1] = {}): PtyApp {
  const app = startApp(args, { ...opts, env: { CTR_LEARN_LESSONS: fx.dir, ...opts.env } });
  running.push(app);
  return app;
}

const containerState = async (name: string) => {
  const r = await api!.request('GET', `/containers/${name}/json`);
  return r.status === 404 ? 'absent' : (JSON.parse(r.body.toString()) as { State: { Status: string } }).State.Status;
};


it('without a terminal, says what to do instead and exits 1', () => {
  const r = spawnSync(process.execPath, [resolve(__dirname, '../../bin/ctr-learn.js')], { env: appEnv(), input: '', encoding: 'utf8', timeout: 20_000 });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('needs an interactive terminal');
  expect(r.stderr).toContain('ctr-learn lessons');
});

it('NO_COLOR: draws without colour codes (bold and the inverse cursor stay)', async () => {
  const app = open([], { env: { NO_COLOR: '1' } });
  await app.waitFor('q quit');
  // SGR colour parameters: 30-37, 39, 90-97 foreground, 40-47, 100-107 background, 38;5 / 38;2.
  const colours = app.output().match(/\x1b\[(?:[0-9;]*;)?(?:3[0-9]|9[0-7]|4[0-7]|10[0-7])(?:;[0-9;]*)?m/g) ?? [];
  expect(colours).toEqual([]);
  app.press('q');
  await app.exited;
});

it('`ctr-learn cheat` at a terminal opens the search; Enter fills the chosen command in; Esc goes back to the search', async () => {
  const app = open(['cheat']);
  await app.waitFor('type to search');
  app.press('stop -t');
  await app.waitFor('docker stop -t <seconds> <container>');
  app.press('\r');
  await app.waitFor('Cheat sheet: fill in the blanks');
  await app.waitFor(/docker stop -t \S+ \S+/);
  await app.waitFor('<seconds>: a number of seconds');
  // Esc: back to the search as it was.
  app.press('\x1b');
  await app.waitFor((s) => s.includes('Enter fill it in') && /^\/ stop -t/m.test(s));
  app.press('q');
  await app.waitFor((s) => s.includes('stop -tq'));
  // Ctrl-C closes the search (the app's home is behind it); q quits there.
  app.press('\x03');
  await app.waitFor('Enter open');
  app.press('q');
  expect((await app.exited).exitCode).toBe(0);
});

describe('on the real engine', () => {
  it('opens a lesson, runs a typed docker command, checks it and sees it pass; quitting restores the terminal', async (ctx) => {
    if (!api) return ctx.skip();
    const app = open();
    await app.waitFor('E2E basics: run a container');
    expect(app.term.buffer.active.type).toBe('alternate');
    await app.waitFor('engine: Docker');
    app.press('\r');
    await app.waitFor('type a docker command, Enter runs it');
    await app.waitFor('export DOCKER_HOST=unix://');
    const screen = app.screen();
    expect(screen).toMatch(/option\s+what it does/);
    expect(screen).toContain('Run a container in the background');

    app.press(`docker run -d --name ${fx.web} busybox:latest sleep 300\r`);
    await app.waitFor(/exit 0 \(\d+\.\d s\)/);
    // The engine's start event re-checks the step by itself...
    await app.waitFor('Step passed! Ctrl-N goes to the next step.');
    expect(await containerState(fx.web)).toBe('running');
    // ...and the check key grades it again on request.
    app.press('\x14');
    await app.waitFor(`✔ a container named ${fx.web} is running`);
    await app.waitFor('Step passed.');
    // From the checks pane (where Ctrl-T put us) Tab goes to hints, then to the command log.
    app.press('\t\t');
    await app.waitFor('# check step 1 (Ctrl-T)');
    // The log holds more than its pane shows: Shift-Up scrolls back to the learner's own create call.
    app.press('\x1b[1;2A'.repeat(60));
    // At the top only the key that still moves it is shown.
    await app.waitFor(/ 1-\d+\/\d+ Shift-Down/);
    await app.waitFor(/docker\s+201 .*POST \/v[\d.]+\/containers\/create\?name=e2e-web/);

    app.press('\x04');
    const { exitCode } = await app.exited;
    expect(exitCode).toBe(0);
    expect(app.term.buffer.active.type).toBe('normal');
    expect(app.output()).toContain('\x1b[?25h');
    // The lab is kept for the learner's return, and the quit says so (what, how long, how to remove it).
    expect(app.output()).toMatch(/Sandbox closed; your lab is kept for next time: 1 container\(s\) \(1 still running\)\. It waits 14 days; ctr-learn reset e2e-basics removes it now\./);
    expect(await containerState(fx.web)).toBe('running');
    const progress = JSON.parse(readFileSync(join(app.home, 'config', 'progress.json'), 'utf8'));
    expect(progress.lessons['e2e-basics'].steps.run).toMatchObject({ passedAt: expect.any(String), attempts: 2 });
    // Coming back: the next start takes the lab over and says so; the container is the lab's.
    const back = open([], { home: app.home });
    await back.waitFor(/Your lab from \d{4}-\d\d-\d\d \d\d:\d\d is back as you left it/);
    back.press('q');
    expect((await back.exited).exitCode).toBe(0);
    expect(back.output()).toMatch(/your lab is kept for next time: 1 container\(s\) \(1 still running\)/);
    expect(await containerState(fx.web)).toBe('running');
  });

  it('Ctrl-C stops a running command (docker logs -f) without leaving the app', async (ctx) => {
    if (!api) return ctx.skip();
    const app = open();
    await app.waitFor('E2E basics');
    app.press('\r');
    await app.waitFor('export DOCKER_HOST=unix://');
    app.press(`docker run -d --name ${fx.ticker} busybox:latest sh -c "while true; do echo tick; sleep 0.2; done"\r`);
    await app.waitFor(/exit 0/);
    app.press(`docker logs -f ${fx.ticker}\r`);
    await app.waitFor(`running: docker logs -f ${fx.ticker} (Ctrl-C stops it)`);
    await app.waitFor((s) => (s.match(/^ tick$/gm) ?? []).length >= 3);
    app.press('\x03');
    await app.waitFor(/stopped with Ctrl-C \(\d+\.\d s\)/);
    await app.waitFor((s) => !s.includes('running: docker logs'));
    expect(app.screen()).toContain('Enter run');
    // A container run in the foreground whose main process ignores SIGINT (sleep as PID 1): Ctrl-C
    // ends the docker CLI, the container runs on, and the screen says so with how to stop it.
    app.press(`docker run --name ${fx.ticker}-fg busybox:latest sleep 1000\r`);
    await app.waitFor(`running: docker run --name ${fx.ticker}-fg`);
    for (let i = 0; i < 100 && (await containerState(`${fx.ticker}-fg`)) !== 'running'; i++) await new Promise((r) => setTimeout(r, 100));
    app.press('\x03');
    await app.waitFor(/stopped with Ctrl-C \(\d+\.\d s\)/);
    await app.waitFor(`docker stop ${fx.ticker}-fg`);
    expect(app.screen()).toMatch(/not its container/);
    expect(await containerState(`${fx.ticker}-fg`)).toBe('running');
    // With nothing running and nothing typed, the first Ctrl-C warns and the second quits.
    app.press('\x03');
    await app.waitFor('Press Ctrl-C again');
    app.press('\x03');
    expect((await app.exited).exitCode).toBe(0);
  });

  it('shows the Korean UI, switches to English in the app and remembers it', async (ctx) => {
    if (!api) return ctx.skip();
    const app = open(['--lang', 'ko']);
    await app.waitFor('E2E 기초: 컨테이너 실행하기');
    await app.waitFor('끝내기');
    app.press('\r');
    await app.waitFor('실행하기');
    const screen = await app.waitFor(/옵션\s+하는 일/);
    // Hangul lines up: the second column starts at the same column on every table row.
    const header = screen.split('\n').find((l) => l.startsWith(' 옵션'))!;
    const row = screen.split('\n').find((l) => l.startsWith(' -d '))!;
    expect(displayWidth(header.slice(0, header.indexOf('하는 일')))).toBe(displayWidth(row.slice(0, row.indexOf('백그라운드로 실행'))));
    // In a lesson L is text: the language is switched on the lessons list (Esc), and the lesson
    // opens again in it.
    app.press('\x1b');
    await app.waitFor('Enter 열기');
    app.press('L');
    app.press('\r');
    await app.waitFor('Run a container in the background');
    app.press('\x04');
    await app.exited;
    const again = open([], { home: app.home });
    await again.waitFor('E2E basics: run a container');
    again.press('q');
    await again.exited;
  });

  it('redraws to fit when the terminal is resized', async (ctx) => {
    if (!api) return ctx.skip();
    const app = open([], { cols: 120, rows: 32 });
    await app.waitFor('E2E basics');
    app.press('\r');
    await app.waitFor('Enter runs it');
    expect(app.screen()).toMatch(/^Steps/m);
    app.resize(80, 24);
    const small = await app.waitFor((s) => s.split('\n')[0].startsWith('ctr-learn ') && /step 1\/2/.test(s.split('\n')[0]) && !/^Steps/m.test(s) && /Ctrl-D quit\s*$/m.test(s));
    expect(small.split('\n')[1]).toMatch(/^∙1 ∙2\s+Run a container/);
    app.resize(120, 32);
    await app.waitFor((s) => /^Steps/m.test(s) && s.split('\n')[0].startsWith('ctr-learn '));
    app.press('\x04');
    await app.exited;
  });

  it('SIGTERM closes the sandbox, keeping the lab, and exits within 2 s', async (ctx) => {
    if (!api) return ctx.skip();
    // Its own name: a container an earlier failed test left behind cannot get in the way.
    const termName = `${fx.web}-term`;
    const app = open();
    await app.waitFor('E2E basics');
    app.press('\r');
    await app.waitFor('export DOCKER_HOST=unix://');
    app.press(`docker run -d --name ${termName} busybox:latest sleep 300\r`);
    await app.waitFor(/exit 0/);
    expect(await containerState(termName)).toBe('running');
    const started = Date.now();
    app.pty.kill('SIGTERM');
    const { exitCode } = await app.exited;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(exitCode).toBe(143);
    // Like a quit: the lab is kept for the learner's return, and the app says so.
    expect(app.output()).toMatch(/your lab is kept for next time: 1 container\(s\) \(1 still running\)/);
    expect(await containerState(termName)).toBe('running');
    expect(app.term.buffer.active.type).toBe('normal');
  });
});
