import { displayWidth } from './text';

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
 * Runs that touch without a space form one word (`SIGKILL` + `.` moves as a whole). A word longer
 * than a line is cut across lines. "\n" in a run forces a break (hard break).
 */
export function wrapSegments(segments: Segment[], width: number, first: Segment[] = [], rest: Segment[] = first): Line[] {
  type Token = { kind: 'word'; parts: Segment[] } | { kind: 'space' } | { kind: 'break' };
  const tokens: Token[] = [];
  let word: Segment[] = [];
  const endWord = () => {
    if (word.length) tokens.push({ kind: 'word', parts: word });
    word = [];
  };
  for (const seg of segments) {
    for (const part of seg.text.split(/(\n| +)/)) {
      if (part === '') continue;
      if (part === '\n') (endWord(), tokens.push({ kind: 'break' }));
      else if (part.trim() === '') (endWord(), tokens.push({ kind: 'space' }));
      else word.push({ text: part, style: seg.style });
    }
  }
  endWord();

  const copy = (segs: Segment[]): Line => segs.map((x) => ({ ...x }));
  const lines: Line[] = [];
  let line: Line = copy(first);
  let used = lineWidth(first);
  const restWidth = lineWidth(rest);
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
  const room = () => width - used;

  for (const tok of tokens) {
    if (tok.kind === 'break') {
      newLine();
      continue;
    }
    if (tok.kind === 'space') {
      if (!empty) pendingSpace = true;
      continue;
    }
    const w = tok.parts.reduce((a, p) => a + displayWidth(p.text), 0);
    const space = pendingSpace ? 1 : 0;
    if (w + space > room() && !empty) newLine();
    else if (pendingSpace) put(' ', 'plain');
    pendingSpace = false;
    if (w <= room()) {
      for (const p of tok.parts) put(p.text, p.style);
      continue;
    }
    // Longer than a whole line: cut it, character by character, across lines.
    for (const p of tok.parts) {
      for (const ch of p.text) {
        const cw = displayWidth(ch);
        if (cw > room() && !empty) newLine();
        put(ch, p.style);
      }
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

/**
 * Cut a line into rows of `width` columns keeping every space, as a terminal wraps a program's
 * output: column-aligned output (`docker ps`, `docker images`) keeps its columns, row after row,
 * and nothing is hidden. Continuation rows start with `cont` (a muted mark, so a wrapped row is
 * not read as a new one).
 */
export function wrapColumns(text: string, width: number, cont = ''): string[] {
  const w = Math.max(4, width);
  if (displayWidth(text) <= w) return [text];
  const rows: string[] = [];
  let rest = text;
  let lead = '';
  while (rest.length > 0) {
    const room = w - displayWidth(lead);
    let chunk = '';
    let used = 0;
    for (const ch of rest) {
      const cw = displayWidth(ch);
      if (used + cw > room) break;
      chunk += ch;
      used += cw;
    }
    if (!chunk) chunk = [...rest][0];
    rows.push(lead + chunk);
    rest = rest.slice(chunk.length);
    lead = cont;
  }
  return rows;
}

/**
 * A shell command across rows that still copies as one command: broken only between words, never
 * inside quotes, an option kept with its value (`-v data:/data`), each broken row ending in ` \`.
 * `first` starts the first row (`$ `), `rest` the others (an indent). A single word longer than a
 * row is cut at the column (a copy of it needs the terminal's help; lesson commands have none).
 */
export function wrapCommand(command: string, width: number, first = '', rest = first): string[] {
  // Rows already continued with `\` are one command: laid out afresh.
  const line = command.replace(/\\\n\s*/g, ' ').trim();
  // Several lines without `\` (a script in quotes): left as they are, each wrapped at the column.
  if (line.includes('\n')) return line.split('\n').flatMap((l, i) => wrapColumns(`${i === 0 ? first : rest}${l}`, width, rest));
  const units = commandUnits(line);
  const rows: string[] = [];
  let row = first;
  let empty = true;
  units.forEach((unit, i) => {
    const tail = i === units.length - 1 ? 0 : 2;
    if (!empty && displayWidth(row) + 1 + displayWidth(unit) + tail > width) {
      rows.push(`${row} \\`);
      row = rest;
      empty = true;
    }
    if (empty && displayWidth(row) + displayWidth(unit) + tail > width) {
      // Too long for any row: cut at the column, the rest under the indent.
      const cut = wrapColumns(unit, Math.max(1, width - displayWidth(row)));
      rows.push(`${row}${cut[0]}`, ...cut.slice(1, -1).map((c) => `${rest}${c}`));
      row = cut.length > 1 ? `${rest}${cut[cut.length - 1]}` : rest;
      empty = cut.length <= 1;
      return;
    }
    row += empty ? unit : ` ${unit}`;
    empty = false;
  });
  if (!empty || rows.length === 0) rows.push(row);
  return rows;
}

/** The words of a command (quotes and escapes kept as typed), an option joined with the value after it. */
function commandUnits(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      word += ch;
      if (ch === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else if (ch === quote) quote = null;
    } else if (ch === '\\' && i + 1 < line.length) {
      word += ch + line[++i];
    } else if (ch === "'" || ch === '"') {
      word += ch;
      quote = ch;
    } else if (/\s/.test(ch)) {
      if (word) words.push(word);
      word = '';
    } else word += ch;
  }
  if (word) words.push(word);
  const units: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const next = words[i + 1];
    // `-v x`, `--name web`: an option and the word after it (unless that is an option too, or it says `=`).
    if (/^-{1,2}[A-Za-z]/.test(w) && !w.includes('=') && next !== undefined && !next.startsWith('-')) {
      units.push(`${w} ${next}`);
      i++;
    } else units.push(w);
  }
  return units;
}
