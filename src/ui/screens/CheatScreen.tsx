import { Box, Text } from 'ink';
import { t } from '../../i18n/strings';
import { cheatHits } from '../cheat/hits';
import { Footer } from '../components/Footer';
import { Header } from '../components/Header';
import { Lines, seg, type UiLine } from '../components/Lines';
import { footerLines, usableRows } from '../panes/layout';
import { choiceGroups, fillParts, wantsNames } from '../cheat/fill';
import { PLACEHOLDER_TYPES } from '../../cheatsheet/template';
import type { AppState, CheatFillOverlay, CheatSearch, Overlay } from '../state/state';
import { tf } from '../text/text';
import { toneProps } from '../text/theme';

/** The cheat sheet: search as you type, then fill the chosen command's blanks (and, asked first, run it). */
export function CheatScreen({ state, overlay }: { state: AppState; overlay: Extract<Overlay, { kind: 'cheat' | 'cheatFill' | 'cheatRun' }> }) {
  if (overlay.kind === 'cheat') return <CheatSearchScreen state={state} overlay={overlay} />;
  return <CheatFillScreen state={state} fill={overlay.kind === 'cheatRun' ? overlay.fill : overlay} asking={overlay.kind === 'cheatRun'} />;
}

function CheatFillScreen({ state, fill, asking }: { state: AppState; fill: CheatFillOverlay; asking: boolean }) {
  const cols = state.size.cols;
  const rows = usableRows(state);
  const height = Math.max(3, rows - 2 - footerLines(state).length);
  const entry = cheatHits(state, fill.search.query.text)[fill.search.cursor]?.entry;
  const lines: UiLine[] = [[]];
  const command: UiLine = [seg('  ')];
  for (const p of fillParts(fill)) {
    const current = p.field === fill.field && !asking;
    command.push(p.field === undefined ? seg(p.text, 'accent') : seg(p.text, p.empty ? 'warn' : undefined, { bold: true, inverse: current, underline: !current }));
  }
  lines.push(command, []);
  if (asking) {
    lines.push([seg(`  ${t(state.lang, 'cheatRunAsk')}`, 'warn', { bold: true })]);
  } else if (fill.fields.length === 0) {
    lines.push([seg(`  ${t(state.lang, 'cheatFillNone')}`, 'muted')]);
  } else {
    const f = fill.fields[fill.field];
    lines.push([seg(`  ${tf(state.lang, 'cheatFieldHint', { name: f.name, hint: PLACEHOLDER_TYPES[f.type]?.hint[state.lang] ?? f.type })}`, 'muted')]);
    // Names that exist on the engine, then the example's value under a heading of its own: an
    // example name (web) is never listed as if it existed.
    const { live, example } = choiceGroups(fill, f);
    if (wantsNames(fill) && !fill.names) lines.push([seg(`  ${t(state.lang, 'cheatNamesLoading')}`, 'muted')]);
    const choice = (c: string) => {
      const chosen = c === f.value.text;
      lines.push([seg(chosen ? '  > ' : '    ', 'accent', { bold: true }), seg(c, chosen ? 'accent' : undefined, { bold: chosen })]);
    };
    if (live.length) {
      lines.push([seg(`  ${t(state.lang, 'cheatChoices')}`, 'muted')]);
      for (const c of live.slice(0, Math.max(1, height - lines.length - (example ? 5 : 3)))) choice(c);
    }
    if (example) {
      lines.push([seg(`  ${t(state.lang, 'cheatChoicesExample')}`, 'muted')]);
      choice(example);
    }
  }
  if (entry) lines.push([], [seg(`  ${entry.description[state.lang]}`, 'muted')]);
  return (
    <Box flexDirection="column" width={cols} height={rows}>
      <Header state={state} title={t(state.lang, 'cheatFillTitle')} right="" />
      <Lines lines={lines} height={height} width={cols - 1} />
      <Footer state={state} />
    </Box>
  );
}

function CheatSearchScreen({ state, overlay }: { state: AppState; overlay: CheatSearch }) {
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
          [seg(chosen ? '> ' : '  ', 'accent', { bold: true }), seg(h.command, 'accent', { inverse: chosen, bold: chosen }), ...(h.practised ? [seg(`  [${t(state.lang, 'cheatLessonDone')}]`, 'pass')] : [])],
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
