import type { Effect } from './events';
import type { AppState } from './state';
import { tf } from '../text/text';

export interface Result {
  state: AppState;
  effects: Effect[];
}

export const none = (state: AppState): Result => ({ state, effects: [] });

/** Ctrl-C with nothing to stop: the first one warns, the second quits. */
export function armQuit(s: AppState): Result {
  if (s.quitArmed) return quit(s);
  return none({ ...s, quitArmed: true, notice: { tone: 'warn', text: tf(s.lang, 'input.ctrlCAgain') } });
}

export function quit(s: AppState): Result {
  if (s.quitting) return none(s);
  const effects: Effect[] = [];
  if (s.screen.name === 'lesson' && s.screen.running) effects.push({ type: 'cancelCommand' });
  effects.push({ type: 'quit' });
  return { state: { ...s, quitting: true, overlay: null, notice: { tone: 'muted', text: tf(s.lang, 'closingSandbox') } }, effects };
}
