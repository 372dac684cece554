import { Box, Text } from 'ink';
import { t } from '../../i18n/strings';
import type { AppState, Overlay } from '../state/state';
import { toneProps } from '../text/theme';
import { wrapText, lineText } from '../text/wrap';

/** The confirmations and the file picker, drawn in place of the lesson text. */
export function Dialog({ state, overlay, width, height }: { state: AppState; overlay: Exclude<Overlay, { kind: 'help' } | { kind: 'cheat' }>; width: number; height: number }) {
  const { lang } = state;
  const para = (text: string, tone?: Parameters<typeof toneProps>[0]) =>
    wrapText(text, width - 4).map((l, i) => (
      <Text key={text + i} {...toneProps(tone)}>
        {'  '}
        {lineText(l)}
      </Text>
    ));
  let body: React.ReactNode;
  switch (overlay.kind) {
    case 'reveal':
      body = (
        <>
          <Text bold {...toneProps('accent')}>  {t(lang, 'revealTitle')}</Text>
          {para(t(lang, 'revealBody'))}
        </>
      );
      break;
    case 'reset': {
      const plan = overlay.plan;
      const kinds = [
        ['kindContainers', plan?.containers],
        ['kindNetworks', plan?.networks],
        ['kindVolumes', plan?.volumes],
        ['kindImages', plan?.images],
      ] as const;
      const empty = plan && kinds.every(([, v]) => !v?.length);
      body = (
        <>
          <Text bold {...toneProps('accent')}>  {t(lang, 'resetTitle')}</Text>
          {!plan ? para(t(lang, 'resetPlanning'), 'muted') : empty ? para(t(lang, 'resetNothing')) : (
            <>
              {para(t(lang, 'resetWillRemove'))}
              {kinds
                .filter(([, v]) => v?.length)
                .map(([k, v]) => (
                  <Text key={k} wrap="truncate-end">
                    {'    '}
                    <Text {...toneProps('muted')}>{t(lang, k)}: </Text>
                    <Text>{v!.join(', ')}</Text>
                  </Text>
                ))}
            </>
          )}
          {para(t(lang, 'resetKeeps'), 'muted')}
          {overlay.busy ? para(t(lang, 'resetBusy'), 'warn') : null}
        </>
      );
      break;
    }
    case 'files':
      body = (
        <>
          <Text bold {...toneProps('accent')}>  {t(lang, 'filesTitle')}</Text>
          {overlay.files.map((f, i) => (
            <Text key={f} inverse={i === overlay.cursor}>
              {i === overlay.cursor ? '  > ' : '    '}
              {f}
            </Text>
          ))}
        </>
      );
      break;
  }
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden" paddingTop={1}>
      {body}
    </Box>
  );
}
