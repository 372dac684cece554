import realStringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import stringWidth from '../../../src/ui/text/string-width';

/**
 * src/ui/text/string-width.ts replaces string-width in the bundle (for Ink too), so it must give the
 * very same widths. The reference is the string-width package itself (Ink's dependency).
 */
const OPTIONS = [{}, { ambiguousIsNarrow: false }];

function differences(strings: Iterable<string>): string[] {
  const out: string[] = [];
  for (const s of strings) {
    for (const o of OPTIONS) {
      const want = realStringWidth(s, o);
      const got = stringWidth(s, o);
      if (got !== want) out.push(`${JSON.stringify(s)} ${[...s].map((c) => c.codePointAt(0)!.toString(16)).join(' ')} ${JSON.stringify(o)}: ${got}, want ${want}`);
    }
  }
  return out.slice(0, 20);
}

const codePoints = (from: number, to: number, keep: (s: string) => boolean) => {
  const out: string[] = [];
  for (let cp = from; cp <= to; cp++) if (keep(String.fromCodePoint(cp))) out.push(String.fromCodePoint(cp));
  return out;
};

describe('the same widths as string-width', () => {
  it('every BMP code point, alone and between Hangul and ASCII', () => {
    const all = codePoints(0, 0xffff, (s) => !/\p{Surrogate}/u.test(s));
    expect(differences(all)).toEqual([]);
    expect(differences(all.map((c) => `한${c}a${c}${c}`))).toEqual([]);
  });

  it('emoji: alone, with VS15/VS16, skin tones, ZWJ, keycaps, flags, tags', () => {
    const emoji = codePoints(0, 0x10ffff, (s) => /\p{Emoji}/u.test(s));
    const strings = emoji.flatMap((e) => [e, `${e}\uFE0F`, `${e}\uFE0E`, `a${e}\uFE0Fb`, `${e}\u{1F3FD}`, `${e}\u200D\u{1F525}`]);
    for (const k of '0123456789#*') strings.push(`${k}\uFE0F\u20E3`, `${k}\u20E3`);
    for (let a = 0x1f1e6; a <= 0x1f1ff; a++) for (let b = 0x1f1e6; b <= 0x1f1ff; b += 5) strings.push(String.fromCodePoint(a, b));
    strings.push('👨‍👩‍👧‍👦', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '🧑🏽‍🚀', '👁️‍🗨️', '❤️‍🔥', '🏃‍➡️', '🐳 docker');
    expect(differences(strings)).toEqual([]);
  });

  it('marks, jamo, controls, ANSI codes, halfwidth forms, supplementary planes', () => {
    const strings = [
      'e\u0301', '\u1100\u1161\u11A8', '\u1100\u1100\u1161', '\u1161', 'ｶﾞ', 'ﾞ', 'क्षि', '\u0D4Ex', 'a\tb\nc', '\u00AD', '\u200B', '\u200D',
      '\x1b[31m한글 ✔\x1b[0m', '\x1b]8;;https://example.com\x07link\x1b]8;;\x07', '𠀀𠀁', '\u{1D11E}', '\u{E0041}', '\uD800',
    ];
    expect(differences(strings)).toEqual([]);
    expect(stringWidth('\x1b[31mab\x1b[0m', { countAnsiEscapeCodes: true })).toBe(realStringWidth('\x1b[31mab\x1b[0m', { countAnsiEscapeCodes: true }));
  });

  it('random strings of everything above', () => {
    const pool = [
      ...codePoints(0x20, 0x2ff, () => true), ...'한글데모레슨진행✔∙▸✘—“”…→', ...codePoints(0x1f300, 0x1f3ff, () => true),
      '\u200D', '\uFE0F', '\u0301', '\u1100', '\u1161', '\u11A8', '\u{1F3FB}', '\u{1F1F0}', '\x1b[1m', '\t', '\u00AD', 'ﾞ', 'ｶ',
    ];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const strings = Array.from({ length: 4000 }, () => Array.from({ length: 1 + Math.floor(random() * 8) }, () => pool[Math.floor(random() * pool.length)]).join(''));
    expect(differences(strings)).toEqual([]);
  });
});
