import { lintParsed } from './lint';
import { parseSheetFile, toSheet } from './load';
import type { CheatProblem } from './problems';
import type { CheatSheet } from './types';

/**
 * The learner's own cheat sheet file. Same format as the shipped files; entries need no example
 * (CI never runs them). Entries with problems are reported and the file's entries left out.
 */
export function loadPersonal(path: string, root: string): { sheet: CheatSheet | null; problems: CheatProblem[] } {
  const { parsed, problems } = parseSheetFile(path, root);
  if (!parsed) return { sheet: null, problems };
  problems.push(...lintParsed([parsed], { shipped: false }));
  return { sheet: problems.length ? null : toSheet([parsed], { personal: true }), problems };
}
