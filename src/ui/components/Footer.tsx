import { Box, Text } from 'ink';
import { footerLines } from '../panes/layout';
import type { AppState } from '../state/state';
import { toneProps } from '../text/theme';

/** The key help, drawn from the one binding table (keys.ts). */
export function Footer({ state }: { state: AppState }) {
  return (
    <Box flexDirection="column">
      {footerLines(state).map((items, i) => (
        <Text key={i} wrap="truncate-end">
          {items.map((it, j) => (
            <Text key={j}>
              <Text {...toneProps('accent')} bold>
                {it.key}
              </Text>
              <Text {...toneProps('muted')}> {it.text}</Text>
              {j < items.length - 1 ? '  ' : ''}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
