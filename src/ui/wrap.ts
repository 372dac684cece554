import { displayWidth, sliceColumns } from './text';

/** How a run of text is drawn; the screen maps styles to semantic tones. */
export type SegStyle = 'plain' | 'bold' | 'em' | 'code' | 'heading' | 'link' | 'muted' | 'codeblock' | 'th';

export interface Segment {
  text: string;
  style: SegStyle;
}

/** One screen line: styled runs whose widths add up to at most the wrap width. */
export type Line = Segment[];

export const lineWidth = (line: Line): number => line.reduce((w, s) => w + displayWidth(s.text), 0);
export const lineText = (line: Line): string => line.map((s) => s.text).join('');

/**
 * Greedy word wrap of styled runs to `width` columns, measured with display width so Hangul (2
 * columns each) lines up. `first` prefixes the first line (a list marker), `rest` the others.
 * A word longer than a line is cut across lines. "\n" in a run forces a break (hard break).
 */
export function wrapSegments(segments: Segment[], width: number, first: Segment[] = [], rest: Segment[] = first): Line[] {
  const lines: Line[] = [];
  const copy = (segs: Segment[]): Line => segs.map((x) => ({ ...x }));
  let line: Line = copy(first);
  let used = lineWidth(first);
  let restWidth = lineWidth(rest);
  let pendingSpace = false;
  let empty = true;

  const newLine = () => {
    lines.push(line);
    line = copy(rest);
    used = restWidth;
    pendingSpace = false;
    empty = true;
  };
  const put = (text: string, style: SegStyle) => {
    const last = line[line.length - 1];
    if (last && last.style === style) last.text += text;
    else line.push({ text, style });
    used += displayWidth(text);
    empty = false;
  };
  const avail = () => Math.max(1, width - used);

  for (const seg of segments) {
    const parts = seg.text.split(/(\n| +)/);
    for (const part of parts) {
      if (part === '') continue;
      if (part === '\n') {
        newLine();
        continue;
      }
      if (part.trim() === '') {
        if (!empty) pendingSpace = true;
        continue;
      }
      let word = part;
      let w = displayWidth(word);
      const space = pendingSpace ? 1 : 0;
      if (w + space <= avail()) {
        if (pendingSpace) put(' ', 'plain');
        pendingSpace = false;
        put(word, seg.style);
        continue;
      }
      if (!empty) newLine();
      // Too long even for an empty line: cut it.
      while (w > avail()) {
        if (width - restWidth < 1) restWidth = 0;
        const chunk = sliceColumns(word, avail()) || [...word][0];
        put(chunk, seg.style);
        word = word.slice(chunk.length);
        w = displayWidth(word);
        newLine();
      }
      if (word) put(word, seg.style);
    }
  }
  if (!empty || lines.length === 0) lines.push(line);
  return lines;
}

/** Lines of plain text in one style, each wrapped. */
export function wrapText(text: string, width: number, style: SegStyle = 'plain', indent = ''): Line[] {
  const pre: Segment[] = indent ? [{ text: indent, style: 'plain' }] : [];
  return text.split('\n').flatMap((l) => wrapSegments([{ text: l, style }], width, pre));
}
