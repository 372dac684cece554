import { Box, Text } from 'ink';
import type { AppState } from '../state/state';
import { displayWidth, fit } from '../text/text';
import { toneProps } from '../text/theme';

/** One line: app name and title on the left; language and engine state on the right. */
export function Header({ state, title, right = '' }: { state: AppState; title: string; right?: string }) {
  const engine = state.engine.state === 'ok' ? '✔' : state.engine.state === 'down' ? '✘' : '⋯';
  const engineTone = state.engine.state === 'ok' ? 'pass' : state.engine.state === 'down' ? 'fail' : 'muted';
  const engineWord = state.lang === 'ko' ? '엔진' : 'engine';
  const tail = `${right ? right + '  ' : ''}${state.lang.toUpperCase()}  ${engineWord} ${engine}`;
  const room = state.size.cols - displayWidth(tail) - 2;
  const name = 'ctr-learn ';
  return (
    <Box width={state.size.cols} justifyContent="space-between">
      <Text wrap="truncate-end">
        <Text {...toneProps('accent')} bold>
          {name}
        </Text>
        <Text bold>{fit(title, Math.max(0, room - name.length))}</Text>
      </Text>
      <Text>
        <Text {...toneProps('muted')}>{right ? right + '  ' : ''}</Text>
        <Text {...toneProps('muted')}>{state.lang.toUpperCase()}  {engineWord} </Text>
        <Text {...toneProps(engineTone)}>{engine}</Text>
      </Text>
    </Box>
  );
}
