import { Text, useCursor } from 'ink';
import type { Lang } from '../../lessons/schema';
import { promptWindow } from '../input/line-editor';
import type { LessonView } from '../state/state';
import { displayWidth, tf } from '../text/text';
import { toneProps } from '../text/theme';

/**
 * The command line, always where typed letters go in a lesson. The cursor is drawn as an inverse
 * cell (visible without colour); a line longer than the screen scrolls sideways to keep the cursor
 * in view, measuring only what is shown. A line given back to edit (refused) is dimmed: typing
 * replaces it. While a command runs, the empty line says so.
 *
 * The terminal's own cursor is put on the caret too (`row`: the prompt's row on the screen): an
 * input method (Hangul, kana) draws the syllable being composed at the terminal's cursor, which
 * would otherwise sit wherever the last frame ended.
 */
export function Prompt(props: { view: LessonView; lang: Lang; width: number; pasting?: number; placeholder?: string; row?: number }) {
  const { view, lang, width, pasting, placeholder, row } = props;
  const { setCursorPosition } = useCursor();
  const { text, cursor, recalled } = view.prompt;
  const w = promptWindow(text, cursor, Math.max(10, width - 3));
  // "$ " (or "< ") is two columns; the caret is the cell after what is typed before it.
  setCursorPosition(row === undefined || pasting !== undefined ? undefined : { x: 2 + displayWidth(w.before), y: row });
  if (pasting !== undefined) {
    return (
      <Text wrap="truncate-end" {...toneProps('muted')}>
        {tf(lang, 'input.pasting')}
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end">
      <Text {...toneProps('accent')} bold>
        {w.cutLeft ? '<' : '$'}{' '}
      </Text>
      <Text dimColor={recalled}>{w.before}</Text>
      <Text inverse>{w.at}</Text>
      <Text dimColor={recalled}>{w.after}</Text>
      {/* While a command runs the empty line says so (the status row above can be taken by a notice,
          e.g. a step passing while the command is still running). */}
      {text ? null : <Text {...toneProps('muted')}> {view.running ? tf(lang, 'input.placeholderRunning') : (placeholder ?? tf(lang, 'input.placeholder'))}</Text>}
    </Text>
  );
}
