import { describe, expect, it, vi } from 'vitest';
import type { Controller } from '../../src/ui/session/controller';
import type { Effect } from '../../src/ui/state/events';
import { onceEngineAnswered, PendingController } from '../../src/ui/after-first-frame';
import { Store } from '../../src/ui/state/store';
import { makeState } from './helpers';

function fakeController() {
  const calls: string[] = [];
  const c = {
    handle: (e: Effect) => calls.push(`handle ${e.type}`),
    start: async () => void calls.push('start'),
    shutdown: async (ms: number) => void calls.push(`shutdown ${ms}`),
  } as unknown as Controller;
  return { c, calls };
}

describe('PendingController (the controller loads after the first frame)', () => {
  it('hands over effects asked for before it loaded, in order, then starts it', () => {
    const p = new PendingController(() => {});
    p.handle({ type: 'enterLesson', lessonId: 'a' });
    p.handle({ type: 'seeStep', lessonId: 'a', stepId: 'run' });
    const { c, calls } = fakeController();
    p.loaded(c);
    p.handle({ type: 'cancelCommand' });
    expect(calls).toEqual(['handle enterLesson', 'handle seeStep', 'start', 'handle cancelCommand']);
  });

  it('a shutdown asked for before it loaded shuts it down instead of starting it', () => {
    const p = new PendingController(() => {});
    p.shutdown(1400);
    const { c, calls } = fakeController();
    p.loaded(c);
    expect(calls).toEqual(['shutdown 1400']);
  });

  it('when it cannot load, a shutdown ends the app directly', () => {
    const ended = vi.fn();
    const p = new PendingController(ended);
    p.failedToLoad();
    p.shutdown(1400);
    expect(ended).toHaveBeenCalledTimes(1);
  });
});

describe('onceEngineAnswered', () => {
  it('runs once, when the engine status is known', () => {
    const store = new Store(makeState());
    const load = vi.fn();
    onceEngineAnswered(store, load, 10_000);
    store.dispatch({ type: 'resized', cols: 90, rows: 30 });
    expect(load).not.toHaveBeenCalled();
    store.dispatch({ type: 'engineStatus', status: { state: 'down', message: 'no engine' } });
    store.dispatch({ type: 'engineStatus', status: { state: 'checking' } });
    store.dispatch({ type: 'engineStatus', status: { state: 'ok', version: '1', endpoint: 'x' } });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('or when asked (a key), or after the longest wait', async () => {
    const store = new Store(makeState());
    const asked = vi.fn();
    const now = onceEngineAnswered(store, asked, 10_000);
    now();
    now();
    expect(asked).toHaveBeenCalledTimes(1);
    const waited = vi.fn();
    onceEngineAnswered(store, waited, 5);
    await vi.waitFor(() => expect(waited).toHaveBeenCalledTimes(1));
  });
});
