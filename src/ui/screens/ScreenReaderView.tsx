import { Box, Static, Text } from 'ink';
import { useRef } from 'react';
import { liveLine, nothingSaid, transcript, type Said } from './screen-reader';
import type { AppState } from '../state/state';

/**
 * The app for a screen reader (screen-reader.ts): what happens is appended once, in order
 * (<Static>); only the prompt line below it changes.
 */
export function ScreenReaderView({ state }: { state: AppState }) {
  const said = useRef<Said>(nothingSaid());
  const lines = useRef<{ id: number; text: string }[]>([]);
  const next = transcript(said.current, state);
  if (next.lines.length) {
    // Static prints each item once; new items are new objects at the end.
    lines.current = lines.current.concat(next.lines.map((text, i) => ({ id: lines.current.length + i, text })));
  }
  said.current = next.said;
  return (
    <Box flexDirection="column">
      <Static items={lines.current}>{(l) => <Text key={l.id}>{l.text || ' '}</Text>}</Static>
      <Text>{liveLine(state)}</Text>
    </Box>
  );
}
