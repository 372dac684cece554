import { showTemplate } from '../../cheatsheet/template';
import type { CheatEntry } from '../../cheatsheet/types';
import type { AppState } from '../state/state';
import { lessonStatus } from '../state/state';

export interface CheatRow {
  entry: CheatEntry;
  /** The command as the learner would type it, placeholders shown as <name>. */
  command: string;
  description: string;
  practised: boolean;
}

const MAX_HITS = 50;
let memo: { index: unknown; query: string; lang: string; progress: unknown; rows: CheatRow[] } | null = null;

/** Search hits for the query (pure; the same inputs give the same rows, computed once). */
export function cheatHits(s: AppState, query: string): CheatRow[] {
  if (s.cheat.state !== 'ready') return [];
  const index = s.cheat.index;
  // (The progress too: a lesson done meanwhile marks its commands practised.)
  if (memo && memo.index === index && memo.query === query && memo.lang === s.lang && memo.progress === s.progress) return memo.rows;
  const practised = new Set(s.lessons.filter((l) => lessonStatus(s.progress, l).state === 'done').map((l) => l.id));
  const rows = index.search(query, { limit: MAX_HITS, practised }).map((h) => ({
    entry: h.entry,
    command: showTemplate(h.entry.command),
    description: h.entry.description[s.lang],
    practised: h.practised,
  }));
  memo = { index, query, lang: s.lang, progress: s.progress, rows };
  return rows;
}
