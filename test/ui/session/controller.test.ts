import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { checkStep } from '../../../src/checks/evaluate';
import { EngineApi } from '../../../src/engine/api';
import { CouldNotCheck, EngineUnavailable, UserError } from '../../../src/errors';
import { openProgress } from '../../../src/progress/store';
import type { Sandbox } from '../../../src/sandbox';
import type { runLearnerCommand } from '../../../src/sandbox/run-command';
import { BoundedBuffer } from '../../../src/ui/session/buffer';
import { Controller } from '../../../src/ui/session/controller';
import type { AppEvent } from '../../../src/ui/state/events';
import { Store } from '../../../src/ui/state/store';
import { ENTER, fakeLesson, key, makeState, waitFor } from '../helpers';

/** A fake engine for UI tests: answers /version, never sends events; a sandbox that records calls. */
function fakeEngine(opts: { down?: boolean } = {}) {
  const calls: string[] = [];
  const api = {
    endpoint: { url: 'unix:///fake.sock', socketPath: '/fake.sock', source: 'test' },
    logger: undefined as unknown,
    async json(method: string, path: string) {
      if (opts.down) throw new EngineUnavailable('No Docker engine answers at unix:///fake.sock (ENOENT).', 'start Docker');
      calls.push(`${method} ${path}`);
      return { Version: '99.0-fake' };
    },
    async stream() {
      return new PassThrough();
    },
    close() {},
  } as unknown as EngineApi;
  const sandbox = {
    env: { DOCKER_HOST: 'unix:///fake-sandbox.sock' },
    dockerHost: 'unix:///fake-sandbox.sock',
    sessionId: 'sfake',
    setLesson: (id: string) => calls.push(`setLesson ${id}`),
    forLesson: (lessonId: string) => ({ lessonId, engine: api }),
    // Never sends events: follows until the session stops following.
    follow: (_on: unknown, signal: AbortSignal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve())),
    planReset: async () => ({ containers: ['web'], networks: [], volumes: [], images: [] }),
    reset: async () => ({ containers: ['web'], networks: [], volumes: [], images: [] }),
    end: async () => {
      calls.push('end');
      return { containers: ['web', 'db'], networks: [], volumes: [], images: [] };
    },
    keep: async () => {
      calls.push('keep');
      return { containers: 2, running: 1, networks: 0, volumes: 1, images: 0, keepDays: 14, lessonId: 'demo', lessons: ['demo'] };
    },
    adoptedFrom: null,
  } as unknown as Sandbox;
  return { api, sandbox, calls };
}

function setup(over: Partial<ConstructorParameters<typeof Controller>[0]> = {}, engine = fakeEngine()) {
  const lessons = [fakeLesson('demo')];
  const store = new Store(makeState({ lessons }));
  const events: AppEvent[] = [];
  const dispatch = store.dispatch;
  store.dispatch = (e) => {
    events.push(e);
    dispatch(e);
  };
  const { store: progress } = openProgress(mkdtempSync(join(tmpdir(), 'ctr-ui-')));
  let quit: { removed: number; kept: unknown; finished: boolean } | null = null;
  const controller = new Controller({
    store,
    progress,
    lessons,
    ui: { suspend: () => {}, resume: () => {} },
    onQuit: (r) => (quit = r),
    workspaceFor: () => mkdtempSync(join(tmpdir(), 'ctr-ws-')),
    engine: { connect: () => engine.api, open: async () => engine.sandbox },
    ...over,
  });
  store.onEffect((e) => controller.handle(e));
  return { store, events, controller, progress, engine, quit: () => quit };
}

const of = <T extends AppEvent['type']>(events: AppEvent[], type: T) => events.filter((e) => e.type === type) as Extract<AppEvent, { type: T }>[];

