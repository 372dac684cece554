import { describe, expect, it } from 'vitest';
import { markdownLines } from '../../../src/ui/text/markdown';
import { displayWidth } from '../../../src/ui/text/text';
import { lineText, lineWidth, wrapSegments } from '../../../src/ui/text/wrap';

const text = (md: string, width = 60) => markdownLines(md, width).map(lineText);
const styles = (md: string) => markdownLines(md, 60).flatMap((l) => l.map((s) => `${s.style}:${s.text}`));

describe('markdown to screen lines', () => {
  it('renders headings, paragraphs, bold and inline code as styled runs', () => {
    expect(text('# Title\n\nSome **bold** and `code`.')).toEqual(['Title', '=====', '', 'Some bold and code.']);
    expect(styles('Some **bold** and `code`.')).toEqual(['plain:Some ', 'bold:bold', 'plain: and ', 'code:code', 'plain:.']);
    expect(markdownLines('## Sub', 60)[0]).toEqual([{ text: 'Sub', style: 'heading' }]);
  });

  it('keeps backticks on inline code without colour', () => {
    expect(text('Run `docker ps`.', 60)).toEqual(['Run docker ps.']);
    expect(markdownLines('Run `docker ps`.', 60, { plainCode: true }).map(lineText)).toEqual(['Run `docker ps`.']);
  });

  it('renders bullet and numbered lists with hanging indents', () => {
    expect(text('- one two three four five six\n- b', 16)).toEqual(['- one two three', '  four five six', '- b']);
    expect(text('3. first\n4. second')).toEqual(['3. first', '4. second']);
    expect(text('- outer\n  - inner')).toEqual(['- outer', '  - inner']);
  });

  it('renders fenced code indented, breaking long commands between words with a shell continuation', () => {
    const command = 'docker run -d --name web -p 8080:80 ctr-learn/web:1';
    const lines = text('```sh\n' + command + '\n```', 30);
    expect(lines[0]).toBe('  docker run -d --name web \\');
    expect(lines.slice(1).every((l) => l.startsWith('    '))).toBe(true);
    expect(lines.every((l) => displayWidth(l) <= 30)).toBe(true);
    // Copied as shown, the lines are one shell command again: every break is " \\" + newline.
    const copied = lines.filter((l) => l.trim()).map((l) => l.trim()).join('\n');
    expect(copied.replace(/ \\\n/g, ' ')).toBe(command);
    expect(lines.slice(0, -1).filter((l) => l.trim()).every((l) => l.endsWith(' \\'))).toBe(true);
    expect(markdownLines('```\nx\n```', 30)[0][1].style).toBe('codeblock');
  });

  it('renders tables as aligned columns with a rule under the header', () => {
    const lines = text('| option | what it does |\n|---|---|\n| `-d` | detach |\n| `--name NAME` | a name |');
    expect(lines).toEqual(['option       what it does', '-----------  ------------', '-d           detach', '--name NAME  a name']);
  });

  it('aligns Hangul by display width (2 columns per syllable)', () => {
    const lines = markdownLines('| 옵션 | 하는 일 |\n|---|---|\n| `-d` | 백그라운드 |\n| `--name` | 이름 |', 60);
    // Every row but the rule under the header (the rows themselves start with `-d`, `--name`).
    const secondColumn = lines.filter((l) => !/^-+(\s+-+)*$/.test(lineText(l).trim())).map((l) => displayWidth(lineText(l)) - displayWidth(lineText(l).trimStart().split(/\s{2,}/)[1] ?? ''));
    expect(new Set(secondColumn).size).toBe(1);
  });

  it('wraps cells of a table that is wider than the screen', () => {
    const lines = markdownLines('| a | b |\n|---|---|\n| short | a very long description that cannot fit on one narrow line |', 30);
    expect(lines.every((l) => lineWidth(l) <= 30)).toBe(true);
    expect(lines.map(lineText).join(' ')).toContain('narrow');
  });

  it('never makes a line wider than the width, in English or Korean', () => {
    const md = '# 제목\n\n컨테이너는 **자기만의** 네트워크를 가져요. `-p 호스트:컨테이너` 로 포트를 공개해요. averyveryverylongwordwithoutanyspaces'.repeat(3);
    for (const width of [20, 33, 60]) {
      for (const l of markdownLines(md, width)) expect(lineWidth(l)).toBeLessThanOrEqual(width);
    }
  });

  it('moves runs that touch (a bold word and its full stop) together, at every width', () => {
    const md = '2. If it is still running after the grace period (`-t`, 10 s), Docker sends **SIGKILL**. Then `exit`, **done**: `ok`.';
    for (let width = 10; width <= 90; width++) {
      const lines = markdownLines(md, width);
      for (const l of lines) expect(lineWidth(l), `width ${width}: ${lineText(l)}`).toBeLessThanOrEqual(width);
      // Once a line has room for it (3 columns of list marker + 8), the word is never split.
      if (width >= 11) expect(lines.map(lineText).join(' ')).toMatch(/SIGKILL\./);
    }
  });

  it('drops HTML comments (the step markers)', () => {
    expect(text('Before\n\n<!-- step: x -->\n\nAfter')).toEqual(['Before', '', 'After']);
  });
});

describe('wrapSegments', () => {
  it('does not share a prefix between lines (no run-together text)', () => {
    const lines = wrapSegments([{ text: 'aaa bbb ccc ddd', style: 'plain' }], 9, [{ text: '- ', style: 'muted' }], [{ text: '  ', style: 'plain' }]);
    expect(lines.map(lineText)).toEqual(['- aaa bbb', '  ccc ddd']);
  });
});
