import { describe, expect, it } from 'vitest';
import { graphemeSegmenter } from '../../../src/ui/text/graphemes';

/**
 * The build gives Ink's text tokenizers graphemeSegmenter instead of an Intl.Segmenter, so it
 * must segment exactly as Intl.Segmenter does: the segments in order, and containing(i).
 */
const intl = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const ours = graphemeSegmenter();
const shape = (s: { segment: string; index: number } | undefined) => (s ? `${s.index}:${JSON.stringify(s.segment)}` : '-');

function differences(strings: Iterable<string>): string[] {
  const out: string[] = [];
  for (const s of strings) {
    const want = [...intl.segment(s)].map(shape).join(' ');
    const got = [...ours.segment(s)].map(shape).join(' ');
    if (got !== want) out.push(`${JSON.stringify(s)}: ${got}, want ${want}`);
    const a = intl.segment(s);
    const b = ours.segment(s);
    for (let i = -1; i <= s.length; i++) {
      if (shape(a.containing(i)) !== shape(b.containing(i))) out.push(`${JSON.stringify(s)} containing(${i}): ${shape(b.containing(i))}, want ${shape(a.containing(i))}`);
    }
    if (out.length > 20) break;
  }
  return out;
}

describe('graphemeSegmenter segments like Intl.Segmenter', () => {
  it('every BMP code point, twice, and beside ASCII, an ANSI code, Hangul; and beside CR LF', () => {
    const all: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) if (cp < 0xd800 || cp > 0xdfff) all.push(String.fromCharCode(cp));
    // (A CR anywhere sends a line to Intl.Segmenter: the first kind of line is what the fast path sees.)
    expect(differences(all.map((c) => `${c}${c}a\x1b[1m${c}한${c}`))).toEqual([]);
    expect(differences(all.map((c) => `${c}\r\n${c}\r${c}`))).toEqual([]);
  });

  it('screen lines: ANSI codes, Hangul, symbols, emoji, marks, jamo, CR LF, surrogate pairs', () => {
    expect(
      differences([
        '', 'plain ascii', '\x1b[32m✔\x1b[39m \x1b[2m∙\x1b[22m 데모 레슨', '\x1b]8;;https://example.com\x07link\x1b]8;;\x07', 'a\r\nb', 'a\rb', 'a\nb',
        'e\u0301', '\u1100\u1161\u11A8', '👨‍👩‍👧‍👦 🇰🇷 ✔️ 1️⃣', '𠀀𠀁', '\uD800x', 'x\uDC00', 'ｶﾞ', 'क्षि', '\u0D4Ex', '\u00ADsoft', '\u200Bzw',
      ]),
    ).toEqual([]);
  });

  it('random lines of all of the above', () => {
    const pool = [...'abc xyz-=[]\x1b\x07\r\n\t✔∙▸✘—“”…→한글데모ｶﾞ', '\u0301', '\u200D', '\uFE0F', '\u1100', '\u1161', '🐳', '🇰', '🇷', '\u{1F3FB}', '\x1b[31m', '\x1b[0m'];
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const lines = Array.from({ length: 3000 }, () => Array.from({ length: 1 + Math.floor(random() * 12) }, () => pool[Math.floor(random() * pool.length)]).join(''));
    expect(differences(lines)).toEqual([]);
  });
});
