/**
 * Text made of code points that are each a grapheme of their own and plainly one or two columns
 * wide: Latin, Greek, Cyrillic, punctuation, symbols, CJK, Hangul syllables, fullwidth forms; no
 * marks, default-ignorables, emoji presentation, joiners or jamo (string-width.ts measures such
 * text code point by code point). A class body for a u-flag RegExp: cheap to build, unlike
 * Intl.Segmenter or a v-flag class.
 */
export const PLAIN_RANGES =
  '\\u0020-\\u007E\\u00A0-\\u02FF\\u0370-\\u052F\\u2010-\\u2027\\u2030-\\u205E\\u2070-\\u2BFF\\u3000-\\u30FF\\u3130-\\u318F\\u4E00-\\u9FFF\\uAC00-\\uD7A3\\uFF01-\\uFF60\\uFFE0-\\uFFE6';
export const NOT_PLAIN_PROPERTIES = '\\p{M}\\p{Default_Ignorable_Code_Point}\\p{Emoji_Presentation}';

/**
 * Not every code point its own grapheme: outside the plain ranges and the controls (each control
 * is a grapheme, UAX #29 GB4/GB5) but CR, which joins a following LF (GB3).
 */
const NOT_ONE_GRAPHEME_EACH = new RegExp(`[^\\u0000-\\u000C\\u000E-\\u009F${PLAIN_RANGES}]|[${NOT_PLAIN_PROPERTIES}]`, 'u');

interface SegmentData {
  segment: string;
  index: number;
  input: string;
}

interface GraphemeSegments extends Iterable<SegmentData> {
  containing(index?: number): SegmentData | undefined;
}

/**
 * A grapheme segmenter for Ink's text tokenizers (@alcalzone/ansi-tokenize, slice-ansi): the
 * build gives them this instead of the `new Intl.Segmenter()` they make as they load
 * (scripts/build.mjs). The first Intl object of a process costs ~10 ms (ICU starts up), and Ink
 * tokenizes every line it draws. Text whose code points are each a grapheme is segmented by code
 * point, exactly as Intl.Segmenter would (test/ui/graphemes.test.ts); anything else goes to an
 * Intl.Segmenter made on first need.
 */
export function graphemeSegmenter(): { segment(input: string): GraphemeSegments } {
  let intl: Intl.Segmenter | null = null;
  return {
    segment(input: string): GraphemeSegments {
      if (NOT_ONE_GRAPHEME_EACH.test(input)) return (intl ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(input);
      return byCodeUnit(input);
    },
  };
}

/** Segments of text whose every code unit is a grapheme (the plain ranges are all in the BMP). */
function byCodeUnit(input: string): GraphemeSegments {
  const at = (index: number): SegmentData => ({ segment: input[index], index, input });
  return {
    *[Symbol.iterator]() {
      for (let i = 0; i < input.length; i++) yield at(i);
    },
    containing(index = 0) {
      const n = Number(index);
      const i = Number.isNaN(n) ? 0 : Math.trunc(n);
      return i >= 0 && i < input.length ? at(i) : undefined;
    },
  };
}
