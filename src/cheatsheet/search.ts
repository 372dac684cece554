import Fuse from 'fuse.js';
import type { CheatEntry, CheatSheet } from './types';
import { PLACEHOLDER } from './template';

/**
 * Search built for typing: an inverted index from words to entries, so a keystroke costs a scan
 * of the vocabulary (a few thousand short words), not of every entry's text. Fuse.js runs over the
 * vocabulary only, to forgive typos ("stp" finds stop).
 */
export interface CheatIndex {
  readonly sheet: CheatSheet;
  readonly entries: readonly CheatEntry[];
  /** Every distinct word, and for each the entries it occurs in with the weight of the field. */
  readonly vocabulary: readonly string[];
  readonly postings: ReadonlyMap<string, ReadonlyMap<number, number>>;
  /** Made on first use (only a query word that matches nothing as typed needs it). */
  readonly fuzzy: Fuse<string>;
  /** Literal words of each command (not placeholders): an entry whose command the query covers more ranks first. */
  readonly commandWords: readonly number[];
  /**
   * searchCheats over this index. The app reaches search through the index it was handed, so
   * this module (and Fuse.js) loads with the sheet, after the first frame, not before it.
   */
  search(query: string, opts?: SearchOptions): CheatHit[];
}

/**
 * The index of a sheet's first `entries` entries as JSON data, so that the build can make it once
 * (`ctr-learn cheat` then starts without tokenising every entry).
 */
export interface PrebuiltIndex {
  entries: number;
  /** word → flat [entry, weight × 100, entry, weight × 100, …] */
  postings: Record<string, number[]>;
  commandWords: number[];
}

export interface CheatHit {
  entry: CheatEntry;
  /** Higher is better: the sum over the query's words of how well each matched (0–1 each). */
  score: number;
  /** The learner has practised it: one of its lessons is among the practised ones. */
  practised: boolean;
}

export interface SearchOptions {
  /** At most this many hits (default: all). */
  limit?: number;
  /** Ids of lessons the learner has completed, to mark entries as practised. */
  practised?: ReadonlySet<string>;
}

/** How much a word counts by where it occurs. */
const FIELD = { command: 1, tags: 0.9, placeholder: 0.75, description: 0.7, lessons: 0.6, section: 0.5 } as const;

/** Lower-case words; flags also count without their dashes, and hyphenated ids by their parts. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[\s,.;:()[\]{}<>"'`|=/…—·]+/)) {
    if (!raw) continue;
    out.push(raw);
    const bare = raw.replace(/^-+/, '');
    if (bare && bare !== raw) out.push(bare);
    if (bare.includes('-')) out.push(...bare.split('-').filter(Boolean));
  }
  return out;
}

/**
 * Build the index once per sheet; every keystroke then only searches. `prebuilt` (from the
 * compiled sheet) covers the first entries; the rest (a learner's own) are indexed here.
 */
export function buildCheatIndex(sheet: CheatSheet, prebuilt?: PrebuiltIndex): CheatIndex {
  const postings = new Map<string, Map<number, number>>();
  const commandWords: number[] = [];
  let from = 0;
  if (prebuilt && prebuilt.entries <= sheet.entries.length) {
    for (const word in prebuilt.postings) {
      const flat = prebuilt.postings[word];
      const p = new Map<number, number>();
      for (let k = 0; k < flat.length; k += 2) p.set(flat[k], flat[k + 1] / 100);
      postings.set(word, p);
    }
    commandWords.push(...prebuilt.commandWords);
    from = prebuilt.entries;
  }
  const add = (text: string, entry: number, weight: number) => {
    for (const w of words(text)) {
      let p = postings.get(w);
      if (!p) postings.set(w, (p = new Map()));
      if ((p.get(entry) ?? 0) < weight) p.set(entry, weight);
    }
  };
  const sectionTitle = new Map(sheet.sections.map((s) => [s.id, `${s.title.en} ${s.title.ko}`]));
  for (let i = from; i < sheet.entries.length; i++) {
    const e = sheet.entries[i];
    const literal = e.command.replace(PLACEHOLDER, ' ');
    add(literal, i, FIELD.command);
    commandWords.push(new Set(words(literal)).size);
    add([...e.command.matchAll(PLACEHOLDER)].map((m) => m[1]).join(' '), i, FIELD.placeholder);
    add(e.tags.join(' '), i, FIELD.tags);
    add(`${e.description.en} ${e.description.ko}`, i, FIELD.description);
    for (const id of e.lessons) {
      const t = sheet.lessonTitles[id];
      add(t ? `${id} ${t.en} ${t.ko}` : id, i, FIELD.lessons);
    }
    add(sectionTitle.get(e.section) ?? e.section, i, FIELD.section);
  }
  const vocabulary = [...postings.keys()];
  let fuzzy: Fuse<string> | undefined;
  const index: CheatIndex = {
    sheet,
    entries: sheet.entries,
    vocabulary,
    postings,
    // Near the start of a word only: a typo of a word, not a fragment inside another one.
    get fuzzy() {
      return (fuzzy ??= new Fuse(vocabulary, { includeScore: true, threshold: 0.4, location: 0, distance: 4 }));
    },
    commandWords,
    search: (query, opts) => searchCheats(index, query, opts),
  };
  return index;
}

