import type { Args } from '../cli/args';
import { josa } from '../i18n/josa';
import { pickLang } from '../i18n/lang';
import { practisedLessons } from '../progress/practised';
import { paint, printJson, println } from '../cli/output';
import { loadCheatSheet } from '../cheatsheet/data';
import { fillFromState, wantsLiveState, type LiveState } from '../cheatsheet/fill';
import { formatHits, formatSheet, hitJson } from '../cheatsheet/format';
import { formatCheatProblem } from '../cheatsheet/problems';
import { buildCheatIndex, searchCheats } from '../cheatsheet/search';

/** How many matches a search prints unless --all. */
const SHOWN = 8;

/** What the command reads from elsewhere; tests and the app pass their own. */
export interface CheatDeps {
  /** Ids of the lessons the learner has completed: their commands are marked practised. */
  practised?: () => Promise<ReadonlySet<string>>;
  /**
   * Names on the learner's engine, to fill placeholders; null when no engine answers. Default:
   * asked of the engine when stdout is a terminal or with --json.
   */
  liveState?: () => Promise<LiveState | null>;
}

/**
 * `ctr-learn cheat <words>`: the best matches of a fuzzy search over commands, descriptions in
 * both languages, tags and lesson names. Without words: at a terminal the interactive search,
 * else (piped, --json) the whole sheet by section. Exit 1 when nothing matches (like grep).
 */
export async function run(args: Args, deps: CheatDeps = {}): Promise<number> {
  const lang = pickLang(args);
  const query = args.positionals.join(' ').trim();
  // No words at a terminal: the interactive search (the app, opened at its cheat sheet).
  if (!query && !args.flags.json && !args.flags.all && process.stdin.isTTY && process.stdout.isTTY) {
    const { runApp } = await import('../ui/run-app');
    return runApp(args, { start: 'cheat' });
  }
  const { sheet, problems, prebuilt } = await loadCheatSheet();
  for (const p of problems) process.stderr.write(`${formatCheatProblem(p)}\n`);
  if (problems.length) process.stderr.write('Your personal cheat sheet entries were left out until these are fixed.\n');
  const practised = deps.practised ? await deps.practised() : practisedLessons();

  if (!query) {
    if (args.flags.json) {
      printJson({ sections: sheet.sections, entries: searchCheats(buildCheatIndex(sheet, prebuilt), '', { practised }).map((h) => hitJson(h, sheet)) });
    } else {
      println(formatSheet(sheet, { lang, paint, practised }));
    }
    return 0;
  }

  const hits = searchCheats(buildCheatIndex(sheet, prebuilt), query, { practised, limit: args.flags.all ? undefined : SHOWN });
  if (!hits.length) {
    if (args.flags.json) printJson([]);
    else process.stderr.write(lang === 'ko' ? `"${query}"${josa(query, '와')} 맞는 항목이 없습니다. 더 짧은 단어나 영어/한국어로 찾아보세요.\n` : `Nothing in the cheat sheet matches "${query}". Try fewer letters, or the English or Korean word.\n`);
    return 1;
  }
  // Names from the engine are for a person at a terminal (and for --json); piped text stays the
  // same whatever runs, and skips the engine round trip (~15 ms with node:http's first request).
  const liveState = deps.liveState ?? (args.flags.json || process.stdout.isTTY ? engineState : null);
  const state = liveState && wantsLiveState(hits.map((h) => h.entry)) ? await liveState() : null;
  const filled = new Map<string, string>();
  if (state) for (const h of hits) {
    const f = fillFromState(h.entry, state);
    if (f) filled.set(h.entry.id, f);
  }
  if (args.flags.json) printJson(hits.map((h) => hitJson(h, sheet, filled.get(h.entry.id))));
  else println(formatHits(hits, sheet, { lang, paint, practised, filled }));
  return 0;
}


/** Loaded only when a hit has a placeholder the engine can fill. */
async function engineState(): Promise<LiveState | null> {
  const [{ EngineApi }, { resolveEndpoint }, { readLiveState }] = await Promise.all([
    import('../engine/api'),
    import('../engine/endpoint'),
    import('../cheatsheet/live-state'),
  ]);
  let api: InstanceType<typeof EngineApi>;
  try {
    api = new EngineApi(resolveEndpoint());
  } catch {
    return null;
  }
  try {
    return await readLiveState(api);
  } finally {
    api.close();
  }
}
