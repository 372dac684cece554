import type { CheatSheet } from '../../src/cheatsheet/types';

/**
 * A sheet of `n` entries made from the real ones with their words shuffled and renamed, so the
 * vocabulary grows like a larger real sheet would (for the 500-entry search benchmark).
 */
export function syntheticSheet(base: CheatSheet, n: number): CheatSheet {
  const entries = [];
  for (let i = 0; i < n; i++) {
    const e = base.entries[i % base.entries.length];
    const round = Math.floor(i / base.entries.length);
    const vary = (text: string) => (round ? text.replace(/\b([a-z]{4,})\b/g, (w, _m, at: number) => ((at + round) % 3 === 0 ? `${w}${round}` : w)) : text);
    entries.push({
      ...e,
      id: `${e.id}-${i}`,
      command: vary(e.command),
      description: { en: vary(e.description.en), ko: e.description.ko + (round ? ` ${round}` : '') },
      tags: [...e.tags.map(vary), `tag${i % 97}`],
    });
  }
  return { ...base, entries };
}
