/**
 * The part of a text that decided a verdict: the line (and its number) where a string or a
 * pattern was found, so "the page still contains TODO" shows where.
 */
export interface FoundLine {
  /** 1-based line number. */
  n: number;
  /** The line, quoted, shortened around the hit when it is very long. */
  quoted: string;
}

const WINDOW = 160;

function around(line: string, at: number, length: number): string {
  if (line.length <= WINDOW) return line;
  const start = Math.max(0, Math.min(at - 40, line.length - WINDOW));
  const end = Math.min(line.length, Math.max(start + WINDOW, at + length));
  return `${start > 0 ? '...' : ''}${line.slice(start, end)}${end < line.length ? '...' : ''}`;
}

/** The first line that contains `needle` (a string) or matches it (a pattern). */
export function findLine(text: string, needle: string | RegExp): FoundLine | null {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    const m = typeof needle === 'string' ? { index: line.indexOf(needle), length: needle.length } : (() => {
      const r = needle.exec(line);
      return r ? { index: r.index, length: r[0].length } : { index: -1, length: 0 };
    })();
    if (m.index >= 0) return { n: i + 1, quoted: JSON.stringify(around(line.trim() === line ? line : line.trim(), Math.max(0, m.index - (line.length - line.trimStart().length)), m.length)) };
  }
  return null;
}

/** The first line where two texts differ, as seen in `a`, with its number. */
export function firstDifference(a: string, b: string): { n: number; a: string; b: string } {
  const x = a.split('\n');
  const y = b.split('\n');
  let i = 0;
  while (i < x.length && i < y.length && x[i].trimEnd() === y[i].trimEnd()) i++;
  return { n: i + 1, a: JSON.stringify(around(x[i] ?? '', 0, 0)), b: JSON.stringify(around(y[i] ?? '', 0, 0)) };
}

/** The start of a text on one line, quoted: the whole of it when short. */
export function startOf(text: string, max = 80): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}...` : flat);
}
