import { Box, Text } from 'ink';
import { t } from '../../i18n/strings';
import { Footer } from '../components/Footer';
import { Header } from '../components/Header';
import { Lines, seg, type UiLine } from '../components/Lines';
import { BINDINGS, activeScopes, type Binding } from '../input/keys';
import { footerLines, usableRows } from '../panes/layout';
import type { AppState } from '../state/state';
import { displayWidth, padTo } from '../text/text';
import { lineText, wrapText } from '../text/wrap';

/** Every key of the screen underneath (and of the prompt), from the same table as the footer. */
export function HelpScreen({ state, scroll }: { state: AppState; scroll: number }) {
  const under: AppState = { ...state, overlay: null };
  const scopes = new Set(activeScopes(under));
  const seen = new Set<string>();
  const bindings: Binding[] = BINDINGS.filter((b) => b.label && scopes.has(b.scope) && (!b.when || b.when(under))).filter((b) => {
    const k = `${b.scope}|${b.keys.join(',')}|${b.help}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const cols = state.size.cols;
  const rows = usableRows(state);
  const keyText = (b: Binding) => b.keys.map(prettyKey).join(' ');
  const keyWidth = Math.min(20, Math.max(...bindings.map((b) => displayWidth(keyText(b)))) + 2);
  // Where the language came from and how to change it (pickLang's order: --lang, saved, LANG).
  const intro = [t(state.lang, 'helpIntro'), `${t(state.lang, 'helpLanguage')}: ${t(state.lang, `lang.from.${state.langSource}`)}`].flatMap((p) =>
    wrapText(p, cols - 2).map((l) => lineText(l)),
  );
  const entries: UiLine[] = [];
  let scope = '';
  // Two columns when there is room, so every key shows at once on a usual terminal.
  const twoColumns = cols >= 90;
  const colWidth0 = twoColumns ? Math.floor((cols - 2) / 2) : cols;
  for (const b of bindings) {
    if (b.scope !== scope && scope) entries.push([]);
    scope = b.scope;
    // Keys longer than their column get a line of their own, the text under them: never glued
    // ("Ctrl-Hdelete") and never cut. The text wraps under its column.
    const keys = keyText(b);
    const alone = displayWidth(keys) > keyWidth - 2;
    if (alone) entries.push([seg(keys, 'accent', { bold: true })]);
    wrapText(t(state.lang, b.help), Math.max(10, colWidth0 - keyWidth - 1)).forEach((l, i) =>
      entries.push([seg(padTo(i === 0 && !alone ? keys : '', keyWidth), 'accent', { bold: true }), seg(lineText(l))]),
    );
  }
  const height = Math.max(3, rows - 2 - intro.length - footerLines(state).length);
  const colWidth = colWidth0;
  const perColumn = twoColumns ? Math.max(height, Math.ceil(entries.length / 2)) : entries.length;
  const left = entries.slice(0, perColumn);
  const right = twoColumns ? entries.slice(perColumn) : [];
  const start = Math.min(scroll, Math.max(0, perColumn - height));
  return (
    <Box flexDirection="column" width={cols} height={rows}>
      <Header state={state} title={t(state.lang, 'helpTitle')} />
      {intro.map((l, i) => (
        <Text key={i}>{l}</Text>
      ))}
      <Box flexDirection="row" height={height} flexShrink={0}>
        <Lines lines={left.slice(start, start + height)} height={height} width={colWidth} />
        {twoColumns ? <Lines lines={right.slice(start, start + height)} height={height} width={colWidth} /> : null}
      </Box>
      <Text> </Text>
      <Footer state={state} />
    </Box>
  );
}

const PRETTY: Record<string, string> = {
  up: 'Up', down: 'Down', left: 'Left', right: 'Right', pgup: 'PgUp', pgdn: 'PgDn', enter: 'Enter', esc: 'Esc',
  tab: 'Tab', space: 'Space', backspace: 'Backspace', delete: 'Del', home: 'Home', end: 'End',
};
function prettyKey(k: string): string {
  if (k.startsWith('ctrl+')) return `Ctrl-${k.length === 6 ? k.slice(5).toUpperCase() : prettyKey(k.slice(5))}`;
  if (k.startsWith('shift+')) return `Shift-${prettyKey(k.slice(6))}`;
  return PRETTY[k] ?? k;
}
