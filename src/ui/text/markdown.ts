import MarkdownIt from 'markdown-it';

import { displayWidth, sliceColumns } from './text';
import { wrapSegments, type Line, type Segment, type SegStyle } from './wrap';

/**
 * Lesson Markdown → screen lines at a given width: headings, paragraphs, bold / emphasis /
 * inline code / links, bullet and numbered lists (nested), fenced code, tables, quotes, rules.
 * Pure and width-aware, so the lesson screen can scroll by lines and page exactly.
 * HTML (the `<!-- step: -->` markers) is dropped.
 */
const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
type Token = ReturnType<typeof md.parse>[number];

export interface MarkdownOptions {
  /** Without colour, inline code keeps its backticks so it still stands out. */
  plainCode?: boolean;
}

interface ListCtx {
  ordered: boolean;
  next: number;
}

export function markdownLines(src: string, width: number, opts: MarkdownOptions = {}): Line[] {
  const tokens = md.parse(src, {});
  const out: Line[] = [];
  const lists: ListCtx[] = [];
  let quote = 0;
  let marker: string | null = null;
  let tableRows: { cells: Segment[][]; header: boolean }[] | null = null;
  let row: Segment[][] | null = null;
  let inHead = false;

  const gap = () => {
    if (lists.length > 0 && out.length > 0 && !marker) return;
    if (out.length > 0 && out[out.length - 1].length > 0) out.push([]);
  };
  const indentText = () => '  '.repeat(Math.max(0, lists.length - 1)) + (quote ? '> '.repeat(quote) : '');
  const prefix = (): { first: Segment[]; rest: Segment[] } => {
    const base = indentText();
    if (marker !== null) {
      const m = marker;
      marker = null;
      return {
        first: [{ text: base, style: 'plain' }, { text: m, style: 'muted' }],
        rest: [{ text: base + ' '.repeat(displayWidth(m)), style: 'plain' }],
      };
    }
    const pad = lists.length > 0 ? base + '  ' : base;
    return { first: [{ text: pad, style: quote ? 'muted' : 'plain' }], rest: [{ text: pad, style: quote ? 'muted' : 'plain' }] };
  };

  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    switch (tok.type) {
      case 'heading_open': {
        gap();
        const inline = tokens[i + 1];
        const segs = inlineSegments(inline, opts).map((s) => ({ ...s, style: 'heading' as SegStyle }));
        const level = Number(tok.tag.slice(1));
        const lead: Segment[] = level >= 3 ? [{ text: '#'.repeat(level - 2) + ' ', style: 'heading' }] : [];
        out.push(...wrapSegments([...lead, ...segs], width));
        if (level === 1) out.push([{ text: '='.repeat(Math.min(width, Math.max(3, displayWidth(inline.content)))), style: 'muted' }]);
        i += 2;
        break;
      }
      case 'paragraph_open': {
        if (!tok.hidden || !marker) gap();
        const inline = tokens[i + 1];
        const { first, rest } = prefix();
        out.push(...wrapSegments(inlineSegments(inline, opts), width, first, rest));
        i += 2;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        if (lists.length === 0) gap();
        lists.push({ ordered: tok.type === 'ordered_list_open', next: Number(tok.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        if (lists.length === 0) out.push([]);
        break;
      case 'list_item_open': {
        const l = lists[lists.length - 1];
        marker = l.ordered ? `${l.next++}. ` : '- ';
        break;
      }
      case 'list_item_close':
        marker = null;
        break;
      case 'blockquote_open':
        gap();
        quote++;
        break;
      case 'blockquote_close':
        quote--;
        break;
      case 'fence':
      case 'code_block': {
        gap();
        const indent = '  '.repeat(lists.length) + '  ';
        const avail = Math.max(8, width - displayWidth(indent));
        // A long command is never cut mid-word: it is broken between words with a shell line
        // continuation (" \\" at the end, the rest indented), so a copied block still runs as one
        // command. Only a word longer than a whole line is cut, unmarked.
        for (const raw of tok.content.replace(/\n$/, '').split('\n')) {
          let rest = raw.replace(/\t/g, '    ');
          let cont = '';
          do {
            const room = avail - displayWidth(cont);
            let chunk = sliceColumns(rest, room) || rest.slice(0, 1);
            let mark = '';
            if (chunk.length < rest.length) {
              const space = sliceColumns(rest, room - 2).lastIndexOf(' ');
              if (space > 0) {
                chunk = rest.slice(0, space + 1);
                mark = '\\';
              }
            }
            out.push([{ text: indent + cont, style: 'plain' }, { text: chunk + mark, style: 'codeblock' }]);
            rest = rest.slice(chunk.length);
            if (mark) rest = rest.replace(/^ +/, '');
            cont = '  ';
          } while (rest.length > 0);
        }
        out.push([]);
        break;
      }
      case 'hr':
        gap();
        out.push([{ text: '-'.repeat(Math.min(width, 40)), style: 'muted' }]);
        break;
      case 'table_open':
        gap();
        tableRows = [];
        break;
      case 'thead_open':
        inHead = true;
        break;
      case 'thead_close':
        inHead = false;
        break;
      case 'tr_open':
        row = [];
        break;
      case 'tr_close':
        if (tableRows && row) tableRows.push({ cells: row, header: inHead });
        row = null;
        break;
      case 'th_open':
      case 'td_open': {
        const inline = tokens[i + 1];
        const segs = inline.type === 'inline' ? inlineSegments(inline, opts) : [];
        row?.push(tok.type === 'th_open' ? segs.map((s) => ({ ...s, style: 'th' as SegStyle })) : segs);
        if (inline.type === 'inline') i += 1;
        break;
      }
      case 'table_close':
        if (tableRows) out.push(...tableLines(tableRows, width - displayWidth(indentText())).map((l) => (indentText() ? [{ text: indentText(), style: 'plain' as SegStyle }, ...l] : l)));
        out.push([]);
        tableRows = null;
        break;
      default:
        break;
    }
  }
  while (out.length > 0 && out[out.length - 1].length === 0) out.pop();
  return out;
}

function inlineSegments(inline: Token, opts: MarkdownOptions): Segment[] {
  const segs: Segment[] = [];
  const stack: SegStyle[] = [];
  let href: string | null = null;
  const style = (): SegStyle => stack[stack.length - 1] ?? 'plain';
  for (const child of inline.children ?? []) {
    switch (child.type) {
      case 'text':
        segs.push({ text: child.content, style: style() });
        break;
      case 'code_inline':
        segs.push({ text: opts.plainCode ? `\`${child.content}\`` : child.content, style: 'code' });
        break;
      case 'strong_open':
        stack.push('bold');
        break;
      case 'em_open':
        stack.push('em');
        break;
      case 'link_open':
        stack.push('link');
        href = String(child.attrGet('href') ?? '') || null;
        break;
      case 'link_close': {
        stack.pop();
        const shown = segs[segs.length - 1]?.text;
        if (href && shown !== href) segs.push({ text: ` (${href})`, style: 'muted' });
        href = null;
        break;
      }
      case 'strong_close':
      case 'em_close':
        stack.pop();
        break;
      case 'softbreak':
        segs.push({ text: ' ', style: 'plain' });
        break;
      case 'hardbreak':
        segs.push({ text: '\n', style: 'plain' });
        break;
      case 'image':
        segs.push({ text: `[${child.content}]`, style: 'muted' });
        break;
      default:
        break;
    }
  }
  return segs;
}

/** A table as aligned columns (two spaces apart, a rule under the header); cells wrap in narrow terminals. */
function tableLines(rows: { cells: Segment[][]; header: boolean }[], width: number): Line[] {
  const cols = Math.max(0, ...rows.map((r) => r.cells.length));
  if (cols === 0) return [];
  const cellWidth = (c: Segment[] | undefined) => displayWidth((c ?? []).map((s) => s.text).join(''));
  const widths = Array.from({ length: cols }, (_, i) => Math.max(1, ...rows.map((r) => cellWidth(r.cells[i]))));
  const sep = 2;
  const total = () => widths.reduce((a, b) => a + b, 0) + sep * (cols - 1);
  while (total() > width) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest] <= 6) break;
    widths[widest]--;
  }
  const lines: Line[] = [];
  for (const r of rows) {
    const wrapped = widths.map((w, i) => wrapSegments(r.cells[i] ?? [], w));
    const height = Math.max(...wrapped.map((c) => c.length));
    for (let k = 0; k < height; k++) {
      const line: Line = [];
      widths.forEach((w, i) => {
        const cell = wrapped[i][k] ?? [];
        const used = cell.reduce((a, s) => a + displayWidth(s.text), 0);
        line.push(...cell);
        const pad = w - used + (i < cols - 1 ? sep : 0);
        if (pad > 0 && i < cols - 1) line.push({ text: ' '.repeat(pad), style: 'plain' });
      });
      lines.push(line);
    }
    if (r.header) lines.push([{ text: widths.map((w) => '-'.repeat(w)).join(' '.repeat(sep)), style: 'muted' }]);
  }
  return lines;
}
