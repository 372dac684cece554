/**
 * The cheat sheet for screens and commands: load, search, show. Nothing here loads yaml or zod
 * (the linter and the YAML reader are imported on demand), so importing it is cheap.
 *
 *   const { sheet, prebuilt, problems } = await loadCheatSheet();
 *   const index = buildCheatIndex(sheet, prebuilt);          // once
 *   const hits = searchCheats(index, query, { limit: 20, practised });   // every keystroke, < 1 ms
 */
export { loadCheatSheet, personalSheetPath, type LoadedSheet, type LoadSheetOptions } from './data';
export { buildCheatIndex, searchCheats, type CheatHit, type CheatIndex, type PrebuiltIndex, type SearchOptions } from './search';
export { exampleValues, fillFromState, wantsLiveState, type LiveState } from './fill';
export { readLiveState } from './live-state';
export { formatEntry, formatHits, formatSheet, hitJson, type FormatOptions } from './format';
export { exampleLine } from './instantiate';
export { parseTemplate, placeholders, PLACEHOLDER_TYPES, showTemplate, type Placeholder } from './template';
export { formatCheatProblem, type CheatProblem } from './problems';
export type { CheatEntry, CheatSection, CheatSheet, Lang, Text } from './types';
