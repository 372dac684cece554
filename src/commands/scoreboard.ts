import type { Args } from '../cli/args';
import { printJson } from '../cli/output';
import { UserError } from '../errors';
import { pickLang } from '../i18n/lang';
import { peekProgress } from '../progress/peek';
import { readReports } from '../report/read';
import { buildScoreboard, scoreboardMarkdown } from '../report/scoreboard';
import { groupKey } from './report';

/**
 * `ctr-learn scoreboard <report files…> [--md | --json]`: who passed what, what the group found
 * hard, and the reports whose signature does not match the group key, by name. Reads files only:
 * no server, nothing sent anywhere.
 */
export async function run(args: Args): Promise<number> {
  if (args.positionals.length === 0) throw new UserError('Which reports?', 'ctr-learn scoreboard alice.md bob.md ... (the files members shared)');
  const key = groupKey(args);
  if (!key) throw new UserError('No group key is set, so no report can be checked.', 'ctr-learn group key set <the group secret> (or --key-file FILE)');
  // A facilitator runs `scoreboard *.md` over a chat download: files that are not reports are
  // listed as not counted (with why), and the rest are scored.
  const { reports, notReports } = readReports(args.positionals);
  const board = buildScoreboard(reports, key, notReports);
  if (args.flags.json) printJson(board);
  else process.stdout.write(scoreboardMarkdown(board, pickLang(args, peekProgress().data.lang)));
  // Exit 1 when a file was not counted, so a script notices.
  return board.flagged.length || board.notReports.length ? 1 : 0;
}
