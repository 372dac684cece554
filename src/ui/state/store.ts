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
          const quiet = onlyPasteGrew(this.state, state);
          this.state = state;
          if (!quiet) for (const fn of this.listeners) fn();
        }
        for (const e of effects) this.runEffect(e);
      }
    } finally {
      this.busy = false;
    }
  };
}

/**
 * A paste arrives in pieces as small as the terminal's 4 kB input buffer: drawing the screen for
 * each would make a 1 MB paste cost 250 frames. While only the paste's own buffer grows nothing on
 * screen changes ("pasting..."), so nobody is told; the limit's message and the end are drawn.
 */
function onlyPasteGrew(a: AppState, b: AppState): boolean {
  if (!a.paste || !b.paste) return false;
  for (const k of Object.keys(b) as (keyof AppState)[]) if (k !== 'paste' && a[k] !== b[k]) return false;
  return true;
}
