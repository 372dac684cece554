import { Box, Text } from 'ink';
import { toneProps, type Tone } from '../theme';
import type { Line, SegStyle } from '../wrap';

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

export function LineView({ line }: { line: UiLine }) {
  if (line.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {line.map((s, i) => (
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
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {shown.map((l, i) => (
        <LineView key={i} line={l} />
      ))}
    </Box>
  );
}
