import { createInterface } from 'node:readline/promises';
import type { Args } from '../cli/args';
import { printJson, println } from '../cli/output';
import { UserError } from '../errors';
import { fill, type StringKey } from '../i18n/strings';
import type { Lang } from '../lessons/schema';
import { openProgress } from '../progress/store';
import { reapSessions, type ReapWhich } from '../sandbox/reap';
import { isEmpty } from '../sandbox/remove';
import { connect, pickLang } from './context';
import { removeLiveLab } from '../kube/live/cleanup';

/** Asks a yes/no question at the terminal; true only for an explicit yes. */
export type Confirm = (question: string) => Promise<boolean>;

const askAtTerminal: Confirm = async (question) => {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^(y|yes|예|네)$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
};

/**
 * Remove this learner's ended sessions' leftovers; --all: all of this learner's sessions, running
 * ones too; --everyone: every learner's sessions on this engine (asks first; --yes without a
 * terminal). Never anything that is not a sandbox object.
 */
export async function run(
  args: Args,
  deps: { confirm?: Confirm; isTerminal?: boolean; reap?: typeof reapSessions } = {},
): Promise<number> {
  const lang: Lang = pickLang(args, openProgress().store.data().lang);
  const say = (key: StringKey, vars: Record<string, string | number> = {}) => fill(lang, key, vars);
  const which: ReapWhich = args.flags.everyone ? 'everyone' : args.flags.all ? 'mine' : 'mine-dead';
  if (which === 'everyone' && !args.flags.yes) {
    const terminal = deps.isTerminal ?? (process.stdin.isTTY === true && process.stdout.isTTY === true);
    if (!terminal) throw new UserError(say('cleanEveryoneNeedsYes'), say('cleanEveryoneNeedsYesTry'));
    if (!(await (deps.confirm ?? askAtTerminal)(say('cleanEveryoneAsk')))) {
      println(say('cleanCancelled'));
      return 1;
    }
  }
  const api = connect();
  try {
    const report = await (deps.reap ?? reapSessions)(api, { which });
    // This learner's live lab too (their namespaces on the current context), with --all/--everyone.
    const live = which === 'mine-dead' || deps.reap ? null : await removeLiveLab();
    if (args.flags.json) printJson(live ? { ...report, kubernetes: live } : report);
    else if (isEmpty(report.removed) && report.sessions.length === 0) println(say('cleanNothing'));
    else {
      println(say('cleanDone', { n: report.sessions.length }));
      for (const [kind, names] of Object.entries(report.removed)) if (names.length) println(`  ${kind}: ${names.join(', ')}`);
    }
    if (!args.flags.json && live?.namespaces.length) println(`  namespaces (${live.context}): ${live.namespaces.join(', ')}`);
    return 0;
  } finally {
    api.close();
  }
}
