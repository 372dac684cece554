import { fromMarkdown, seg, type UiLine, type UiSeg } from '../components/Lines';
import { renderMarkdown, type MarkdownRender } from '../text/render-markdown';
import { displayWidth } from '../text/text';
import { colorEnabled, type Tone } from '../text/theme';
import { wrapColumns, wrapText } from '../text/wrap';

/** The pieces every pane's lines are made of: toned text wrapped between words, a lead with a hanging indent, inline Markdown. */

export const toneLines = (text: string, width: number, tone?: Tone, indent = '', extra: Omit<UiSeg, 'text' | 'tone'> = {}): UiLine[] =>
  wrapText(text, width, 'plain', indent).map((l) => l.map((s, i) => (i === 0 && indent ? seg(s.text) : seg(s.text, tone, extra))));

/**
 * A lead (a mark: ✔, ✘, -) then runs of text, wrapped between words under the text (a hanging
 * indent), each run keeping its tone.
 */
export function leadLines(lead: UiSeg[], runs: UiSeg[], width: number): UiLine[] {
  const leadWidth = lead.reduce((w, x) => w + displayWidth(x.text), 0);
  const out: UiLine[] = [];
  let line: UiLine = [...lead];
  let used = leadWidth;
  for (const run of runs) {
    for (const word of run.text.split(/(?<= )/)) {
      if (used + displayWidth(word.trimEnd()) > width && used > leadWidth) {
        out.push(line);
        line = [seg(' '.repeat(leadWidth))];
        used = leadWidth;
      }
      if (used === leadWidth && word.trim() === '') continue;
      for (const row of wrapColumns(word, width - leadWidth)) {
        if (used + displayWidth(row.trimEnd()) > width && used > leadWidth) {
          out.push(line);
          line = [seg(' '.repeat(leadWidth))];
          used = leadWidth;
        }
        line.push({ ...run, text: row });
        used += displayWidth(row);
      }
    }
  }
  out.push(line);
  return out;
}

const mdCache = new Map<string, UiLine[]>();

/**
 * Inline Markdown (hints use `code`) as screen lines, with the renderer the state holds (plain
 * wrapped lines before it has loaded); parsed once per text and width, not on every frame.
 */
export function mdLines(md: MarkdownRender | null, text: string, width: number, lead: UiSeg[] = []): UiLine[] {
  const leadWidth = lead.reduce((w, x) => w + displayWidth(x.text), 0);
  const plainCode = !colorEnabled();
  const key = `${width - leadWidth}|${plainCode}|${md !== null}|${text}`;
  let lines = mdCache.get(key);
  if (!lines) {
    lines = renderMarkdown(md, text, Math.max(10, width - leadWidth), { plainCode }).map(fromMarkdown);
    if (mdCache.size > 128) mdCache.clear();
    mdCache.set(key, lines);
  }
  return lines.map((l, i) => (i === 0 ? [...lead, ...l] : [seg(' '.repeat(leadWidth)), ...l]));
}
