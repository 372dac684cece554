import { Box, Text, useInput, useIsScreenReaderEnabled, useStdin } from 'ink';
import { ScreenReaderView } from './screens/ScreenReaderView';
import { useSyncExternalStore } from 'react';
import { CheatScreen } from './screens/CheatScreen';
import { HelpScreen } from './screens/HelpScreen';
import { HomeScreen } from './screens/HomeScreen';
import { LessonScreen } from './screens/LessonScreen';
import type { Store } from './state/store';
import { tf } from './text/text';
import { toneProps } from './text/theme';

/** The one input handler: every key goes to the reducer, which reads it with the binding table. */
function useKeys(store: Store) {
  const { isRawModeSupported } = useStdin();
  // Without a TTY useInput would throw; run-app refuses to start then, this is the second guard.
  useInput((input, key) => store.dispatch({ type: 'key', input, key }), { isActive: isRawModeSupported === true });
}

/** Thin: picks the screen. */
export function App({ store }: { store: Store }) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  useKeys(store);
  // Plain, append-only text for a screen reader (--screen-reader or INK_SCREEN_READER=true).
  if (useIsScreenReaderEnabled()) return <ScreenReaderView state={state} />;
  const { cols, rows } = state.size;
  if (cols < 60 || rows < 16) {
    return (
      <Box width={cols}>
        <Text {...toneProps('warn')}>{tf(state.lang, 'tooSmall', { cols, rows })}</Text>
      </Box>
    );
  }
  if (state.overlay?.kind === 'help') return <HelpScreen state={state} scroll={state.overlay.scroll} />;
  const o = state.overlay;
  if (o?.kind === 'cheat' || o?.kind === 'cheatFill' || o?.kind === 'cheatRun') return <CheatScreen state={state} overlay={o} />;
  if (state.screen.name === 'home') return <HomeScreen state={state} cursor={state.screen.cursor} />;
  return <LessonScreen state={state} view={state.screen} />;
}

/** The element run-app mounts (JSX stays in .tsx files). */
export const appElement = (store: Store) => <App store={store} />;
