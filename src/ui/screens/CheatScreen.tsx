import { Box, Text } from 'ink';
import { t } from '../../i18n/strings';
import { cheatHits } from '../cheat';
import { Footer } from '../components/Footer';
import { Header } from '../components/Header';
import { Lines, seg, type UiLine } from '../components/Lines';
import { footerLines, usableRows } from '../layout';
import type { AppState, Overlay } from '../state';
import { tf } from '../text';
import { toneProps } from '../theme';

/** Search the cheat sheet as you type; the chosen command goes to the lesson prompt. */
export function CheatScreen({ state, overlay }: { state: AppState; overlay: Extract<Overlay, { kind: 'cheat' }> }) {
  const cols = state.size.cols;
  const rows = usableRows(state);
  const height = Math.max(3, rows - 4 - footerLines(state).length);
  const { text, cursor } = overlay.query;
  let lines: UiLine[];
  let count = '';
  if (state.cheat.state === 'ready') {
    const hits = cheatHits(state, text);
    count = tf(state.lang, 'cheatCount', { n: hits.length });
    if (hits.length === 0) lines = [[seg(t(state.lang, 'cheatNoHits'), 'muted')]];
    else {
      // Two lines per command; keep the chosen one in view.
      const perPage = Math.max(1, Math.floor(height / 2));
      const first = Math.max(0, Math.min(overlay.cursor - perPage + 1, hits.length - perPage));
      lines = hits.slice(first, first + perPage).flatMap((h, k) => {
        const chosen = first + k === overlay.cursor;
        return [
          [seg(chosen ? '> ' : '  ', 'accent', { bold: true }), seg(h.command, 'accent', { inverse: chosen, bold: chosen }), ...(h.practised ? [seg(`  [${t(state.lang, 'cheatPractised')}]`, 'pass')] : [])],
          [seg(`    ${h.description}`, 'muted')],
        ];
      });
    }
  } else if (state.cheat.state === 'failed') lines = [[seg(tf(state.lang, 'cheatFailed', { message: state.cheat.message }), 'fail')]];
  else lines = [[seg(t(state.lang, 'cheatLoading'), 'muted')]];
  return (
    <Box flexDirection="column" width={cols} height={rows}>
      <Header state={state} title={t(state.lang, 'cheatTitle')} right={count} />
      <Text wrap="truncate-end">
        <Text {...toneProps('accent')} bold>
          /{' '}
        </Text>
        <Text>{text.slice(0, cursor)}</Text>
        <Text inverse>{text.slice(cursor, cursor + 1) || ' '}</Text>
        <Text>{text.slice(cursor + 1)}</Text>
        {text ? null : <Text {...toneProps('muted')}> {t(state.lang, 'cheatTyping')}</Text>}
      </Text>
      <Text> </Text>
      <Lines lines={lines} height={height} width={cols - 1} />
      <Text> </Text>
      <Footer state={state} />
    </Box>
  );
}
