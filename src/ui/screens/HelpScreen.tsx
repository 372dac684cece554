import { Box, Text } from 'ink';
import { t } from '../../i18n/strings';
import { Footer } from '../components/Footer';
import { Header } from '../components/Header';
import { BINDINGS, activeScopes, type Binding } from '../keys';
import { footerLines, usableRows } from '../layout';
import type { AppState } from '../state';
import { displayWidth, padTo } from '../text';
import { toneProps } from '../theme';
import { lineText, wrapText } from '../wrap';

/** Every key of the screen underneath (and of the prompt), from the same table as the footer. */
export function HelpScreen({ state, scroll }: { state: AppState; scroll: number }) {
  const under: AppState = { ...state, overlay: null };
  const scopes = new Set(activeScopes(under));
  if (under.screen.name === 'lesson') (scopes.add('lesson'), scopes.add('prompt'));
  const seen = new Set<string>();
  const bindings: Binding[] = BINDINGS.filter((b) => scopes.has(b.scope) && (!b.when || b.when(under))).filter((b) => {
    const k = `${b.scope}|${b.keys.join(',')}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const cols = state.size.cols;
  const rows = usableRows(state);
  const keyText = (b: Binding) => b.keys.map(prettyKey).join(' ');
  const keyWidth = Math.min(24, Math.max(...bindings.map((b) => displayWidth(keyText(b)))) + 2);
  const lines: React.ReactNode[] = [];
  for (const l of wrapText(t(state.lang, 'helpIntro'), cols - 2)) lines.push(<Text key={`i${lines.length}`}>{lineText(l)}</Text>);
  let scope = '';
  for (const b of bindings) {
    if (b.scope !== scope) {
      scope = b.scope;
      lines.push(<Text key={`s${lines.length}`}> </Text>);
    }
    lines.push(
      <Text key={`b${lines.length}`} wrap="truncate-end">
        <Text {...toneProps('accent')} bold>
          {padTo(keyText(b), keyWidth)}
        </Text>
        <Text>{t(state.lang, b.help)}</Text>
      </Text>,
    );
  }
  const height = Math.max(3, rows - 2 - footerLines(state).length);
  const start = Math.min(scroll, Math.max(0, lines.length - height));
  return (
    <Box flexDirection="column" width={cols} height={rows}>
      <Header state={state} title={t(state.lang, 'helpTitle')} />
      <Box flexDirection="column" height={height} overflow="hidden">
        {lines.slice(start, start + height)}
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
  if (k.startsWith('ctrl+')) return `Ctrl-${k.slice(5).toUpperCase()}`;
  return PRETTY[k] ?? k;
}
