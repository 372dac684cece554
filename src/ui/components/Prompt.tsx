import { Text } from 'ink';
import type { Lang } from '../../lessons/schema';
import { promptWindow } from '../line-editor';
import type { LessonView } from '../state';
import { tf } from '../text';
import { toneProps } from '../theme';

/**
 * The command line, always where typed letters go in a lesson. The cursor is drawn as an inverse
 * cell (visible without colour); a line longer than the screen scrolls sideways to keep the cursor
 * in view, measuring only what is shown. A line given back to edit (refused) is dimmed: typing
 * replaces it.
 */
export function Prompt({ view, lang, width, pasting, placeholder }: { view: LessonView; lang: Lang; width: number; pasting?: number; placeholder?: string }) {
  if (pasting !== undefined) {
    return (
      <Text wrap="truncate-end" {...toneProps('muted')}>
        {tf(lang, 'input.pasting')}
      </Text>
    );
  }
  const { text, cursor, recalled } = view.prompt;
  const w = promptWindow(text, cursor, Math.max(10, width - 3));
  return (
    <Text wrap="truncate-end">
      <Text {...toneProps('accent')} bold>
        {w.cutLeft ? '<' : '$'}{' '}
      </Text>
      <Text dimColor={recalled}>{w.before}</Text>
      <Text inverse>{w.at}</Text>
      <Text dimColor={recalled}>{w.after}</Text>
      {text ? null : <Text {...toneProps('muted')}> {placeholder ?? tf(lang, 'input.placeholder')}</Text>}
    </Text>
  );
}
