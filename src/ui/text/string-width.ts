import { eastAsianWidth } from 'get-east-asian-width';
import stripAnsi from 'strip-ansi';
import { NOT_PLAIN_PROPERTIES, PLAIN_RANGES } from './graphemes';

/**
 * Terminal columns of a string: the results of string-width 8.3 (which Ink measures every text
 * with), at a fraction of its start-up cost. The build gives this module to every package that
 * imports `string-width` (scripts/build.mjs), so the whole screen is measured one way.
 *
 * Why: string-width builds an Intl.Segmenter and a `\p{RGI_Emoji}` regex as it loads, and the
 * first emoji test compiles that regex: 50-60 ms of every start, for a screen of ASCII, Hangul
 * and a few symbols (✔ ∙ ▸). Here:
 *   - plain text (graphemes.ts: code points that are each a grapheme, plainly one or two
 *     columns wide) is measured code point by code point;
 *   - anything else takes string-width's own algorithm (below, adapted from string-width 8.3.0,
 *     MIT, (c) Sindre Sorhus), with the segmenter and regexes made on first use, and the RGI
 *     emoji regex consulted only for a cluster that could be one: every RGI emoji has an
 *     Emoji_Presentation code point or U+FE0F.
 * test/ui/string-width.test.ts checks both paths against string-width itself.
 */
export interface Options {
  /** Count East Asian ambiguous-width characters as 1 column (default) rather than 2. */
  readonly ambiguousIsNarrow?: boolean;
  /** Count ANSI escape codes instead of stripping them (default false). */
  readonly countAnsiEscapeCodes?: boolean;
}

/** A code point that is not plainly one grapheme of fixed width (controls included: zero width). */
const NOT_PLAIN = new RegExp(`[^${PLAIN_RANGES}]|[${NOT_PLAIN_PROPERTIES}]`, 'u');

export default function stringWidth(input: string, options: Options = {}): number {
  if (typeof input !== 'string' || input.length === 0) return 0;
  const { ambiguousIsNarrow = true, countAnsiEscapeCodes = false } = options;
  let string = input;
  if (!countAnsiEscapeCodes && (string.includes('\u001B') || string.includes('\u009B'))) string = stripAnsi(string);
  if (string.length === 0) return 0;
  if (/^[\u0020-\u007E]*$/.test(string)) return string.length;
  const eaw = { ambiguousAsWide: !ambiguousIsNarrow };
  if (!NOT_PLAIN.test(string)) {
    let width = 0;
    for (const ch of string) width += eastAsianWidth(ch.codePointAt(0)!, eaw);
    return width;
  }
  return clusterWidth(string, eaw);
}

// ---- string-width 8.3.0's algorithm, built lazily -------------------------------------------

interface Lazy {
  segmenter: Intl.Segmenter;
  /** A visible (printing) character: finds a cluster's base, or tells a zero-width cluster. */
  visible: RegExp;
  spacingMark: RegExp;
  rgiEmoji: RegExp | null;
}
let lazy: Lazy | null = null;
const made = (): Lazy =>
  (lazy ??= {
    segmenter: new Intl.Segmenter(),
    visible: /[^\p{Default_Ignorable_Code_Point}\p{Control}\p{Format}\p{Nonspacing_Mark}\p{Enclosing_Mark}\p{Surrogate}]/u,
    spacingMark: /\p{Spacing_Mark}/u,
    rgiEmoji: null,
  });

const COULD_BE_RGI = /[\p{Emoji_Presentation}\uFE0F]/u;
const UNQUALIFIED_KEYCAP = /^[\d#*]\u20E3$/;
const EXTENDED_PICTOGRAPHIC = /\p{Extended_Pictographic}/gu;

function isRgiEmoji(segment: string): boolean {
  if (!COULD_BE_RGI.test(segment)) return false;
  const l = made();
  // Built with the constructor: TypeScript's target does not know the v flag, Node 20 does.
  l.rgiEmoji ??= new RegExp('^\\p{RGI_Emoji}$', 'v');
  return l.rgiEmoji.test(segment);
}

/** Minimally-qualified or unqualified emoji sequences (no VS16) still draw two columns wide. */
function isDoubleWidthNonRgiEmojiSequence(segment: string): boolean {
  if (segment.length > 50) return false;
  if (UNQUALIFIED_KEYCAP.test(segment)) return true;
  if (segment.includes('\u200D')) {
    const pictographics = segment.match(EXTENDED_PICTOGRAPHIC);
    return pictographics !== null && pictographics.length >= 2;
  }
  return false;
}

const isLeadingJamo = (c: number | undefined) => c !== undefined && ((c >= 0x1100 && c <= 0x115f) || (c >= 0xa960 && c <= 0xa97c));
const isVowelJamo = (c: number | undefined) => c !== undefined && ((c >= 0x1160 && c <= 0x11a7) || (c >= 0xd7b0 && c <= 0xd7c6));
const isTrailingJamo = (c: number | undefined) => c !== undefined && ((c >= 0x11a8 && c <= 0x11ff) || (c >= 0xd7cb && c <= 0xd7fb));
const isJamo = (c: number) => isLeadingJamo(c) || isVowelJamo(c) || isTrailingJamo(c);

function hangulClusterWidth(visibleSegment: string, eaw: { ambiguousAsWide: boolean }): number | undefined {
  const { visible } = made();
  const codePoints: number[] = [];
  for (const ch of visibleSegment) if (visible.test(ch)) codePoints.push(ch.codePointAt(0)!);
  if (codePoints.length === 0) return undefined;
  let width = 0;
  for (let i = 0; i < codePoints.length; i++) {
    const c = codePoints[i];
    if (!isJamo(c)) {
      if (width === 0) return undefined;
      for (let rest = i; rest < codePoints.length; rest++) width += eastAsianWidth(codePoints[rest], eaw);
      return width;
    }
    // Modern Hangul L+V(+T) is one syllable block; unmatched jamo add up.
    if (isLeadingJamo(c) && isVowelJamo(codePoints[i + 1])) {
      width += 2;
      i += isTrailingJamo(codePoints[i + 2]) ? 2 : 1;
      continue;
    }
    width += eastAsianWidth(c, eaw);
  }
  return width;
}

function trailingWidth(visibleSegment: string, eaw: { ambiguousAsWide: boolean }): number {
  const { spacingMark } = made();
  let extra = 0;
  let first = true;
  for (const ch of visibleSegment) {
    if (first) {
      first = false;
      continue;
    }
    if (spacingMark.test(ch) || (ch >= '\uFF00' && ch <= '\uFFEF')) extra += eastAsianWidth(ch.codePointAt(0)!, eaw);
  }
  return extra;
}

function clusterWidth(string: string, eaw: { ambiguousAsWide: boolean }): number {
  const { segmenter, visible } = made();
  let width = 0;
  for (const { segment } of segmenter.segment(string)) {
    const index = segment.search(visible);
    if (index === -1) continue; // zero width: default-ignorable, controls, lone marks
    const visibleSegment = segment.slice(index);
    if (isRgiEmoji(segment) || isDoubleWidthNonRgiEmojiSequence(segment)) {
      width += 2;
      continue;
    }
    const hangul = hangulClusterWidth(visibleSegment, eaw);
    if (hangul !== undefined) {
      width += hangul;
      continue;
    }
    width += eastAsianWidth(visibleSegment.codePointAt(0)!, eaw);
    width += trailingWidth(visibleSegment, eaw);
  }
  return width;
}
