import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/lessons/catalog';
import { openProgress } from '../../src/progress/store';
import type { AppState } from '../../src/ui/state/state';
import { Controller } from '../../src/ui/session/controller';
import type { AppEvent } from '../../src/ui/state/events';
import { Store } from '../../src/ui/state/store';
import { writeAttemptFiles } from '../../src/workspace/workspace';
import { CTRL, ENTER, fakeLesson, makeState, run, waitFor } from '../ui/helpers';

const probes = loadCatalog().lessons.find((l) => l.id === 'kube-probes')!;

/** The app with no engine at all: the engine is down and no sandbox opened. */
const engineDown = (lessons = [probes]): AppState => ({
  ...makeState({ lessons }),
  engine: { state: 'down', message: 'no engine' },
  sandbox: { state: 'failed', message: 'no engine' },
});

describe('a lesson that needs no engine, in the app (reducer)', () => {
  it('Ctrl-T checks its step with the engine down; a docker lesson says it cannot', () => {
    expect(run(engineDown(), ENTER, CTRL('t')).effects).toContainEqual({ type: 'runCheck', lessonId: 'kube-probes', stepIndex: 0, trigger: 'key' });
    const docker = run(engineDown([fakeLesson('demo')]), ENTER, CTRL('t'));
    expect(docker.effects.map((e) => e.type)).not.toContain('runCheck');
    expect(docker.state.notice?.tone).toBe('warn');
  });

  it('saving a file in the editor checks the step at once', () => {
    const opened = run(engineDown(), ENTER).state;
    expect(run(opened, { type: 'editorDone' }).effects).toContainEqual({ type: 'runCheck', lessonId: 'kube-probes', stepIndex: 0, trigger: 'event' });
    expect(run(opened, { type: 'editorDone', error: 'nano: not found' }).effects.map((e) => e.type)).not.toContain('runCheck');
  });
});

describe('a lesson that needs no engine, in the app (real controller and checks, no engine)', () => {
  it('fails on the starter file, passes on the reference, with the file:line in the evidence', async () => {
    const store = new Store(makeState({ lessons: [probes] }));
    const events: AppEvent[] = [];
    const dispatch = store.dispatch;
    store.dispatch = (e) => {
      events.push(e);
      dispatch(e);
    };
    const ws = mkdtempSync(join(tmpdir(), 'ctr-ws-kube-'));
    cpSync(join(probes.dir, 'files'), ws, { recursive: true });
    const { store: progress } = openProgress(mkdtempSync(join(tmpdir(), 'ctr-ui-kube-')));
    const controller = new Controller({
      store,
      progress,
      lessons: [probes],
      ui: { suspend: () => {}, resume: () => {} },
      onQuit: () => {},
      workspaceFor: () => ws,
      engine: {
        connect: () => {
          throw new Error('no engine on this machine');
        },
        open: async () => {
          throw new Error('no engine on this machine');
        },
      },
    });
    store.onEffect((e) => controller.handle(e));
    await controller.start().catch(() => {});
    const done = () => events.filter((e): e is Extract<AppEvent, { type: 'checkDone' }> => e.type === 'checkDone');
    try {
      store.dispatch(ENTER);
      store.dispatch(CTRL('t'));
      await waitFor(() => String(done().length), '1');
      expect(done()[0].passed).toBe(false);
      const failed = events.find((e): e is Extract<AppEvent, { type: 'checkResult' }> => e.type === 'checkResult' && e.result.status === 'fail')!;
      expect(failed.result.id).toBe('ready');
      expect(failed.result.actual).toContain('container "shop" at pod.yaml:11 has no readinessProbe');

      writeAttemptFiles(probes, ws, probes.steps[0].solution.files);
      store.dispatch({ type: 'editorDone' });
      await waitFor(() => String(done().length), '2');
      expect(done()[1].passed).toBe(true);
      expect(progress.data().lessons['kube-probes'].steps.readiness.passedAt).toBeTruthy();
    } finally {
      await controller.shutdown(1000);
    }
  });
});
