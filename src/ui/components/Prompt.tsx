import { Text } from 'ink';
import { t } from '../../i18n/strings';
import type { Lang } from '../../lessons/schema';
import type { LessonView } from '../state';
import { displayWidth } from '../text';
import { toneProps } from '../theme';

/**
 * The command line. The cursor is drawn as an inverse cell (visible without colour); a line
 * longer than the screen scrolls sideways to keep the cursor in view.
 */
export function Prompt({ view, lang, width }: { view: LessonView; lang: Lang; width: number }) {
  if (view.focus !== 'prompt') {
    return (
      <Text wrap="truncate-end">
        <Text {...toneProps('muted')}>$ {t(lang, 'promptNav')}</Text>
      </Text>
    );
  }
  const { text, cursor } = view.prompt;
  const room = Math.max(10, width - 3);
  let before = text.slice(0, cursor);
  const at = [...text.slice(cursor)][0] ?? ' ';
  let after = text.slice(cursor + (at === ' ' && cursor >= text.length ? 0 : at.length));
  while (displayWidth(before) + displayWidth(at) > room) before = [...before].slice(1).join('');
  while (displayWidth(before) + displayWidth(at) + displayWidth(after) > room && after) after = [...after].slice(0, -1).join('');
  const cut = before.length < cursor;
  return (
    <Text wrap="truncate-end">
      <Text {...toneProps('accent')} bold>
        {cut ? '<' : '$'}{' '}
      </Text>
      <Text>{before}</Text>
      <Text inverse>{at}</Text>
      <Text>{after}</Text>
    </Text>
  );
}
