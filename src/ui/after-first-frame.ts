import type { ProgressStore } from '../progress/store';
import type { Controller } from './session/controller';
import type { Effect } from './state/events';
import type { Store } from './state/store';

/**
 * What the app loads after its first frame, so that frame comes sooner (run-app.ts): the
 * controller, then the progress store and the Markdown renderer.
 */

/**
 * The controller until it has loaded: effects asked for before (a key pressed at once) are handed
 * to it in order, and a shutdown asked for before is carried out instead of starting it.
 */
export class PendingController {
  private controller: Controller | null = null;
  private failed = false;
  private shutdownAsked: number | null = null;
  private readonly waiting: Effect[] = [];

  /** `ended` is called when a shutdown is asked for and there is no controller to do it. */
  constructor(private readonly ended: () => void) {}

  handle(e: Effect): void {
    if (this.controller) this.controller.handle(e);
    else this.waiting.push(e);
  }

  shutdown(budgetMs: number): void {
    if (this.controller) void this.controller.shutdown(budgetMs);
    else if (this.failed) this.ended();
    else this.shutdownAsked ??= budgetMs;
  }

  loaded(c: Controller): void {
    this.controller = c;
    if (this.shutdownAsked !== null) return void c.shutdown(this.shutdownAsked);
    for (const e of this.waiting.splice(0)) c.handle(e);
    void c.start();
  }

  /** It could not be loaded: shutdowns end the app directly. */
  failedToLoad(): void {
    this.failed = true;
  }
}

/**
 * The progress store (conf, zod), opened when `open` is called: the one writer of the progress
 * file. It may still find the file unreadable and move it aside (the first frame read it plainly,
 * progress/peek.ts); the home screen then says so.
 */
export function progressLater(store: Store, opened: ProgressStore | undefined): { progress: Promise<ProgressStore>; open: () => void } {
  if (opened) return { progress: Promise.resolve(opened), open: () => {} };
  let open: () => void = () => {};
  const progress = new Promise<ProgressStore>((resolve, reject) => {
    open = () =>
      import('../progress/store')
        .then(({ openProgress }) => {
          const { store: progressStore, recoveredFrom } = openProgress();
          store.dispatch({ type: 'progressChanged', progress: progressStore.data(), recoveredFrom });
          return progressStore;
        })
        .then(resolve, reject);
  });
  return { progress, open };
}

/**
 * Run `load` once the engine has answered (its ~60 ms would otherwise hold up the home screen's
 * engine line), the learner has asked for something (returns the hook for effects), or after
 * `maxWaitMs`, whichever comes first.
 */
export function onceEngineAnswered(store: Store, load: () => void, maxWaitMs = 300): () => void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    unsubscribe();
    clearTimeout(timer);
    load();
  };
  const unsubscribe = store.subscribe(() => {
    if (store.getState().engine.state !== 'checking') run();
  });
  const timer = setTimeout(run, maxWaitMs);
  return run;
}