describe('controller (fake engine)', () => {
  it('finds the engine and opens the sandbox after the first frame', async () => {
    const t = setup();
    await t.controller.start();
    expect(t.store.getState().engine).toEqual({ state: 'ok', version: '99.0-fake', endpoint: 'unix:///fake.sock' });
    expect(t.store.getState().sandbox).toMatchObject({ state: 'ready', dockerHost: 'unix:///fake-sandbox.sock' });
  });

  it('reports a missing engine with its fix, and no sandbox', async () => {
    const t = setup({}, fakeEngine({ down: true }));
    await t.controller.start();
    expect(t.store.getState().engine).toEqual({ state: 'down', message: 'No Docker engine answers at unix:///fake.sock (ENOENT).', tryThis: 'start Docker' });
  });

  it('streams a chatty command in a few bounded batches, never one update per line', async () => {
    const chatty: typeof runLearnerCommand = async (_line, o) => {
      for (let i = 0; i < 200_000; i++) o.onLine?.('stdout', `line ${i}`);
      o.onLine?.('stderr', '\x1b[31mred\x1b[0m\tdone');
      return { argv: [], exitCode: 0, signal: null, stdout: '', stderr: '', timedOut: false, cancelled: false, durationMs: 10 };
    };
    const t = setup({ runCommand: chatty });
    await t.controller.start();
    t.store.dispatch(ENTER);
    t.store.dispatch(key('docker logs web\r'));
    await waitFor(() => String(of(t.events, 'commandDone').length), '1');
    const batches = of(t.events, 'commandOutput');
    expect(batches.length).toBeLessThanOrEqual(3);
    const screen = t.store.getState().screen;
    if (screen.name !== 'lesson') throw new Error('lesson expected');
    expect(screen.output.at(-2)).toEqual({ kind: 'stderr', text: 'red    done' });
    expect(screen.dropped).toBeGreaterThan(199_000);
  });

  it('cancels a running command with Ctrl-C through its abort signal', async () => {
    const waits: typeof runLearnerCommand = (_line, o) =>
      new Promise((resolve) => {
        o.onLine?.('stdout', 'tick');
        o.signal?.addEventListener('abort', () => resolve({ argv: [], exitCode: null, signal: 'SIGTERM', stdout: '', stderr: '', timedOut: false, cancelled: true, durationMs: 50 }));
      });
    const t = setup({ runCommand: waits });
    await t.controller.start();
    t.store.dispatch(ENTER);
    t.store.dispatch(key('docker logs -f web\r'));
    await waitFor(() => String(of(t.events, 'commandOutput').length), '1');
    t.store.dispatch(key('c', { ctrl: true }));
    await waitFor(() => JSON.stringify(of(t.events, 'commandDone')), '"cancelled":true');
    expect(t.store.getState().quitting).toBe(false);
  });

  it('shows a refused command inline (UserError message and what to try)', async () => {
    const refuses: typeof runLearnerCommand = async () => {
      throw new UserError('"ls" is not something this prompt runs', 'start your line with docker');
    };
    const t = setup({ runCommand: refuses });
    await t.controller.start();
    t.store.dispatch(ENTER);
    t.store.dispatch(key('docker ls\r'));
    await waitFor(() => JSON.stringify(of(t.events, 'commandRefused')), 'start your line with docker');
  });

  it('reports each check as it resolves, then the step; CouldNotCheck becomes "couldn\'t check"', async () => {
    let fail = false;
    const check: typeof checkStep = async (step, _ctx, _lang, onResult) => {
      if (fail) throw new CouldNotCheck('No Docker engine answers', 'start Docker');
      for (const c of step.checks) onResult?.({ id: c.id, kind: c.kind, title: c.id, status: 'pass', expected: '', actual: 'ok', ms: 1 });
      return { stepId: step.id, passed: true, checks: [], ms: 2 };
    };
    const t = setup({ checkStep: check });
    await t.controller.start();
    t.store.dispatch(ENTER);
    t.store.dispatch(key('t', { ctrl: true }));
    await waitFor(() => String(of(t.events, 'checkDone').length), '1');
    expect(of(t.events, 'checkResult').map((e) => e.result.id)).toEqual(['running', 'named']);
    expect(t.progress.lesson('demo').steps.run).toMatchObject({ attempts: 1, passedAt: expect.any(String) });
    fail = true;
    t.store.dispatch(key('t', { ctrl: true }));
    await waitFor(() => String(of(t.events, 'checkError').length), '1');
    expect(of(t.events, 'checkError')[0]).toMatchObject({ message: 'No Docker engine answers', tryThis: 'start Docker' });
    expect(t.progress.lesson('demo').steps.run.attempts).toBe(1);
  });

  it('records hints, the revealed solution and the language in the progress store', async () => {
    const t = setup();
    await t.controller.start();
    t.store.dispatch(ENTER);
    // Ctrl-G climbs the three hints, a fourth asks to show the solution; y shows it.
    t.store.dispatch(key('\x07\x07\x07\x07'));
    t.store.dispatch(key('y'));
    t.store.dispatch(key('', { escape: true }));
    t.store.dispatch(key('L'));
    await waitFor(() => String(t.progress.data().lang), 'ko');
    expect(t.progress.lesson('demo').steps.run).toMatchObject({ hintsUsed: 3, solutionRevealed: true });
  });

  it('quitting keeps the lab for the learner’s return (nothing removed) and reports what was kept', async () => {
    const t = setup();
    await t.controller.start();
    t.store.dispatch(key('q'));
    await waitFor(() => JSON.stringify(t.quit()), '"running":1');
    expect(t.quit()).toMatchObject({ removed: 0, kept: { containers: 2, volumes: 1, lessonId: 'demo' }, finished: true });
    expect(t.engine.calls).toContain('keep');
    expect(t.engine.calls).not.toContain('end');
  });

  it('says when the start took the learner’s kept lab over', async () => {
    const engine = fakeEngine();
    (engine.sandbox as { adoptedFrom: unknown }).adoptedFrom = { keptAt: '2025-01-06T18:00:00Z', lastUsedAt: '2025-01-06T18:00:00Z' };
    const t = setup({}, engine);
    await t.controller.start();
    expect(t.events.some((e) => e.type === 'notice' && /lab from 2025-01-0\d .* is back as you left it/.test(e.notice?.text ?? ''))).toBe(true);
  });
});

describe('BoundedBuffer', () => {
  it('flushes once per interval with at most max items and counts the dropped ones', async () => {
    const flushes: [number, number][] = [];
    const b = new BoundedBuffer<number>(10, (items, dropped) => flushes.push([items.length, dropped]), 20);
    for (let i = 0; i < 1000; i++) b.push(i);
    expect(flushes).toEqual([]);
    await waitFor(() => String(flushes.length), '1');
    expect(flushes).toEqual([[10, 990]]);
  });
});