/** The index as JSON data for the compiled sheet (see PrebuiltIndex). */
export function prebuildIndex(index: CheatIndex): PrebuiltIndex {
  const postings: Record<string, number[]> = {};
  for (const [word, p] of index.postings) postings[word] = [...p].flatMap(([entry, weight]) => [entry, Math.round(weight * 100)]);
  return { entries: index.entries.length, postings, commandWords: [...index.commandWords] };
}

/** How well a query word matches a vocabulary word (0 = not at all). */
function closeness(query: string, word: string): number {
  if (word === query) return 1;
  if (word.startsWith(query)) return 0.7 + 0.25 * (query.length / word.length);
  // Inside a word: Korean words carry particles and compounds (포트포워딩); short Latin
  // fragments match too much by chance ("stp" in hostport).
  if ((query.length >= 4 || (query.length >= 2 && /[^\x00-\x7f]/.test(query))) && word.includes(query)) return 0.5;
  return 0;
}

/**
 * Every word of the query must match somewhere in the entry (each word may match a different
 * field, in either language), so adding a word narrows the results. The last word may be
 * half-typed: prefixes count. An empty query returns every entry in sheet order.
 */
export function searchCheats(index: CheatIndex, query: string, opts: SearchOptions = {}): CheatHit[] {
  const practised = (e: CheatEntry) => !!opts.practised && e.lessons.some((l) => opts.practised!.has(l));
  const rawTerms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!rawTerms.length) {
    const all = index.entries.map((entry) => ({ entry, score: 0, practised: practised(entry) }));
    return opts.limit === undefined ? all : all.slice(0, opts.limit);
  }
  let total: Map<number, number> | null = null;
  const covered = new Map<number, number>();
  for (const term of rawTerms) {
    // "--network" also means "network"; "run-options" stays whole (its parts would match too much).
    const bare = term.replace(/^-+/, '');
    const best = new Map<number, number>();
    const inCommand = new Set<number>();
    for (const alt of bare && bare !== term ? [term, bare] : [term]) scoreTerm(index, alt, best, inCommand);
    for (const i of inCommand) covered.set(i, (covered.get(i) ?? 0) + 1);
    const next = new Map<number, number>();
    for (const [i, s] of best) if (!total || total.has(i)) next.set(i, (total?.get(i) ?? 0) + s);
    total = next;
    if (!total.size) break;
  }
  // Among equal matches, the entry whose command the query covers more (docker stop over docker stop -t).
  // A Dockerfile instruction that is also a docker subcommand (RUN and `docker run`) gets that
  // only when typed in capitals: "run" means `docker run` first, "RUN" the instruction.
  const capitals = new Set(query.split(/\s+/).filter((w) => /^[A-Z]+$/.test(w)));
  const cover = (i: number) => {
    const keyword = /^[A-Z]+(?=\s|$)/.exec(index.entries[i].command)?.[0];
    if (keyword && !capitals.has(keyword) && subcommandsOf(index).has(keyword.toLowerCase())) return 0;
    return 0.1 * ((covered.get(i) ?? 0) / Math.max(1, index.commandWords[i]));
  };
  const hits = [...total!].map(([i, score]) => ({ i, score: score + cover(i) }));
  hits.sort((a, b) => b.score - a.score || a.i - b.i);
  return hits.slice(0, opts.limit ?? hits.length).map(({ i, score }) => ({ entry: index.entries[i], score, practised: practised(index.entries[i]) }));
}

const subcommands = new WeakMap<CheatIndex, Set<string>>();
/** The docker subcommands of the sheet's commands (`docker run …` → run), once per index. */
function subcommandsOf(index: CheatIndex): Set<string> {
  let set = subcommands.get(index);
  if (!set) {
    set = new Set(index.entries.flatMap((e) => /^docker ([a-z][a-z-]*)/.exec(e.command)?.[1] ?? []));
    subcommands.set(index, set);
  }
  return set;
}

/** Add to `best` (entry → score) every entry one query word reaches; note those it reaches by a command word. */
function scoreTerm(index: CheatIndex, term: string, best: Map<number, number>, inCommand: Set<number>) {
  const reach = (word: string, closenessScore: number) => {
    for (const [i, weight] of index.postings.get(word)!) {
      const s = closenessScore * weight;
      if ((best.get(i) ?? 0) < s) best.set(i, s);
      if (weight === FIELD.command) inCommand.add(i);
    }
  };
  let found = false;
  for (const word of index.vocabulary) {
    const c = closeness(term, word);
    if (c > 0) {
      reach(word, c);
      found = true;
    }
  }
  // Typos: only when the word is long enough to mean something and nothing matched as typed.
  if (!found && term.length >= 3) {
    for (const r of index.fuzzy.search(term, { limit: 8 })) reach(r.item, 0.45 * (1 - (r.score ?? 1)));
  }
}
