import type { AppEvent, Effect } from './events';
import { reduce } from './reducer';
import type { AppState } from './state';

/**
 * The UI state outside React, behind the reducer. Keys are dispatched here directly, so each key
 * sees the state the key before it left (no stale closures); React reads it with
 * useSyncExternalStore. Keeping it outside React also lets the app unmount Ink for $EDITOR and
 * mount it again without losing anything.
 */
export class Store {
  private state: AppState;
  private listeners = new Set<() => void>();
  private queue: AppEvent[] = [];
  private busy = false;
  private runEffect: (e: Effect) => void = () => {};

  constructor(initial: AppState) {
    this.state = initial;
  }

  /** Where effects go (the controller); tests can collect them instead. */
  onEffect(run: (e: Effect) => void): void {
    this.runEffect = run;
  }

  getState = (): AppState => this.state;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** Events dispatched while effects run are queued and handled in order. */
  dispatch = (event: AppEvent): void => {
    this.queue.push(event);
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length > 0) {
        const next = this.queue.shift()!;
        const { state, effects } = reduce(this.state, next);
        if (state !== this.state) {
          this.state = state;
          for (const fn of this.listeners) fn();
        }
        for (const e of effects) this.runEffect(e);
      }
    } finally {
      this.busy = false;
    }
  };
}
