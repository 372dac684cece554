import { Box, Text } from 'ink';
import { displayWidth, sliceColumns } from '../text/text';
import { toneProps, type Tone } from '../text/theme';
import type { Line, SegStyle } from '../text/wrap';

/** A run of text on screen: a semantic tone plus emphasis that survives NO_COLOR. */
export interface UiSeg {
  text: string;
  tone?: Tone;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
}
export type UiLine = UiSeg[];

const MD_STYLE: Record<SegStyle, Omit<UiSeg, 'text'>> = {
  plain: {},
  bold: { bold: true },
  em: { italic: true },
  code: { tone: 'accent' },
  codeblock: { tone: 'accent' },
  heading: { bold: true },
  link: { underline: true },
  muted: { tone: 'muted' },
  th: { bold: true },
};

export const fromMarkdown = (line: Line): UiLine => line.map((s) => ({ text: s.text, ...MD_STYLE[s.style] }));

export const seg = (text: string, tone?: Tone, extra: Omit<UiSeg, 'text' | 'tone'> = {}): UiSeg => ({ text, tone, ...extra });

/**
 * Cut a line to `width` columns, marking the cut with "..." (Ink's own "…" is an East-Asian
 * ambiguous character, two columns wide in some CJK terminals, which would break the layout).
 */
export function truncateLine(line: UiLine, width: number): UiLine {
  const total = line.reduce((w, s) => w + displayWidth(s.text), 0);
  if (total <= width) return line;
  const out: UiLine = [];
  let room = Math.max(0, width - 3);
  for (const s of line) {
    if (room <= 0) break;
    const w = displayWidth(s.text);
    if (w <= room) {
      out.push(s);
      room -= w;
    } else {
      out.push({ ...s, text: sliceColumns(s.text, room) });
      room = 0;
    }
  }
  out.push({ text: '...', tone: 'muted' });
  return out;
}

export function LineView({ line, width }: { line: UiLine; width?: number }) {
  if (line.length === 0) return <Text> </Text>;
  const shown = width ? truncateLine(line, width) : line;
  return (
    <Text wrap="truncate-end">
      {shown.map((s, i) => (
        <Text key={i} {...toneProps(s.tone)} bold={s.bold} italic={s.italic} underline={s.underline} inverse={s.inverse}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}

/** Exactly `height` rows: the lines given, then blank rows. */
export function Lines({ lines, height, width }: { lines: UiLine[]; height: number; width: number }) {
  const shown = lines.slice(0, height);
  // Rows are already cut to the width (LineView): clipping only rows spares Ink slicing every
  // line it draws (~8 ms of the first frame).
  return (
    <Box flexDirection="column" height={height} width={width} overflowY="hidden">
      {shown.map((l, i) => (
        <LineView key={i} line={l} width={width} />
      ))}
    </Box>
  );
}
